#!/usr/bin/env python3
"""Writes a synthetic results directory the size of the first paper's breakpoint experiment.

4 cells (kubeadm, k3s, microk8s, k0s) x 10 repetitions x 32 minutes of load (a 30-minute ramp of
0..20,000 users and a 2-minute cooldown), after an install and a deploy whose lengths differ from
run to run, with 5 nodes (master, 3 workers, loader) sampled every 5 s, a breakpoint per run and
503s once the function saturates: the files and columns `kexp run` writes (load.csv, nodes.csv,
events.jsonl, manifest.json). The numbers are made up, deterministic for a seed, and shaped like
the paper's: throughput that climbs, saturates and falls when errors set in.

    bench/paper-sized.py DIR [--cells 4] [--reps 10] [--minutes 32] [--seed 1]

Then `./kexp report DIR` (bench/paper-report.sh times it).
"""
import argparse
import json
import math
import os
import random

CELLS = ["kubeadm", "k3s", "microk8s", "k0s"]
T0 = 1_800_000_000_000
LOAD_HEADER = ("epoch_ms,second,phase,target,active,sent,completed,errors,dropped,rps,"
               "p50_ms,p90_ms,p99_ms,p999_ms,max_ms,err_http_4xx,err_http_5xx,"
               "err_connect_refused,err_reset,err_timeout,err_other\n")
NODE_HEADER = ("epoch_ms,node,role,cpu_pct,mem_pct,disk_read_bps,disk_write_bps,disk_util_pct,"
               "net_rx_bps,net_tx_bps\n")
NODES = [("node0", "master"), ("node1", "worker"), ("node2", "worker"), ("node3", "worker"),
         ("node4", "loader")]


def event(t, name, phase=None, index=None, **more):
    e = {"epoch_ms": t, "event": name}
    if phase is not None:
        e["phase"] = phase
        e["index"] = index
    e.update(more)
    return json.dumps(e, separators=(",", ":")) + "\n"


def run(out, cell_index, rep, minutes, rnd):
    os.makedirs(out, exist_ok=True)
    # one run after the other, 45 minutes apart (32 of load, install, deploy, a 5-minute pause)
    start = T0 + (cell_index * 10 + rep - 1) * 45 * 60_000
    install = rnd.uniform(60, 140)
    deploy = rnd.uniform(20, 45)
    ramp_s = (minutes - 2) * 60
    cool_s = 120
    capacity = 900 + 350 * cell_index + rnd.gauss(0, 40)  # req/s the function can serve
    phases = [("install", install), ("deploy", deploy), ("ramp", ramp_s), ("cooldown", cool_s)]
    events, t = [], start
    bounds = {}
    for i, (name, length) in enumerate(phases):
        events.append(event(int(t), "phase-start", name, i))
        bounds[name] = (t, t + length * 1000)
        t += length * 1000
        events.append(event(int(t), "phase-end", name, i))
    end = t
    load_start = bounds["ramp"][0]
    broke = None
    with open(os.path.join(out, "load.csv"), "w") as f:
        f.write(LOAD_HEADER)
        for s in range(ramp_s + cool_s):
            ramp = s < ramp_s
            target = 20000 * (s + 0.5) / ramp_s if ramp else 0
            active = round(target) if ramp else 0
            offered = active * 1.2  # a user's request rate with ~0.8 s per request
            served = min(offered, capacity) * (1 + rnd.gauss(0, 0.03))
            over = max(0.0, offered - capacity)
            e5xx = over * 0.6 if ramp else 0
            timeouts = over * 0.05 if ramp else 0
            completed = max(0.0, served + e5xx)
            errors = e5xx + timeouts
            sent = completed + timeouts
            if broke is None and ramp and sent > 0 and errors / sent > 0.05:
                broke = s
            sat = min(1.0, offered / capacity) if capacity else 1
            p50 = 40 + 400 * sat ** 4 + rnd.uniform(0, 5)
            f.write("%d,%d,%s,%.3f,%d,%d,%d,%d,0,%.1f,%.2f,%.2f,%.2f,%.2f,%.2f,0,%d,0,0,%d,0\n" % (
                load_start + s * 1000, s, "ramp" if ramp else "cooldown", target, active,
                sent, completed, errors, completed, p50, p50 * 1.6, p50 * 3, p50 * 4, p50 * 6,
                e5xx, timeouts))
    if broke is not None:
        events.append(event(int(bounds["ramp"][1]), "breakpoint", "ramp", 2, second=broke + 10,
                            target=20000 * broke / ramp_s, rps=capacity, error_share=0.06,
                            p99_ms=900, abort=False))
    with open(os.path.join(out, "events.jsonl"), "w") as f:
        f.writelines(sorted(events, key=lambda line: json.loads(line)["epoch_ms"]))
    with open(os.path.join(out, "nodes.csv"), "w") as f:
        f.write(NODE_HEADER)
        t = start
        while t < end:
            in_load = load_start <= t < bounds["ramp"][1]
            share = (t - load_start) / (ramp_s * 1000) if in_load else 0
            for node, role in NODES:
                base = {"master": 25, "worker": 10, "loader": 5}[role] + 4 * cell_index
                cpu = min(100, base + (70 if role == "worker" else 30) * share + rnd.uniform(0, 4))
                mem = min(100, 30 + 10 * cell_index + 20 * share + rnd.uniform(0, 2))
                f.write("%d,%s,%s,%.1f,%.1f,0,%d,%.1f,%d,%d\n" % (
                    t + 200, node, role, cpu, mem, rnd.uniform(1e5, 3e6),
                    rnd.uniform(0, 30), 1e6 * share, 1e6 * share))
            t += 5000
    return start, end


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("dir")
    ap.add_argument("--cells", type=int, default=4)
    ap.add_argument("--reps", type=int, default=10)
    ap.add_argument("--minutes", type=int, default=32)
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args()
    rnd = random.Random(a.seed)
    runs, first, last = [], None, None
    for c in range(a.cells):
        cell = CELLS[c] if c < len(CELLS) else "cell%d" % (c + 1)
        for r in range(1, a.reps + 1):
            rel = "runs/%s/rep-%02d" % (cell, r)
            s, e = run(os.path.join(a.dir, rel), c, r, a.minutes, rnd)
            first = s if first is None else min(first, s)
            last = e if last is None else max(last, e)
            runs.append({"id": "%s/rep-%02d" % (cell, r), "cell": cell, "repetition": r,
                         "status": "complete", "dir": rel})
    iso = lambda ms: __import__("datetime").datetime.utcfromtimestamp(ms / 1000).strftime(
        "%Y-%m-%dT%H:%M:%SZ")
    manifest = {"kexp": "synthetic", "java": "-", "os": "-",
                "experiment": "paper-sized (synthetic)", "file": "experiment.kexp",
                "started": iso(first), "ended": iso(last), "status": "complete", "runs": runs}
    with open(os.path.join(a.dir, "manifest.json"), "w") as f:
        json.dump(manifest, f)
    with open(os.path.join(a.dir, "experiment.kexp"), "w") as f:
        f.write("// synthetic: written by bench/paper-sized.py, not run\n")
    with open(os.path.join(a.dir, "plan.txt"), "w") as f:
        f.write("synthetic: written by bench/paper-sized.py, not run\n")


if __name__ == "__main__":
    main()

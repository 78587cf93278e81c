"""Medians per tool and scenario from results.tsv, and the ratios the load-engine issue sets bars for."""
import csv
import statistics
import sys
from collections import defaultdict

rows = list(csv.DictReader(open(sys.argv[1]), delimiter="\t"))
cells = defaultdict(list)
for r in rows:
    cells[(r["tool"], r["scenario"])].append(r)

def med(rs, key):
    vals = [float(r[key]) for r in rs if r[key] not in ("", None)]
    return statistics.median(vals) if vals else float("nan")

print("| tool | scenario | runs | req/s (median) | each run | p50 ms | p99 ms | errors | dropped | CPU s | peak RSS MiB |")
print("|---|---|---|---|---|---|---|---|---|---|---|")
for (tool, scenario), rs in cells.items():
    print("| %s | %s | %d | %.0f | %s | %.3f | %.3f | %.0f | %.0f | %.1f | %.0f |" % (
        tool, scenario, len(rs), med(rs, "rps"), " / ".join("%.0f" % float(r["rps"]) for r in rs),
        med(rs, "p50_ms"), med(rs, "p99_ms"), med(rs, "errors"), med(rs, "dropped"), med(rs, "cpu_s"), med(rs, "peak_rss_mib")))

print()
print("| ratio (medians) | value | bar |")
print("|---|---|---|")
bars = {"100": (0.7, 1.5), "1000": (0.5, 1.5), "19000": (0.3, None)}
for c, (wrk_bar, hey_bar) in bars.items():
    k = med(cells.get(("kexp", "closed c" + c), []), "rps")
    w = med(cells.get(("wrk", "closed c" + c), []), "rps")
    h = med(cells.get(("hey", "closed c" + c), []), "rps")
    print("| kexp / wrk at %s connections | %.2f | >= %.1f |" % (c, k / w if w else float("nan"), wrk_bar))
    if hey_bar:
        print("| kexp / hey at %s connections | %.2f | >= %.1f |" % (c, k / h if h else float("nan"), hey_bar))

# Open model: achieved versus target, and p50 against wrk's at the nearest throughput.
low = [(med(rs, "rps"), med(rs, "p50_ms"), scenario) for (tool, scenario), rs in cells.items()
       if tool == "wrk" and scenario.startswith("low ")]
opens = [(scenario, rs) for (tool, scenario), rs in cells.items() if tool == "kexp" and scenario.startswith("open ")]
if opens:
    print()
    print("| open model target | achieved | within 1 %? | dropped | p50 ms | wrk at nearest req/s | wrk p50 ms | p50 / wrk p50 (bar <= 1.2) |")
    print("|---|---|---|---|---|---|---|---|")
    for scenario, rs in opens:
        target = float(scenario.split()[1].rstrip("/s"))
        achieved = med(rs, "rps")
        p50 = med(rs, "p50_ms")
        near = min(low, key=lambda l: abs(l[0] - achieved)) if low else (float("nan"), float("nan"), "")
        print("| %.0f/s | %.0f | %s | %.0f | %.3f | %.0f (%s) | %.3f | %.2f |" % (
            target, achieved, "yes" if abs(achieved - target) <= 0.01 * target else "no", med(rs, "dropped"),
            p50, near[0], near[2], near[1], p50 / near[1] if near[1] else float("nan")))

#!/usr/bin/env bash
# The loader benchmark: the same `kexp run` load phase against the same nginx, sent from this
# machine, from one loader node and from two loader nodes (kexp's agent over SSH), alternating, so
# machine noise hits every mode alike. The loader nodes are an sshd on 127.0.0.2 and 127.0.0.3 of
# this machine, as in the tests. Writes bench/results/loaders-<stamp>/ with each run's results
# directory and summary.md (the table BENCHMARKS.md quotes).
#
#   bench/loaders.sh                  # 2 runs per mode, 60 s phases (about 8 minutes)
#   RUNS=1 SECS=30 bench/loaders.sh   # a quick look
#
# Needs root (a user and an sshd for the loader nodes), nginx, and the kexp jar (./kexp builds it).
# The figure per run is the median req/s of the phase's second half: a new JVM (the agent's too)
# compiles its hot paths over its first 20-30 s on 2 cores.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
RUNS="${RUNS:-2}"
SECS="${SECS:-60}"
USERS="${USERS:-100}"
PORT="${PORT:-18090}"
SSH_PORT="${SSH_PORT:-2299}"
USER_NAME=kexpbench
out="$here/results/loaders-$(date +%Y%m%d-%H%M%S)"
mkdir -p "$out/nginx" "$out/sshd"
"$root/kexp" --version >/dev/null # builds the jar if a source changed
[ "$(id -u)" = 0 ] || { echo "bench: needs root (an sshd and a user for the loader nodes)"; exit 2; }
for tool in nginx /usr/sbin/sshd ssh-keygen; do command -v "$tool" >/dev/null || { echo "bench: $tool is missing"; exit 2; }; done
ulimit -n "$(ulimit -Hn)"

. "$here/nginx.sh"
start_nginx "$out" "$PORT"

# The loader nodes: one sshd listening on two loopback addresses, a user with a fresh key.
id "$USER_NAME" >/dev/null 2>&1 || useradd -m -s /bin/bash "$USER_NAME"
usermod -p '*' "$USER_NAME"
home="$(getent passwd "$USER_NAME" | cut -d: -f6)"
ssh-keygen -q -t ed25519 -N '' -f "$out/sshd/id_ed25519"
ssh-keygen -q -t ed25519 -N '' -f "$out/sshd/host_ed25519"
install -d -m 700 -o "$USER_NAME" "$home/.ssh"
cp "$out/sshd/id_ed25519.pub" "$home/.ssh/authorized_keys"
chown "$USER_NAME" "$home/.ssh/authorized_keys" && chmod 600 "$home/.ssh/authorized_keys"
mkdir -p /run/sshd && chmod 0755 /run/sshd
cat > "$out/sshd/sshd_config" <<CONF
ListenAddress 127.0.0.2:$SSH_PORT
ListenAddress 127.0.0.3:$SSH_PORT
HostKey $out/sshd/host_ed25519
PidFile $out/sshd/sshd.pid
PasswordAuthentication no
KbdInteractiveAuthentication no
PubkeyAuthentication yes
PermitRootLogin no
UsePAM no
AllowUsers $USER_NAME
Subsystem sftp internal-sftp
CONF
/usr/sbin/sshd -f "$out/sshd/sshd_config" -E "$out/sshd/sshd.log"
trap 'kill "$(cat "$out/nginx/nginx.pid")" "$(cat "$out/sshd/sshd.pid")" 2>/dev/null || true' EXIT
hostkey="$(cut -d' ' -f1-2 "$out/sshd/host_ed25519.pub")"
printf '[127.0.0.2]:%s %s\n[127.0.0.3]:%s %s\n' "$SSH_PORT" "$hostkey" "$SSH_PORT" "$hostkey" > "$out/sshd/known_hosts"
sleep 0.5

experiment() { # mode, cluster
  cat > "$out/$1.kexp" <<KEXP
experiment 'loaders-$1' {
    cluster {
        $2
        ssh user: '$USER_NAME', key: '$out/sshd/id_ed25519', port: $SSH_PORT
    }
    load { target 'http://127.0.0.1:$PORT/' }
    phases { hold $USERS over $SECS.s }
}
KEXP
}
experiment local "local"
experiment one "loader '127.0.0.2'"
experiment two "loaders '127.0.0.2', '127.0.0.3'"

printf 'mode\trun\trps_second_half\n' > "$out/results.tsv"
for r in $(seq 1 "$RUNS"); do
  for mode in local one two; do
    "$root/kexp" run "$out/$mode.kexp" -o "$out/$mode-$r" --known-hosts "$out/sshd/known_hosts" > "$out/$mode-$r.txt" 2>&1 || { echo "bench: $mode run $r failed, see $out/$mode-$r.txt"; exit 1; }
    csv="$(find "$out/$mode-$r/runs" -name load.csv | head -n 1)"
    rps="$(python3 - "$csv" <<'PY'
import csv, statistics, sys
rows = list(csv.DictReader(open(sys.argv[1])))
half = rows[len(rows) // 2:]
print("%.0f" % statistics.median(float(r["rps"]) for r in half))
PY
)"
    printf '%s\t%s\t%s\n' "$mode" "$r" "$rps" >> "$out/results.tsv"
    echo "$mode run $r: $rps req/s"
  done
done

python3 - "$out/results.tsv" "$USERS" "$SECS" > "$out/summary.md" <<'PY'
import csv, statistics, sys
rows = list(csv.DictReader(open(sys.argv[1]), delimiter="\t"))
by = {}
for r in rows: by.setdefault(r["mode"], []).append(float(r["rps_second_half"]))
med = {m: statistics.median(v) for m, v in by.items()}
names = {"local": "from this machine", "one": "from one loader node (agent over SSH)", "two": "from two loader nodes (agents over SSH)"}
print("| mode | runs | req/s (median of the second half) | each run |")
print("|---|---|---|---|")
for m in ("local", "one", "two"):
    print("| %s | %d | %.0f | %s |" % (names[m], len(by[m]), med[m], " / ".join("%.0f" % v for v in by[m])))
print()
print("| ratio (medians) | value | bar |")
print("|---|---|---|")
print("| one loader / this machine | %.2f | >= 0.9 |" % (med["one"] / med["local"]))
print("| two loaders / one loader | %.2f | >= 1.0 |" % (med["two"] / med["one"]))
print()
print("%s users, held %s s, against nginx on 127.0.0.1 (1 worker)." % (sys.argv[2], sys.argv[3]))
PY
cat "$out/summary.md"

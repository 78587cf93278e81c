#!/usr/bin/env bash
# The load-generator benchmark: wrk, hey and `kexp load` against the same nginx on loopback, in one
# run, alternating, so machine noise hits every tool alike. Writes bench/results/<stamp>/ with raw
# output, results.tsv and summary.md (the table BENCHMARKS.md quotes).
#
#   bench/run.sh            # full: 2 runs per cell, 10 s each (about 13 minutes)
#   RUNS=1 SECS=5 bench/run.sh   # a quick look
#
# Needs: nginx, wrk, hey, GNU time (apt-get install nginx-light wrk hey time), and the kexp jar
# (./kexp builds it). nginx runs with 1 worker, `return 200`, access log off, keep-alive unlimited.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
RUNS="${RUNS:-2}"
SECS="${SECS:-10}"
WARM="${WARM:-3}"            # wrk and hey: native code, warm after a moment
WARM_KEXP="${WARM_KEXP:-30}" # kexp: the JVM compiles its hot paths over about 30 s on 2 cores
PORT="${PORT:-18089}"
out="$here/results/$(date +%Y%m%d-%H%M%S)"
mkdir -p "$out/raw" "$out/nginx"
jar="$root/runtime/target/kexp-all.jar"
"$root/kexp" --version >/dev/null # builds the jar if a source changed
for tool in nginx wrk hey /usr/bin/time; do command -v "$tool" >/dev/null || { echo "bench: $tool is missing (apt-get install nginx-light wrk hey time)"; exit 2; }; done
ulimit -n "$(ulimit -Hn)"

. "$here/nginx.sh"
start_nginx "$out" "$PORT"
trap 'kill "$(cat "$out/nginx/nginx.pid")" 2>/dev/null || true' EXIT
url="http://127.0.0.1:$PORT/"
sleep 0.5

printf 'tool\tscenario\trun\trps\tp50_ms\tp99_ms\terrors\tdropped\tcpu_s\tpeak_rss_mib\n' > "$out/results.tsv"
row() { printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$@" >> "$out/results.tsv"; }

# /usr/bin/time -f "%U %S %M" appends user s, system s and peak RSS KiB to a file.
timed() { local f="$1"; shift; /usr/bin/time -o "$f.time" -f "%U %S %M" "$@" > "$f" 2>&1 || true; }
cpu() { awk '{printf "%.2f", $1 + $2}' "$1.time"; }
rss() { awk '{printf "%.0f", $3 / 1024}' "$1.time"; }
ms() { # wrk's latency units to ms
  awk -v v="$1" 'BEGIN { if (v ~ /us$/) { sub(/us$/, "", v); printf "%.3f", v / 1000 } else if (v ~ /ms$/) { sub(/ms$/, "", v); printf "%.3f", v } else if (v ~ /s$/) { sub(/s$/, "", v); printf "%.3f", v * 1000 } else print v }'
}

run_wrk() { local c="$1" r="$2" f="$out/raw/wrk-c$c-$r.txt"
  wrk -t2 -c"$c" -d"${WARM}s" "$url" > /dev/null 2>&1 || true
  timed "$f" wrk -t2 -c"$c" -d"${SECS}s" --latency "$url"
  local rps p50 p99 err
  rps=$(awk '/Requests\/sec/ {print $2}' "$f")
  p50=$(ms "$(awk '$1 == "50%" {print $2}' "$f")"); p99=$(ms "$(awk '$1 == "99%" {print $2}' "$f")")
  err=$(awk '/Non-2xx|Socket errors/ {for (i = 1; i <= NF; i++) if ($i ~ /^[0-9]+,?$/) s += $i} END {print s + 0}' "$f")
  row wrk "closed c$c" "$r" "$rps" "$p50" "$p99" "$err" 0 "$(cpu "$f")" "$(rss "$f")"
}
run_hey() { local c="$1" r="$2" f="$out/raw/hey-c$c-$r.txt"
  hey -c "$c" -z "${WARM}s" "$url" > /dev/null 2>&1 || true
  timed "$f" hey -c "$c" -z "${SECS}s" "$url"
  local rps p50 p99 ok total
  rps=$(awk '/Requests\/sec/ {print $2}' "$f")
  p50=$(awk '/ 50% in / {printf "%.3f", $3 * 1000}' "$f"); p99=$(awk '/ 99% in / {printf "%.3f", $3 * 1000}' "$f")
  ok=$(awk '/\[200\]/ {print $2}' "$f"); total=$(awk '/Requests\/sec/ {r = $2} /Total:/ {t = $2} END {printf "%.0f", r * t}' "$f")
  row hey "closed c$c" "$r" "$rps" "$p50" "$p99" "$(( ${total:-0} > ${ok:-0} ? ${total:-0} - ${ok:-0} : 0 ))" 0 "$(cpu "$f")" "$(rss "$f")"
}
kexp_row() { local scenario="$1" r="$2" f="$3" j="$4"
  python3 - "$j" "$scenario" "$r" "$(cpu "$f")" "$(rss "$f")" >> "$out/results.tsv" <<'PY'
import json, sys
j = json.load(open(sys.argv[1])); l = j["latency_ms"]
print("\t".join(["kexp", sys.argv[2], sys.argv[3], "%.0f" % j["rps"], "%.3f" % l["p50"], "%.3f" % l["p99"], str(j["errors"]), str(j["dropped"]), sys.argv[4], sys.argv[5]]))
PY
}
run_kexp() { local c="$1" r="$2" f="$out/raw/kexp-c$c-$r.txt" j="$out/raw/kexp-c$c-$r.json"
  timed "$f" "$root/kexp" load "$url" --users "$c" --duration "${SECS}s" --warmup "${WARM_KEXP}s" --json "$j"
  kexp_row "closed c$c" "$r" "$f" "$j"
}

for c in 100 1000 19000; do
  for r in $(seq 1 "$RUNS"); do
    run_wrk "$c" "$r"; run_hey "$c" "$r"; run_kexp "$c" "$r"
  done
done

# Open model: targets at 20, 40, 60 and 80 % of kexp's best closed-model median above (the bar: within
# 1 % of each target), latency from the intended send time.
max_rps=$(awk -F'\t' '$1 == "kexp" && $2 ~ /^closed/ {print $2 "\t" $4}' "$out/results.tsv" |
  python3 -c 'import sys, statistics, collections
c = collections.defaultdict(list)
for line in sys.stdin:
    s, r = line.rstrip("\n").split("\t"); c[s].append(float(r))
print(int(max(statistics.median(v) for v in c.values())))')
RATES="${RATES:-$(python3 -c "print(' '.join(str(round($max_rps * f / 100) * 100) for f in (0.2, 0.4, 0.6, 0.8)))")}"
for rate in $RATES; do
  f="$out/raw/kexp-rate$rate.txt"; j="$out/raw/kexp-rate$rate.json"
  timed "$f" "$root/kexp" load "$url" --rate "$rate" --duration "${SECS}s" --warmup "${WARM_KEXP}s" --json "$j"
  kexp_row "open ${rate}/s" 1 "$f" "$j"
done
# wrk cannot hold a rate, so the latency to compare with comes from wrk runs with few connections,
# whose throughputs bracket the targets; the summary pairs each target with the nearest one.
for c in 1 2 4 8 16 32; do
  f="$out/raw/wrk-low-c$c.txt"
  wrk -t1 -c"$c" -d2s "$url" > /dev/null 2>&1 || true
  timed "$f" wrk -t1 -c"$c" -d"${SECS}s" --latency "$url"
  row wrk "low c$c" 1 "$(awk '/Requests\/sec/ {print $2}' "$f")" "$(ms "$(awk '$1 == "50%" {print $2}' "$f")")" \
    "$(ms "$(awk '$1 == "99%" {print $2}' "$f")")" 0 0 "$(cpu "$f")" "$(rss "$f")"
done

# 19,000 users, each thinking 10 s between requests, held 60 s: memory and errors at scale.
f="$out/raw/kexp-think.txt"; j="$out/raw/kexp-think.json"
timed "$f" "$root/kexp" load "$url" --users 19000 --think 10s --duration "${HOLD:-60}s" --json "$j"
kexp_row "19000 users, think 10s, ${HOLD:-60}s" 1 "$f" "$j"

python3 "$here/summarize.py" "$out/results.tsv" > "$out/summary.md"
cat "$out/summary.md"
echo "results: $out"

#!/usr/bin/env bash
# The report at paper scale: writes a synthetic results directory the size of the first paper's
# breakpoint experiment (bench/paper-sized.py: 4 cells x 10 runs x 32 min) and times
# `kexp report` on it with a 512 MB heap, RUNS times, with the launcher's flags. Prints wall and CPU
# seconds, peak RSS and the size of each report file.
#
#   bench/paper-report.sh          # RUNS=3
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
RUNS="${RUNS:-3}"
dir="$(mktemp -d)/paper-sized"
python3 "$here/paper-sized.py" "$dir"
"$root/kexp" --version >/dev/null # builds the jar if a source changed
jar="$root/runtime/target/kexp-all.jar"
# As the launcher runs `kexp report` (C1 only, see kexp), with the heap capped at 512 MB.
for i in $(seq "$RUNS"); do
  /usr/bin/time -f "run $i: %e s wall, %U s user, %S s sys, peak RSS %M KB" \
    java -XX:+UseParallelGC -XX:TieredStopAtLevel=1 -Xmx512m -jar "$jar" report "$dir" >/dev/null
done
# The same with both compilers (the JVM's default), for comparison.
/usr/bin/time -f "C1+C2: %e s wall, %U s user, %S s sys, peak RSS %M KB" \
  java -XX:+UseParallelGC -Xmx512m -jar "$jar" report "$dir" >/dev/null
( cd "$dir" && ls -l report.html summary.json summary.csv series.csv significance.csv figures.tex | awk '{print $5, $9}' )
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
rm -rf "$(dirname "$dir")"

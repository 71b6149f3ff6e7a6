#!/bin/sh
# Wall time of the short commands of an assembled distribution: each command RUNS times
# (default 10), after one run that writes the class-data-sharing archive; prints the fastest
# and the median run in seconds.
#   distribution/bench/startup-time.sh [NEURITE_HOME] [RUNS]
set -eu
here=$(cd "$(dirname "$0")" && pwd)
home=${1:-$(ls -d "$here"/../target/neurite-*/ 2>/dev/null | head -n 1)}
runs=${2:-10}
[ -x "$home/bin/neurite" ] || { echo "no bin/neurite under '$home'; run mvn package first" >&2; exit 2; }

seconds_now() { date +%s.%N; }

for command in version layers; do
    "$home/bin/neurite" "$command" >/dev/null 2>&1 || true
    times=
    i=0
    while [ "$i" -lt "$runs" ]; do
        start=$(seconds_now)
        "$home/bin/neurite" "$command" >/dev/null 2>&1
        end=$(seconds_now)
        times="$times $(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.3f", b - a }')"
        i=$((i + 1))
    done
    echo "$times" | tr ' ' '\n' | grep . | sort -n | awk -v c="$command" -v n="$runs" \
        '{ t[NR] = $1 } END { printf "neurite %-8s fastest %.3f s  median %.3f s  (%d runs)\n", c, t[1], t[int((NR + 1) / 2)], n }'
done

#!/usr/bin/env bash
# Times the start-up of the neurite command: `neurite version` and `neurite layers`, each run
# several times, and prints the median wall time (the figure the project holds to: < 1 s each).
#
# Usage: bench/cli-startup.sh [RUNS]            (default 10 timed runs per command, after 2 warm-ups)
#
# What it runs, in order of preference:
#   1. $NEURITE, if set: any bin/neurite, such as an unpacked release.
#   2. The assembled distribution: distribution/target/neurite-*/bin/neurite (built by
#      `mvn -B package`); its first run also creates the class-data-sharing archive and unpacks
#      the plugin zips, which the warm-up runs absorb.
#   3. Fallback, before a distribution exists: java -cp with the launcher's classes and
#      dependencies from this checkout (`mvn -B -o -pl launcher -am compile` first). No CDS
#      archive and no plugins folder, so it measures a slower start than a release has.
# Uses hyperfine when installed (apt-get install -y hyperfine), else (or with TIMER=loop) a bash
# loop with date +%s%N.
set -euo pipefail

runs=${1:-10}
warmup=2
root=$(cd "$(dirname "$0")/.." && pwd)

neurite=()
if [ -n "${NEURITE:-}" ]; then
    neurite=("$NEURITE")
    what="$NEURITE"
else
    dist=$(ls -d "$root"/distribution/target/neurite-*/bin/neurite 2>/dev/null | sort | tail -n 1 || true)
    if [ -n "$dist" ] && [ -x "$dist" ]; then
        neurite=("$dist")
        what="$dist"
    else
        cpfile=$(mktemp)
        trap 'rm -f "$cpfile"' EXIT
        (cd "$root" && mvn -q -B -o -pl launcher dependency:build-classpath -Dmdep.includeScope=runtime \
            -Dmdep.outputFile="$cpfile" >/dev/null)
        deps=$(tr ':' '\n' < "$cpfile" | grep -v '/org/neurite/' | paste -sd: -)
        cp="$root/launcher/target/classes:$root/engine/target/classes:$root/api/target/classes:$deps"
        neurite=(java --add-modules jdk.incubator.vector -cp "$cp" org.neurite.launcher.Main)
        what="java -cp (fallback: no distribution under $root/distribution/target)"
    fi
fi

echo "neurite: $what"
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "runs:    $runs timed (after $warmup warm-up) per command"
echo

# Each command must work before it is timed.
for args in "version" "layers"; do
    # shellcheck disable=SC2086
    if ! "${neurite[@]}" $args >/dev/null 2>&1; then
        echo "neurite $args failed; run it by hand to see why" >&2
        exit 1
    fi
done

# Prints "median min max" in milliseconds for one command.
time_loop() {
    local args=$1 times=() i start end
    for ((i = 0; i < warmup; i++)); do
        # shellcheck disable=SC2086
        "${neurite[@]}" $args >/dev/null 2>&1
    done
    for ((i = 0; i < runs; i++)); do
        start=$(date +%s%N)
        # shellcheck disable=SC2086
        "${neurite[@]}" $args >/dev/null 2>&1
        end=$(date +%s%N)
        times+=($(((end - start) / 1000000)))
    done
    printf '%s\n' "${times[@]}" | sort -n | awk '{ t[NR] = $1 } END {
        m = (NR % 2) ? t[(NR + 1) / 2] : (t[NR / 2] + t[NR / 2 + 1]) / 2
        printf "%d %d %d\n", m, t[1], t[NR] }'
}

time_hyperfine() {
    local args=$1 json
    json=$(mktemp)
    local command
    command=$(printf '%q ' "${neurite[@]}")
    hyperfine --style none --warmup "$warmup" --runs "$runs" --export-json "$json" \
        "$command $args" >/dev/null
    python3 -c 'import json,sys; r=json.load(open(sys.argv[1]))["results"][0]
print("%d %d %d" % (r["median"]*1000, r["min"]*1000, r["max"]*1000))' "$json"
    rm -f "$json"
}

timer=time_loop
if [ "${TIMER:-}" != loop ] && command -v hyperfine >/dev/null && command -v python3 >/dev/null; then
    timer=time_hyperfine
fi
echo "timer:   ${timer#time_}"
echo
printf '%-18s %10s %8s %8s  %s\n' "command" "median ms" "min ms" "max ms" "< 1 s"
for args in "version" "layers"; do
    read -r median min max < <($timer "$args")
    verdict=yes
    [ "$median" -lt 1000 ] || verdict=NO
    printf '%-18s %10d %8d %8d  %s\n' "neurite $args" "$median" "$min" "$max" "$verdict"
done

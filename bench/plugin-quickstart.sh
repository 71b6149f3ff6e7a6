#!/bin/sh
# Times the plugin author's path from a fresh clone, following the README's steps only:
# clone, build the distribution, install the parent/api/engine/test kit, build and test the
# template plugin, list plugins and train its example config.
#
#   bench/plugin-quickstart.sh [REPOSITORY] [WORK_DIR]
#
# REPOSITORY defaults to this checkout; WORK_DIR (default target/plugin-quickstart) receives the
# clone, a local Maven repository without Neurite artifacts (third-party artifacts are linked in
# from ~/.m2, so the build runs offline and writes nothing there) and the plugin cache.
set -e
here=$(cd "$(dirname "$0")/.." && pwd)
source_repo=${1:-$here}
work=${2:-$here/target/plugin-quickstart}
rm -rf "$work"; mkdir -p "$work/repository/org"
for e in "$HOME"/.m2/repository/*; do [ "$(basename "$e")" != org ] && ln -s "$e" "$work/repository/"; done
for e in "$HOME"/.m2/repository/org/*; do [ "$(basename "$e")" != neurite ] && ln -s "$e" "$work/repository/org/"; done
export XDG_CACHE_HOME="$work/cache"
mvn() { command mvn -o -Dmaven.repo.local="$work/repository" "$@"; }
t0=$(date +%s)
git clone -q "$source_repo" "$work/neurite"
cd "$work/neurite"
t1=$(date +%s)
mvn -q -B -DskipTests package
t2=$(date +%s)
mvn -q -B -Dmaven.test.skip -Dmaven.javadoc.skip -pl testkit -am install
t3=$(date +%s)
cd plugin-template && mvn -q -B package
t4=$(date +%s)
../distribution/target/neurite-0.2.0-SNAPSHOT/bin/neurite --plugins-dir target plugins --check
../distribution/target/neurite-0.2.0-SNAPSHOT/bin/neurite --plugins-dir target train examples/spirals-layer-scale.yaml
t5=$(date +%s)
echo "clone $((t1 - t0)) s; distribution $((t2 - t1)) s; install parent, api, engine, test kit $((t3 - t2)) s;" \
     "template with its tests $((t4 - t3)) s; plugins and training $((t5 - t4)) s; total $((t5 - t0)) s;" \
     "load average $(cut -d' ' -f1-3 /proc/loadavg)"

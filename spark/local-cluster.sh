#!/usr/bin/env bash
# Runs the local-cluster suite (LocalClusterSyncTest: the synchronous mode across two executor
# JVMs; LocalClusterBarrierTest: both barrier modes across two executor JVMs and an executor lost
# mid-run; the launcher's LocalClusterTrainTest: neurite train --spark with gradient all-reduce from
# a run config, the executors reading the data file themselves), or with "figures" the barrier overhead figures
# in local-cluster[2,1,2048]. local-cluster starts its executors through a Spark installation's
# launcher: with SPARK_HOME unset this makes a stand-in from the Spark 4.2.0 jars Maven already
# holds (spark/target/spark-home: jars/ linking them, an empty RELEASE, SPARK_SCALA_VERSION=2.13).
#
# Usage: spark/local-cluster.sh [figures]
# Environment: MVN_ARGS="-o" (extra Maven arguments), SPARK_HOME (a Spark 4.2 installation)
set -euo pipefail
cd "$(dirname "$0")/.."

# shellcheck disable=SC2086
mvn -q -B ${MVN_ARGS:-} -pl spark -am test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=test
if [[ -z "${SPARK_HOME:-}" ]]; then
  export SPARK_HOME=$PWD/spark/target/spark-home SPARK_SCALA_VERSION=2.13
  mkdir -p "$SPARK_HOME/jars"
  touch "$SPARK_HOME/RELEASE"
  tr ':' '\n' < spark/target/classpath.txt | grep '\.jar$' | while read -r jar; do ln -sf "$jar" "$SPARK_HOME/jars/"; done
  echo "SPARK_HOME=$SPARK_HOME (a stand-in made of Maven's Spark jars)"
fi
if [[ "${1:-}" == figures ]]; then
  exec bench/spark-barrier.sh 'local-cluster[2,1,2048]' 2
fi
# shellcheck disable=SC2086
mvn -B ${MVN_ARGS:-} -pl spark,launcher -am test -Dtest='LocalCluster*Test' -Dsurefire.failIfNoSpecifiedTests=false

#!/usr/bin/env bash
# Per-step overhead of the Spark barrier modes (gradient all-reduce over the TCP ring, local SGD
# averaging every K = 8 steps) for the Fashion-MNIST MLP's 235,146 parameters, against one
# machine's step: org.neurite.spark.barrier.BarrierOverhead from the spark module's test classes.
#
# Usage: bench/spark-barrier.sh [master] [workers] [steps]
#        (default local[2] 2 48; local-cluster[2,1,2048] needs SPARK_HOME, a Spark 4.2 installation)
# Environment: MVN_ARGS="-o" (extra Maven arguments)
set -euo pipefail
cd "$(dirname "$0")/.."

echo "building the spark module's tests (mvn -pl spark -am test-compile) ..."
# shellcheck disable=SC2086
mvn -q -B ${MVN_ARGS:-} -pl spark -am test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=test
LOG=$(mktemp "${TMPDIR:-/tmp}/spark-barrier.XXXXXX.log")
CP="$PWD/spark/target/test-classes:$PWD/spark/target/classes:$(cat spark/target/classpath.txt)"
java --add-modules jdk.incubator.vector -Xmx2g -cp "$CP" org.neurite.spark.barrier.BarrierOverhead "$@" 2> "$LOG" \
  || { tail -30 "$LOG"; exit 1; }

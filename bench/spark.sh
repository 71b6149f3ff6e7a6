#!/usr/bin/env bash
# The synchronous Spark mode's step times for the Fashion-MNIST MLP (235,146 parameters, 2,048
# rows, global batch 128, micro-batches of 32, Adam) in Spark local[2]: one machine as the trainer
# runs it, one machine with the same micro-batches, and Spark with 1, 2 and 4 partitions; each
# over 3 epochs after a warm-up epoch. Prints the "figure:" lines.
#
# Usage: bench/spark.sh
# Needs: Java 17, Maven; Spark comes from Maven (the module's test class path).
set -euo pipefail
cd "$(dirname "$0")/.."

# shellcheck disable=SC2086
mvn -q -B ${MVN_ARGS:-} -pl spark -am test -Dtest=SyncStepTimes -Dsurefire.failIfNoSpecifiedTests=false \
  -Dneurite.bench=true -Djacoco.skip=true 2>&1 | grep '^figure:'

#!/bin/sh
# Measures the rebalance planner's time per tick with JMH at 10k-1M accounts, a naive pairwise matcher at 10k and
# 20k, and the candidate index's cost per account change; writes the "Planner: one tick" section of
# docs/benchmarks.md. Compiles the reactor's classes (never `mvn install`: siblings come from their target/classes)
# and runs JMH on the daemon's test classpath. Arguments go to Maven, e.g. -o.
# Environment: JMH_OPTS (default "-f 1 -wi 2 -i 3 -w 3s -r 5s"; add e.g. "-p accounts=10000" for a quick look),
# BENCH_OUT (default docs/benchmarks.md).
set -eu
cd "$(dirname "$0")/.."
./mvnw -q -B -pl daemon -am test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test "$@"
CP="daemon/target/test-classes:daemon/target/classes:$(cat daemon/target/bench-classpath.txt)"
JMH_OPTS="${JMH_OPTS:--f 1 -wi 2 -i 3 -w 3s -r 5s}"
RESULTS=daemon/target/jmh-planner.json
# shellcheck disable=SC2086 # JMH_OPTS is a list of options
java -cp "$CP" org.openjdk.jmh.Main $JMH_OPTS -rf json -rff "$RESULTS" 'io\.hubd\.daemon\.rebalance\.bench\..*'
# shellcheck disable=SC2086
java -Xmx3g -cp "$CP" io.hubd.daemon.rebalance.bench.PlannerBenchReport "$RESULTS" "${BENCH_OUT:-docs/benchmarks.md}" $JMH_OPTS

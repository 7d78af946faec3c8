#!/usr/bin/env bash
# The exactly-once soak (io.hubd.daemon.bench.ExactlyOnceSoak): the daemon as a child JVM behind lying RPC
# endpoints, killed with kill -9 while batches are in flight and put through deep reorganisations; prints a table
# and rewrites the "Exactly once" section of docs/benchmarks.md. Exits 1 if anything ran twice, got lost or stalled.
# Usage: scripts/soak-exactly-once.sh [--batches=200] [--kills=40] [--reorg-rounds=1] [--seed=N]
# Extra Maven flags (e.g. -o for offline) go in MAVEN_FLAGS.
set -euo pipefail
cd "$(dirname "$0")/.."

./mvnw -q -B ${MAVEN_FLAGS:-} -pl daemon -am test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/test.classpath -Dmdep.includeScope=test
classpath="daemon/target/test-classes:daemon/target/classes:$(cat daemon/target/test.classpath)"
exec java -Xmx1g -cp "$classpath" io.hubd.daemon.bench.ExactlyOnceSoak "$@"

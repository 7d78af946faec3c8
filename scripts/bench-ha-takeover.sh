#!/usr/bin/env bash
# The HA crash loop (io.hubd.daemon.bench.HaTakeoverSoak): two daemons as child JVMs on one embedded PostgreSQL, the
# active killed with kill -9 round after round under faucet and rebalance load, the standby taking over; prints the
# takeover times (median, max), double executions and lost jobs, and rewrites the "HA takeover" section of
# docs/benchmarks.md. Exits 1 if anything ran twice, got lost, or a budget broke.
# Usage: scripts/bench-ha-takeover.sh [--takeovers=30] [--lease=10s] [--renew=1s] [--seed=N]
# Extra Maven flags (e.g. -o for offline) go in MAVEN_FLAGS.
set -euo pipefail
cd "$(dirname "$0")/.."

./mvnw -q -B ${MAVEN_FLAGS:-} -pl daemon -am test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/test.classpath -Dmdep.includeScope=test
classpath="daemon/target/test-classes:daemon/target/classes:$(cat daemon/target/test.classpath)"
exec java -Xmx1g -cp "$classpath" io.hubd.daemon.bench.HaTakeoverSoak "$@"

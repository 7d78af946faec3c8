#!/usr/bin/env bash
# Mirror catch-up rate vs the node's raw eth_getLogs rate (io.hubd.daemon.bench.MirrorCatchUpBench).
# Compiles the test classes, then runs the benchmark on the test classpath; it starts its own Hardhat node,
# generates the events and rewrites the "Mirror catch-up rate" section of docs/benchmarks.md.
# Usage: scripts/bench-mirror.sh [--batches=200] [--batches-per-block=4] [--log-range=5] [--rounds=3]
# Extra Maven flags (e.g. -o for offline) go in MAVEN_FLAGS.
set -euo pipefail
cd "$(dirname "$0")/.."

./mvnw -q -B ${MAVEN_FLAGS:-} -pl daemon -am test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/test.classpath -Dmdep.includeScope=test
classpath="daemon/target/test-classes:daemon/target/classes:$(cat daemon/target/test.classpath)"
exec java -Xmx2g -cp "$classpath" io.hubd.daemon.bench.MirrorCatchUpBench "$@"

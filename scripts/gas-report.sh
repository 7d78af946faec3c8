#!/bin/sh
# Measures gas per R2C operation on a fresh local Hardhat chain and writes the "Gas per R2C operation" section of
# docs/benchmarks.md. Builds contracts-bindings and chain-sim in the same reactor (never from ~/.m2), so the
# figures are those of the contracts in this checkout. Extra arguments go to Maven, e.g. -o, or
# -Dgas-report.out=/tmp/benchmarks.md to write another file.
set -eu
cd "$(dirname "$0")/.."
exec ./mvnw -B -pl chain-sim -am compile exec:java@gas-report "$@"

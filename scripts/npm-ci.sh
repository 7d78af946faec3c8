#!/bin/sh
# Installs a module's pinned Node.js packages with `npm ci`, unless node_modules already matches package-lock.json.
# Usage: npm-ci.sh <module directory>
set -eu
cd "$1"
if [ -f node_modules/.package-lock.json ] && [ node_modules/.package-lock.json -nt package-lock.json ]; then
  echo "node_modules in $(basename "$PWD") is up to date"
  exit 0
fi
npm ci --no-audit --no-fund --loglevel=error

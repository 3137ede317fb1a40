#!/usr/bin/env bash
# Runs every benchmark under bench/; each prints our figure, the reference figure and their ratio.
set -euo pipefail
cd "$(dirname "$0")/.."
for b in bench/bench_*.py; do
  echo "== $b"; python "$b" "$@"
done

#!/usr/bin/env bash
# Installs dependencies, builds the benchmark in Release (the `bench` preset)
# and runs it. Arguments go to litestone_bench, e.g.:
#   scripts/bench.sh                   full scale, 3 rounds, table
#   scripts/bench.sh --scale 0.1       quick run
#   scripts/bench.sh --json --rounds 5
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
# BENCH_ORM=OFF measures raw sqlite3 only (for a tree whose client layer does
# not link yet); BENCH_JOBS sets the build's parallelism (default 2).
cmake --preset bench -DLITESTONE_BENCH_ORM="${BENCH_ORM:-ON}" >/dev/null
cmake --build --preset bench --target litestone_bench --parallel "${BENCH_JOBS:-2}" >&2
exec build/bench/bench/litestone_bench "$@"

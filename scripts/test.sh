#!/usr/bin/env bash
# Installs dependencies, builds everything (warnings are errors) and runs
# every test. Usage: scripts/test.sh [preset]   (default: ci)
set -euo pipefail
cd "$(dirname "$0")/.."
preset="${1:-ci}"
scripts/install-deps.sh
cmake --preset "$preset" >/dev/null
cmake --build --preset "$preset"
ctest --preset "$preset"

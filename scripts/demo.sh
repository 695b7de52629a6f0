#!/usr/bin/env bash
# The main job on the example project: installs dependencies, builds the
# litestone CLI in Release and runs it on examples/blog.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
cmake --preset release >/dev/null
cmake --build --preset release --target litestone_cli
exec examples/blog/run.sh "$PWD/build/release/tools/litestone/litestone"

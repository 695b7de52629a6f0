#!/usr/bin/env bash
# Runs the litestone CLI on this example project. Usage: run.sh [path/to/litestone]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
litestone="${1:-litestone}"
"$litestone" --version

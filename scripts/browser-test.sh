#!/usr/bin/env bash
# The Studio in headless Chromium: installs the pinned playwright-core
# (tests/browser/package-lock.json) when missing, then runs the checks against
# the built CLI. Screenshots land in build/screenshots/.
#   scripts/browser-test.sh [preset]   (default: ci)
set -euo pipefail
cd "$(dirname "$0")/.."
preset="${1:-ci}"
cli="$PWD/build/$preset/tools/litestone/litestone"
[ -x "$cli" ] || { echo "build the $preset preset first (no $cli)" >&2; exit 1; }
scripts/install-npm-tools.sh  # the pinned playwright-core, when missing
node tests/browser/studio.test.mjs "$cli" build/screenshots

#!/usr/bin/env bash
# Installs the npm tools the tests run (versions pinned by each folder's
# package-lock.json): tests/codegen/npm holds ajv + ajv-formats (JSON Schema)
# and typescript (tsc); tests/ops/npm Litestream + s3rver (replicate);
# tests/browser playwright-core (Studio). Idempotent; called by scripts/install-deps.sh.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v npm >/dev/null; then
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  echo "installing: npm" >&2
  $SUDO apt-get update -q >/dev/null
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends npm >/dev/null
fi

for dir in tests/codegen/npm tests/ops/npm tests/browser; do
  stamp="$dir/node_modules/.package-lock.json"
  if [ ! -f "$stamp" ] || [ "$dir/package-lock.json" -nt "$stamp" ]; then
    echo "npm ci in $dir" >&2
    npm ci --prefix "$dir" --no-audit --no-fund >/dev/null
  fi
done

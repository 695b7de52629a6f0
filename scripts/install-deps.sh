#!/usr/bin/env bash
# Installs every Debian 12 package litestone needs to build, test and
# benchmark. Idempotent: quiet and quick when everything is already there.
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config ccache git python3
  clang libclang-rt-14-dev clang-format
  libsqlite3-dev sqlite3 nlohmann-json3-dev libcli11-dev libfmt-dev libssl-dev
  libcpp-httplib-dev libgtest-dev libgmock-dev libbenchmark-dev
  nodejs npm
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# npm tools pinned by their lock files (Litestream and s3rver for replicate).
install_npm() {
  local here
  here="$(cd "$(dirname "$0")/.." && pwd)"
  if [ ! -x "$here/tests/ops/npm/node_modules/@flydotio/litestream-linux-x64/litestream" ] ||
     [ ! -f "$here/tests/ops/npm/node_modules/s3rver/bin/s3rver.js" ]; then
    echo "installing npm tools in tests/ops/npm" >&2
    (cd "$here/tests/ops/npm" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
  fi
}
[ ${#missing[@]} -eq 0 ] && { install_npm; exit 0; }

echo "installing: ${missing[*]}" >&2
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "run as root (or install sudo) to install: ${missing[*]}" >&2; exit 1; }
  SUDO="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q >/dev/null
$SUDO apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null
install_npm

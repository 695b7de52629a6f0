#!/usr/bin/env bash
# Installs every Debian 12 package litestone needs to build, test and
# benchmark. Idempotent: quiet and quick when everything is already there.
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config ccache git python3
  clang libclang-rt-14-dev clang-format
  libsqlite3-dev sqlite3 nlohmann-json3-dev libcli11-dev libfmt-dev libssl-dev
  libcpp-httplib-dev libgtest-dev libgmock-dev libbenchmark-dev
  libjwt-dev chromium wrk
)
# Node for the Studio's browser tests (tests/browser, pinned by its lock file);
# any node >= 18 with npm will do, e.g. one from NodeSource.
command -v npm >/dev/null || packages+=(nodejs npm)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
npm_tools="$(dirname "$0")/install-npm-tools.sh"
[ ${#missing[@]} -eq 0 ] && exec "$npm_tools"

echo "installing: ${missing[*]}" >&2
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "run as root (or install sudo) to install: ${missing[*]}" >&2; exit 1; }
  SUDO="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q >/dev/null
$SUDO apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null
"$npm_tools"

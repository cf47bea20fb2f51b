#!/usr/bin/env bash
# Installs what transpile and its tests need on a fresh Debian machine:
# the GNU cross toolchains and qemu-user (ground truth for "it assembles" and
# "it runs"), then the npm dependencies (which also builds dist/).
set -euo pipefail
cd "$(dirname "$0")/.."

PACKAGES=(gcc-aarch64-linux-gnu gcc-riscv64-linux-gnu qemu-user binutils gcc z3)
missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing Debian packages: ${missing[*]}"
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "setup: installing npm dependencies"
  npm ci --no-audit --no-fund
else
  npm run --silent build
fi

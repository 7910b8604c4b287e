#!/usr/bin/env bash
# Installs everything the project needs on a fresh Debian machine. Idempotent:
# each step checks first. Areas add their packages to the lists below.
set -euo pipefail
APT_PACKAGES=(gcc g++ make python3 valgrind)
# ci/install.sh: the header under clang -Weverything, builds through CMake and pkg-config.
APT_PACKAGES+=(clang cmake pkg-config)
need=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || need+=("$p")
done
if [ ${#need[@]} -gt 0 ]; then
  echo "installing: ${need[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi
rustup component list --installed 2>/dev/null | grep -q '^rustfmt' || rustup component add rustfmt
rustup component list --installed 2>/dev/null | grep -q '^clippy' || rustup component add clippy
echo "setup ok"

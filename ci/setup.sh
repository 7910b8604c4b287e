#!/usr/bin/env bash
# Installs everything the project needs on a fresh Debian machine. Idempotent:
# each step checks first. Areas add their packages to the lists below.
set -euo pipefail
APT_PACKAGES=(gcc g++ make python3 valgrind wamerican-huge)
# web (ci/web.sh): Debian's Chromium, which the browser test drives, and an
# emoji font for the flag in Altman's post (its screenshots are the README's).
APT_PACKAGES+=(chromium fonts-noto-color-emoji)
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
# web: the WebAssembly target, and Playwright's client (playwright-core, no
# browser download) at the version web/test/package-lock.json pins.
rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown || rustup target add wasm32-unknown-unknown
web_test="$(dirname "$0")/../web/test"
[ -d "$web_test/node_modules/playwright-core" ] || npm ci --prefix "$web_test" --no-audit --no-fund
echo "setup ok"

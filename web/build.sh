#!/usr/bin/env bash
# Builds the offline kiosk page into one folder: bash web/build.sh [OUT_DIR]
# (default target/web). Open OUT_DIR/index.html from disk, or serve the
# folder with any static server.
#
# 1. compiles feudfacts-wasm for wasm32-unknown-unknown with the workspace's
#    `wasm` profile (release, tuned for size); the corpus is inside it;
# 2. copies the page (web/page/) and writes feudfacts-wasm.js: the module
#    gzipped and base64-encoded into a script, because a page opened from
#    file:// may run a script beside it but not fetch a file;
# 3. refuses a page over 400 KB (all files) and prints the sizes.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
out=${1:-$root/target/web}
limit=400000

if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
  rustup target add wasm32-unknown-unknown
fi
cargo build --manifest-path "$root/Cargo.toml" -p feudfacts-wasm \
  --target wasm32-unknown-unknown --profile wasm
target=${CARGO_TARGET_DIR:-$root/target}
wasm=$target/wasm32-unknown-unknown/wasm/feudfacts_wasm.wasm

mkdir -p "$out"
files=(index.html kiosk.css kiosk.js feudfacts.js)
for f in "${files[@]}"; do cp "$here/page/$f" "$out/$f"; done
{
  printf '/* Written by web/build.sh: feudfacts_wasm.wasm (%s bytes), gzipped, base64. */\n' \
    "$(wc -c < "$wasm")"
  printf 'var FEUDFACTS_WASM_GZIP = "'
  gzip -9 -n -c "$wasm" | base64 -w0
  printf '";\n'
} > "$out/feudfacts-wasm.js"
files+=(feudfacts-wasm.js)

total=0
for f in "${files[@]}"; do
  n=$(wc -c < "$out/$f")
  total=$((total + n))
  printf '%8d  %s\n' "$n" "$f"
done
printf '%8d  total in %s (module: %d bytes, %d gzipped)\n' "$total" "$out" \
  "$(wc -c < "$wasm")" "$(gzip -9 -n -c "$wasm" | wc -c)"
if [ "$total" -gt "$limit" ]; then
  echo "web/build.sh: the page is $total bytes, over the $limit-byte budget" >&2
  exit 1
fi

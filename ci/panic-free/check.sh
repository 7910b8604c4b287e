#!/usr/bin/env bash
# The panic-free check (issue 6, point 5): no exported function of the no_std
# release library can reach a panic, apart from the sites allowed.txt lists
# with their reasons. Run from the repository root by ci/hardening.sh.
#
# 1. Build the C ABI as a no_std, LTO'd static library whose panic handler
#    calls an undefined symbol (ci/panic-free/src/lib.rs).
# 2. Strict link: a C program referencing every function of feudfacts.h.
#    It links only if no panic path survived at all (reported, not required,
#    while allowed.txt is not empty).
# 3. Link again with a stub for the symbol, list every panic call site left
#    (disassembly + inline chains) and fail on any site allowed.txt does not
#    explain.
# 4. Canary: the same with one planted panicking function must fail step 3,
#    proving the check can see a panic path.
set -euo pipefail
here=ci/panic-free
out=target/panic-free
mkdir -p "$out"
bash "$here/gen_main.sh" include/feudfacts.h > "$out/main.c"
echo 'void feudfacts_panic_is_reachable(void) { for (;;) {} }' > "$out/stub.c"

build() { # opt-level features -> path of the static library
  CARGO_PROFILE_RELEASE_OPT_LEVEL="$1" cargo build --release --quiet \
    --manifest-path "$here/Cargo.toml" --target-dir "target/panic-free/cargo-$1" \
    ${2:+--features "$2"} >&2
  echo "target/panic-free/cargo-$1/release/libfeudfacts_panic_free.a"
}

# opt-level 3 is the release profile (hosts, the shared library); z is what
# the firmware builds with (examples/firmware), where less is inlined and
# more length checks stay out of line.
for opt in 3 z; do
  echo "opt-level $opt:"
  lib=$(build "$opt" "")
  if gcc -O1 -Iinclude "$out/main.c" "$lib" -o "$out/strict-$opt" 2> "$out/strict.log"; then
    echo "strict link: ok, no panic path at all ($("$out/strict-$opt"))"
  else
    echo "strict link: a panic path survives (expected while allowed.txt lists sites):"
    grep -m3 "undefined reference" "$out/strict.log" || true
  fi
  gcc -O1 -Iinclude "$out/main.c" "$out/stub.c" "$lib" -o "$out/stubbed-$opt"
  python3 "$here/panic_sites.py" "$out/stubbed-$opt" "$here/allowed.txt"
done

# The canary: the check must catch a planted panic.
canary=$(build 3 canary)
echo 'uint8_t feud_panic_canary(size_t);' > "$out/canary.h"
sed 's|#include "feudfacts.h"|#include "feudfacts.h"\n#include "canary.h"|; s|static fn_t volatile all\[\] = {|static fn_t volatile all[] = {\n  (fn_t)feud_panic_canary,|' \
  "$out/main.c" > "$out/main_canary.c"
gcc -O1 -Iinclude -I"$out" "$out/main_canary.c" "$out/stub.c" "$canary" -o "$out/canary"
if python3 "$here/panic_sites.py" "$out/canary" "$here/allowed.txt" > "$out/canary.log"; then
  cat "$out/canary.log"
  echo "FAIL: the planted panic in feud_panic_canary was not detected" >&2
  exit 1
fi
grep -q "NOT ALLOWED: feud_panic_canary" "$out/canary.log"
echo "canary: the planted panic in feud_panic_canary is detected"
echo "panic-free check ok"

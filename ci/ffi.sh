#!/usr/bin/env bash
# The C ABI under the microscope (issue 3). After `cargo test` has run the C
# and Python clients, this:
#   1. runs the C test program and the C example built with
#      -fsanitize=address,undefined (ASan + LeakSanitizer + UBSan): any error
#      or leak fails;
#   2. runs them under valgrind --error-exitcode=1 --leak-check=full, against
#      the static and the shared library: zero errors, zero leaks;
#   3. proves the library is no_std: builds it against a sysroot holding only
#      libcore (as ci/core-only.sh does for the core) and runs the C test
#      program against that build.
# Installs what it needs (idempotent): gcc (with libasan/libubsan), make,
# valgrind.
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TERM_COLOR=never
root=$(pwd)
step() { printf -- '--- ffi: %s\n' "$*"; }

need=()
for p in gcc make valgrind; do dpkg -s "$p" >/dev/null 2>&1 || need+=("$p"); done
if [ ${#need[@]} -gt 0 ]; then
  echo "installing: ${need[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi

cargo build --release -p feudfacts-ffi
lib="$root/target/release"
out="$root/target/ffi-ci"
rm -rf "$out" && mkdir -p "$out"
cflags=(-std=c99 -Wall -Wextra -Wpedantic -Werror -g -O1 -I"$root/include")
san=(-fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer)
test_c=tests/c/test_ffi.c
example_c=examples/c/feud_search.c

# Runs the example the ways tests/c_abi.rs does (and a refusal), via "$@".
run_example() {
  "$@" softbank | grep -q 'SoftBank has well under \$10B secured'
  "$@" --thread surely know | grep -q '> Sam Altman (2025-01-22): wrong, as you surely know.'
  "$@" --ascii -w 20 -n 20 -k quote -k event stargate >/dev/null
  "$@" --random 20250122 >/dev/null
  "$@" --version >/dev/null
  local rc=0
  "$@" "$(printf 'x%.0s' $(seq 300))" 2>/dev/null || rc=$?
  [ "$rc" = 1 ] || { echo "expected exit 1 for an overlong query, got $rc"; return 1; }
}

step "AddressSanitizer + LeakSanitizer + UBSan"
cc "${cflags[@]}" "${san[@]}" "$test_c" "$lib/libfeudfacts.a" -o "$out/test_ffi_san"
cc "${cflags[@]}" "${san[@]}" "$example_c" "$lib/libfeudfacts.a" -o "$out/feud_search_san"
export ASAN_OPTIONS=detect_leaks=1:halt_on_error=1:detect_stack_use_after_return=1:strict_string_checks=1
export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
"$out/test_ffi_san"
run_example "$out/feud_search_san"
unset ASAN_OPTIONS UBSAN_OPTIONS

step "valgrind (static and shared)"
vg=(valgrind -q --error-exitcode=1 --leak-check=full --show-leak-kinds=all
    --errors-for-leak-kinds=all --track-origins=yes)
cc "${cflags[@]}" "$test_c" "$lib/libfeudfacts.a" -o "$out/test_ffi"
cc "${cflags[@]}" "$test_c" -L"$lib" -lfeudfacts -Wl,-rpath,"$lib" -o "$out/test_ffi_shared"
cc "${cflags[@]}" "$example_c" "$lib/libfeudfacts.a" -o "$out/feud_search"
cc "${cflags[@]}" "$example_c" -L"$lib" -lfeudfacts -Wl,-rpath,"$lib" -o "$out/feud_search_shared"
"${vg[@]}" "$out/test_ffi"
"${vg[@]}" "$out/test_ffi_shared"
run_example "${vg[@]}" "$out/feud_search"
run_example "${vg[@]}" "$out/feud_search_shared"

step "no_std: built against a core-only sysroot"
host=$(rustc -vV | sed -n 's/^host: //p')
src="$(rustc --print sysroot)/lib/rustlib/$host/lib"
sysroot="$root/target/core-only-sysroot"
if [ ! -d "$sysroot/lib/rustlib/$host/lib" ]; then
  mkdir -p "$sysroot/lib/rustlib/$host/lib"
  for pat in libcore- libcompiler_builtins- librustc_std_workspace_core-; do
    cp "$src"/$pat*.rlib "$sysroot/lib/rustlib/$host/lib/"
  done
fi
RUSTFLAGS="--sysroot $sysroot" cargo build -p feudfacts-ffi --release \
  --target "$host" --target-dir target/core-only
core_only="$root/target/core-only/$host/release/libfeudfacts.a"
cc "${cflags[@]}" "$test_c" "$core_only" -o "$out/test_ffi_core_only"
"$out/test_ffi_core_only"

ls -l "$lib/libfeudfacts.a" "$lib/libfeudfacts.so" | awk '{print "size", $5, $9}'
echo "ffi ok: sanitizers and valgrind clean, no_std build links and passes"

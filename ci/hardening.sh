#!/usr/bin/env bash
# Hardening checks (issue 6), run by .ci/run after `cargo test`:
#   1. corruption: every single-bit flip of the embedded blob through
#      Corpus::from_bytes, in release (the default test profile covers every
#      byte; this covers every bit);
#   2. panic-free: no exported function of the no_std release library can
#      reach a panic, apart from the listed exceptions (ci/panic-free);
#   3. thread safety under load: the C ABI from 8 pthreads x 1,000,000 mixed
#      calls and the Python wrapper from 8 threads x 20,000 (best-match calls are slower), all checked
#      against single-threaded answers;
#   4. fuzzing: each cargo-fuzz target for FUZZ_SECONDS (default 30) from the
#      committed seeds, on nightly (skipped, loudly, if nightly cannot be had).
# Idempotent; installs only what is missing. Knobs: FUZZ_SECONDS, LOAD_C_CALLS,
# LOAD_PY_CALLS, HARDENING_SKIP_FUZZ=1.
set -euo pipefail
cd "$(dirname "$0")/.."
FUZZ_SECONDS=${FUZZ_SECONDS:-30}
LOAD_C_CALLS=${LOAD_C_CALLS:-1000000}
LOAD_PY_CALLS=${LOAD_PY_CALLS:-20000}
step() { printf '\n--- hardening: %s ---\n' "$*"; }

step "corruption: every bit of the embedded blob, and of every region validation must guard (release)"
# Optimised but without LTO: these are test binaries, and fat LTO of each
# would cost more build time than it saves run time.
CARGO_PROFILE_RELEASE_LTO=false CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16 \
  cargo test --release --quiet --test corruption -- --ignored \
  flip_every_bit structural_must_refuse_

step "panic-free release library"
bash ci/panic-free/check.sh

step "thread safety: C ABI, 8 pthreads x $LOAD_C_CALLS calls"
cargo build --release --quiet -p feudfacts-ffi
mkdir -p target/hardening
gcc -O2 -Wall -Wextra -Werror -std=c11 -D_POSIX_C_SOURCE=200809L -pthread -Iinclude \
  tests/c/load.c target/release/libfeudfacts.a -o target/hardening/load
target/hardening/load 8 "$LOAD_C_CALLS"
# The same under ASan + UBSan (the C side is instrumented), fewer calls.
gcc -O1 -g -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer \
  -std=c11 -D_POSIX_C_SOURCE=200809L -pthread -Iinclude \
  tests/c/load.c target/release/libfeudfacts.a -o target/hardening/load-asan
target/hardening/load-asan 8 20000

step "thread safety: Python wrapper, 8 threads x $LOAD_PY_CALLS calls"
FEUDFACTS_LIB="$PWD/target/release/libfeudfacts.so" PYTHONDONTWRITEBYTECODE=1 \
  python3 tests/c/load.py 8 "$LOAD_PY_CALLS"

step "fuzzing: each target ${FUZZ_SECONDS}s"
if [ "${HARDENING_SKIP_FUZZ:-0}" = 1 ]; then
  echo "SKIPPED fuzzing: HARDENING_SKIP_FUZZ=1"
  exit 0
fi
have_nightly() { rustup toolchain list 2>/dev/null | grep -q '^nightly'; }
if ! have_nightly; then
  timeout 300 rustup toolchain install nightly --profile minimal || true
fi
if ! have_nightly; then
  echo "SKIPPED fuzzing: no nightly toolchain, and 'rustup toolchain install nightly' failed"
  exit 0
fi
if ! command -v cargo-fuzz >/dev/null 2>&1; then
  timeout 900 cargo install --locked cargo-fuzz
fi
for target in blob search display ffi; do
  work=$(mktemp -d)
  cp fuzz/corpus/"$target"/* "$work"/
  # Crashes are saved under fuzz/artifacts/<target>/ and fail this step.
  if (cd fuzz && cargo +nightly fuzz run -O "$target" "$work" -- \
      -max_total_time="$FUZZ_SECONDS" -max_len=4096 -timeout=30 -print_final_stats=1) \
      > target/hardening/fuzz-"$target".log 2>&1; then ok=1; else ok=0; fi
  rm -rf "$work"
  echo "fuzz $target: $(grep -E '^stat::number_of_executed_units' target/hardening/fuzz-"$target".log || echo '?')"
  if [ "$ok" = 0 ]; then
    tail -60 target/hardening/fuzz-"$target".log
    echo "fuzz target $target failed (see fuzz/artifacts/$target/)" >&2
    exit 1
  fi
done
echo "hardening ok"

#!/usr/bin/env bash
# Benchmarks cannot rot: compiles every benchmark of the workspace, then runs
# the comparison harness (compare/, package feudfacts-bench) once in
# criterion's --test mode on the feud corpus alone (each benchmark runs
# once, untimed), which still asserts that
# feudfacts (with and without its word index), SQLite FTS5 and the naive
# scan return the same records for every query. The full timed comparison
# is `cargo bench` (see BENCHMARKS.md).
#
# Nothing is timed here, so the bench profile is made cheap to build: no LTO,
# parallel codegen, opt-level 1 (also for the bundled SQLite's C build). A
# compile error is a compile error at any optimisation level.
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_PROFILE_BENCH_LTO=off
export CARGO_PROFILE_BENCH_CODEGEN_UNITS=16
export CARGO_PROFILE_BENCH_OPT_LEVEL=1
export CARGO_PROFILE_BENCH_DEBUG=false
cargo bench --workspace --no-run
FEUDFACTS_BENCH_SCALES=1 cargo bench -p feudfacts-bench --bench compare -- --test
echo "bench ok: benchmarks compile and the four approaches agree"

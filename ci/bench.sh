#!/usr/bin/env bash
# Benchmarks cannot rot: compiles every benchmark of the workspace, then runs
# the comparison harness once in criterion's --test mode on the feud corpus
# alone (each benchmark runs once, untimed), which still asserts that
# feudfacts, SQLite FTS5 and the naive scan return the same records for
# every query. The full timed comparison is `cargo bench` (see BENCHMARKS.md).
set -euo pipefail
cd "$(dirname "$0")/.."
cargo bench --workspace --no-run
FEUDFACTS_BENCH_SCALES=1 cargo bench -p feudfacts-bench --bench compare -- --test
echo "bench ok: benchmarks compile and the three approaches agree"

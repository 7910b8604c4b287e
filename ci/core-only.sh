#!/usr/bin/env bash
# Proves the core needs nothing but `core`: builds it against a sysroot that
# holds only libcore, compiler_builtins and rustc_std_workspace_core. Any use
# of std or alloc (by us or a dependency) fails to find the crate.
set -euo pipefail
host=x86_64-unknown-linux-gnu
src="$(rustc --print sysroot)/lib/rustlib/$host/lib"
sysroot="$(pwd)/target/core-only-sysroot"
rm -rf "$sysroot"
mkdir -p "$sysroot/lib/rustlib/$host/lib"
for pat in libcore- libcompiler_builtins- librustc_std_workspace_core-; do
  cp "$src"/$pat*.rlib "$src"/$pat*.rmeta "$sysroot/lib/rustlib/$host/lib/" 2>/dev/null || \
  cp "$src"/$pat*.rlib "$sysroot/lib/rustlib/$host/lib/"
done
ls "$sysroot/lib/rustlib/$host/lib"
RUSTFLAGS="--sysroot $sysroot" cargo build --lib -p feudfacts --release \
  --target $host --target-dir target/core-only
echo "core-only build ok: the core's dependency graph uses neither std nor alloc"

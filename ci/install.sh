#!/usr/bin/env bash
# Installs feudfacts the ways its users do (issue 13) and uses what got
# installed, never the build tree:
#   1. the header under clang -Weverything -Werror (C99, C11, C++11): clean
#      but for -Wpadded, as the header says;
#   2. C: ffi/install.sh into a temporary prefix; the README's C commands run
#      as written (HOME sandboxed); examples/c built through pkg-config and
#      through CMake find_package, run with only LD_LIBRARY_PATH (no rpath);
#      every C example of the docs and the header compiled under the strict
#      flags and run; exports, SONAME, CMake version checks, relocation;
#   3. Python: the README's 'pip install ./python' in a fresh virtualenv;
#      'pip wheel', that wheel alone installed into a second fresh one, where
#      the unittest suite runs from outside the tree and mypy --strict checks
#      the package and the docs' examples (which are run too);
#   4. Rust: the README's 'cargo add --path'; 'cargo package --list' and
#      'cargo publish --dry-run' of the core with the format crate and the
#      compiler it builds with (one multi-package dry run, so each finds the
#      others), never publishing.
# Installs what it needs (idempotent): clang, cmake, pkg-config.
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TERM_COLOR=never
root=$(pwd -P)
step() { printf -- '--- install: %s (%ss)\n' "$*" "$SECONDS"; }
fail() { echo "ci/install.sh: $*" >&2; exit 1; }
# "$1" must contain "$2".
has() { grep -qF -- "$2" <<<"$1" || fail "expected '$2' in:"$'\n'"$1"; }

need=()
for p in clang cmake pkg-config; do dpkg -s "$p" >/dev/null 2>&1 || need+=("$p"); done
if [ ${#need[@]} -gt 0 ]; then
  echo "installing: ${need[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/feudfacts-ci-install.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
unset FEUDFACTS_LIB PKG_CONFIG_PATH LD_LIBRARY_PATH
strict=(-Weverything -Werror -Wno-padded)

# ----- 1. the header ---------------------------------------------------------
step "header under clang -Weverything"
{
  echo '#include <stddef.h>'
  echo '#include "feudfacts.h"'
  echo '#include "feudfacts.h"'
  echo 'size_t feud_ci_sizes(void);'
  echo 'size_t feud_ci_sizes(void) {'
  echo '  size_t n = 0;'
  # Every struct laid out, so that each one's padding is looked at.
  sed -n 's/^typedef struct \(feud_[a-z_]*\) {$/  n += sizeof(\1);/p' include/feudfacts.h
  echo '  if (feud_embedded()) n++;'
  echo '  if (feud_status_str(FEUD_ERR_NOT_FOUND)[0] != 0) n++;'
  echo '  return n;'
  echo '}'
} > "$tmp/header.c"
grep -q 'sizeof(feud_cursor)' "$tmp/header.c" || fail "no struct found in the header"
cp "$tmp/header.c" "$tmp/header.cpp"
for std in c99 c11; do
  clang -std=$std "${strict[@]}" -Iinclude -c "$tmp/header.c" -o "$tmp/header.o"
done
clang++ -std=c++11 "${strict[@]}" -Iinclude -c "$tmp/header.cpp" -o "$tmp/header.o"
# Without -Wno-padded the only warnings are -Wpadded ones, as the header says.
clang -std=c99 -Weverything -Iinclude -c "$tmp/header.c" -o "$tmp/header.o" 2> "$tmp/padded.txt"
grep -q 'Wpadded' "$tmp/padded.txt" || fail "no -Wpadded warning: update the header's note"
if grep 'warning:' "$tmp/padded.txt" | grep -v '\[-Wpadded\]'; then
  fail "warnings other than -Wpadded"
fi

# ----- 2. C ------------------------------------------------------------------
step "C: ffi/install.sh into a prefix"
cargo build --release -p feudfacts-ffi
prefix=$tmp/prefix
sh ffi/install.sh --prefix "$prefix" --no-build
lib=$prefix/lib
version=$(sed -n 's/^version = "\(.*\)"$/\1/p' ffi/Cargo.toml | head -n 1)
minor=$(cut -d. -f2 <<<"$version")
soname=libfeudfacts.so.0.$minor
[ "$(readlink "$lib/libfeudfacts.so")" = "libfeudfacts.so.$version" ] || fail "libfeudfacts.so link"
[ "$(readlink "$lib/$soname")" = "libfeudfacts.so.$version" ] || fail "$soname link"
readelf -d "$lib/libfeudfacts.so.$version" | grep -q "Library soname: \[$soname\]" || fail "SONAME"
for f in "$lib/libfeudfacts.a" "$prefix/include/feudfacts/feudfacts.h" \
         "$lib/pkgconfig/feudfacts.pc" "$lib/cmake/feudfacts/feudfactsConfig.cmake" \
         "$prefix/share/doc/feudfacts/LICENSE-MIT"; do
  [ -f "$f" ] || fail "$f not installed"
done
# Exactly the header's functions are exported, and nothing else.
sed -n 's/^[a-z][^(]*[ *]\(feud_[a-z_0-9]*\)(.*/\1/p' include/feudfacts.h | sort -u > "$tmp/declared"
nm -D --defined-only "$lib/libfeudfacts.so.$version" | awk '$2 == "T" {print $3}' | sort -u > "$tmp/exported"
[ "$(wc -l < "$tmp/declared")" -gt 30 ] || fail "too few functions found in the header"
diff "$tmp/declared" "$tmp/exported" || fail "exports differ from the header's functions"

export PKG_CONFIG_PATH=$lib/pkgconfig
[ "$(pkg-config --modversion feudfacts)" = "$version" ] || fail "pkg-config version"
# A program that runs only with LD_LIBRARY_PATH: no rpath, the installed SONAME.
check_installed_exe() {
  local exe=$1
  if readelf -d "$exe" | grep -qE 'RPATH|RUNPATH'; then fail "$exe has an rpath"; fi
  readelf -d "$exe" | grep -q "Shared library: \[$soname\]" || fail "$exe does not need $soname"
  if "$exe" softbank >/dev/null 2>&1; then fail "$exe runs without LD_LIBRARY_PATH"; fi
}
run_search() {
  local out
  out=$(LD_LIBRARY_PATH=$lib "$@" softbank)
  has "$out" 'hits for "softbank"'
  has "$out" 'Elon Musk (2025-01-22): SoftBank has well under $10B secured.'
  out=$(LD_LIBRARY_PATH=$lib "$@" --thread surely know)
  has "$out" '> Sam Altman (2025-01-22): wrong, as you surely know.'
}

step "C: examples/c through pkg-config"
make -s -C examples/c installed OUT="$tmp" >/dev/null
check_installed_exe "$tmp/feud_search_installed"
run_search "$tmp/feud_search_installed"

step "C: examples/c through CMake find_package"
cmake -S examples/c -B "$tmp/cmake" -DCMAKE_PREFIX_PATH="$prefix" -DCMAKE_SKIP_RPATH=ON >/dev/null
cmake --build "$tmp/cmake" >/dev/null
check_installed_exe "$tmp/cmake/feud_search"
run_search "$tmp/cmake/feud_search"
run_search "$tmp/cmake/feud_search_static"
if readelf -d "$tmp/cmake/feud_search_static" | grep -q libfeudfacts; then
  fail "feudfacts::static links the shared library"
fi
# The version file: 0.MINOR before 1.0; a moved prefix is still found.
mkdir -p "$tmp/vt"
cp -a "$prefix" "$tmp/moved"
for want in "0.$minor:$tmp/moved:1" "0.$minor.0:$prefix:1" "0.$((minor + 1)):$prefix:0" \
            "0.$((minor - 1)):$prefix:0" "1.0:$prefix:0"; do
  IFS=: read -r req where found <<<"$want"
  printf 'cmake_minimum_required(VERSION 3.10)\nproject(vt NONE)\nfind_package(feudfacts %s)\nif(feudfacts_FOUND)\n  get_target_property(loc feudfacts::feudfacts IMPORTED_LOCATION)\n  message(STATUS "found:${loc}")\nendif()\n' "$req" > "$tmp/vt/CMakeLists.txt"
  rm -rf "$tmp/vt/b"
  out=$(cmake -S "$tmp/vt" -B "$tmp/vt/b" -DCMAKE_PREFIX_PATH="$where" 2>&1)
  if [ "$found" = 1 ]; then has "$out" "found:$where/lib/libfeudfacts.so.$version"
  elif grep -q 'found:' <<<"$out"; then fail "find_package(feudfacts $req) accepted $version"
  fi
done
# --destdir stages the files, which still name the prefix.
sh ffi/install.sh --prefix /opt/feudfacts --destdir "$tmp/stage" --no-build >/dev/null
has "$(cat "$tmp/stage/opt/feudfacts/lib/pkgconfig/feudfacts.pc")" "prefix=/opt/feudfacts"

step "C: the README's commands, and every C example in the docs and the header"
mkdir -p "$tmp/readme-c" "$tmp/home" "$tmp/examples"
ln -s "$root/ffi" "$tmp/readme-c/ffi"
# Code blocks: markdown fences, and the header's " * " fenced ones.
extract() { # file, fence language, output prefix
  awk -v lang="$2" -v out="$3" '
    { line = $0; if (FILENAME ~ /\.h$/) { if (line !~ /^ \*/) { inb = 0; next } sub(/^ \* ?/, "", line) } }
    line == "```" lang { n++; inb = 1; f = sprintf("%s_%d", out, n); next }
    line == "```" { inb = 0; next }
    inb { print line > f }
  ' "$1"
}
awk '/^## Install/{on=1; next} /^## /{on=0} on' README.md > "$tmp/install-section.md"
extract "$tmp/install-section.md" sh "$tmp/readme"
[ -f "$tmp/readme_3" ] || fail "the README's Install section lost its three sh blocks"
extract docs/C.md c "$tmp/examples/docs_c"
extract include/feudfacts.h c "$tmp/examples/header"
cp "$tmp/examples/docs_c_1" "$tmp/readme-c/hello.c"   # the README's hello.c is docs/C.md's
# A sandboxed HOME, where cargo and rustup still find their own homes.
out=$(cd "$tmp/readme-c" && env HOME="$tmp/home" RUSTUP_HOME="${RUSTUP_HOME:-$HOME/.rustup}" \
      CARGO_HOME="${CARGO_HOME:-$HOME/.cargo}" bash -euo pipefail "$tmp/readme_3")
has "$out" "hits"
[ -f "$tmp/home/.local/lib/pkgconfig/feudfacts.pc" ] || fail "the README's prefix"
n=0
for src in "$tmp"/examples/*; do
  n=$((n + 1))
  cp "$src" "$src.c"
  for std in c99 c11; do
    clang -std=$std "${strict[@]}" "$src.c" $(pkg-config --cflags --libs feudfacts) -o "$src.exe"
  done
  gcc -std=c99 -Wall -Wextra -Wpedantic -Wconversion -Wsign-conversion -Werror \
    "$src.c" $(pkg-config --cflags --libs feudfacts) -o "$src.exe"
  out=$(LD_LIBRARY_PATH=$lib "$src.exe") || fail "$(basename "$src") exited non-zero"
  [ -n "$out" ] || fail "$(basename "$src") printed nothing"
done
[ "$n" -ge 3 ] || fail "only $n C examples found in docs/C.md and the header"
echo "$n C examples compiled (clang -Weverything C99 and C11, gcc -Wconversion) and run"

# ----- 3. Python -------------------------------------------------------------
step "Python: the README's pip install ./python, in a fresh virtualenv"
python3 -m venv "$tmp/venv-a"
out=$(env PATH="$tmp/venv-a/bin:$PATH" VIRTUAL_ENV="$tmp/venv-a" \
      bash -euo pipefail -c "pip() { command pip --disable-pip-version-check -q \"\$@\"; }; . '$tmp/readme_2'")
has "$out" "hits for 'softbank'"

step "Python: pip wheel, installed alone into a second virtualenv"
"$tmp/venv-a/bin/pip" --disable-pip-version-check -q wheel ./python --no-deps -w "$tmp/wheels"
wheel=$(ls "$tmp"/wheels/feudfacts-*.whl)
case "$(basename "$wheel")" in feudfacts-"$version"-py3-none-*.whl) ;; *) fail "wheel name $wheel" ;; esac
python3 -m venv "$tmp/venv-b"
"$tmp/venv-b/bin/pip" --disable-pip-version-check -q install --no-index "$wheel"
"$tmp/venv-b/bin/pip" --disable-pip-version-check -q install mypy
mkdir -p "$tmp/outside" && cd "$tmp/outside"
FEUDFACTS_TEST_INSTALLED=1 "$tmp/venv-b/bin/python" -m unittest discover \
  -s "$root/python/tests" -t "$root/python/tests" 2> "$tmp/unittest.txt" \
  || { cat "$tmp/unittest.txt"; fail "the Python suite failed against the wheel"; }
tail -n 1 "$tmp/unittest.txt" | grep -qx 'OK' || { cat "$tmp/unittest.txt"; fail "tests skipped"; }
grep -E '^Ran [0-9]+ tests' "$tmp/unittest.txt"
has "$("$tmp/venv-b/bin/python" -m feudfacts --kind quote softbank)" "Elon Musk (2025-01-22): SoftBank"

step "Python: mypy --strict on the installed package and the docs' examples"
"$tmp/venv-b/bin/mypy" --strict --no-error-summary -p feudfacts
extract "$root/docs/PYTHON.md" python "$tmp/outside/docs_example"
extract "$root/python/README.md" python "$tmp/outside/readme_example"
n=0
for ex in "$tmp"/outside/*_example_*; do
  mv "$ex" "$ex.py"
  "$tmp/venv-b/bin/python" "$ex.py" >/dev/null || fail "$(basename "$ex").py failed"
  n=$((n + 1))
done
[ "$n" -ge 3 ] || fail "only $n Python examples found"
"$tmp/venv-b/bin/mypy" --strict --no-error-summary "$tmp"/outside/*_example_*.py
echo "$n Python examples run and type-checked"
cd "$root"

# ----- 4. Rust ---------------------------------------------------------------
step "Rust: the README's cargo add --path"
cargo new -q --lib "$tmp/rust/user"
ln -s "$root" "$tmp/rust/feudfacts"
(cd "$tmp/rust/user" && bash -euo pipefail "$tmp/readme_1" 2>/dev/null \
  && cargo tree -q -e normal --depth 1 | grep -q "^└── feudfacts v") || fail "cargo add"

step "Rust: cargo package --list and cargo publish --dry-run (format, compiler, core)"
listed=$(cargo package --list -q -p feudfacts --allow-dirty)
for f in Cargo.toml build.rs src/lib.rs corpus/feud.toml README.md LICENSE-MIT LICENSE-APACHE CHANGELOG.md; do
  grep -qx "$f" <<<"$listed" || fail "the core package lacks $f"
done
cargo publish --dry-run -q -p feudfacts-format -p feudfacts-compile -p feudfacts --allow-dirty 2> "$tmp/publish.txt" \
  || { cat "$tmp/publish.txt"; fail "cargo publish --dry-run"; }

printf 'install ok: wheel %s bytes, %s; C prefix with SONAME %s\n' \
  "$(stat -c %s "$wheel")" "$(basename "$wheel")" "$soname"

#!/bin/sh
# Installs libfeudfacts for C programs, laid out as `cargo cinstall` (cargo-c)
# lays it out, for machines without cargo-c (whose install compiles cargo
# itself, many minutes):
#
#   LIBDIR/libfeudfacts.so.X.Y.Z   the shared library, SONAME libfeudfacts.so.SOVER
#   LIBDIR/libfeudfacts.so.SOVER   -> libfeudfacts.so.X.Y.Z (what programs load)
#   LIBDIR/libfeudfacts.so         -> libfeudfacts.so.X.Y.Z (what -lfeudfacts finds)
#   LIBDIR/libfeudfacts.a          the static library
#   INCLUDEDIR/feudfacts/feudfacts.h
#   LIBDIR/pkgconfig/feudfacts.pc
#   LIBDIR/cmake/feudfacts/feudfactsConfig.cmake, feudfactsConfigVersion.cmake
#   PREFIX/share/doc/feudfacts/    licenses and changelog
#
# SOVER is the part of the version that promises compatibility, as cargo-c
# computes it: MAJOR from 1.0 on, 0.MINOR before (0.1 -> 0.2 broke the ABI).
#
# Usage: sh ffi/install.sh [--prefix DIR] [--libdir DIR] [--includedir DIR]
#                          [--destdir DIR] [--no-build]
#   --prefix      default /usr/local
#   --libdir      default PREFIX/lib
#   --includedir  default PREFIX/include
#   --destdir     stage under DIR (for packagers); the files still name PREFIX
#   --no-build    use the release build already in the target directory
# Environment: CC (default cc), CARGO (default cargo), CARGO_TARGET_DIR.
#
# The shared library is linked here, with the C toolchain, from the static
# library cargo builds (the same LTO-optimised code as the cdylib), with the
# SONAME and a version script that exports only the feud_* functions. Doing it
# here leaves cargo's own target/release/libfeudfacts.so as it is (no SONAME),
# so nothing that links against the build tree changes. ELF platforms only
# (Linux, the BSDs); elsewhere use cargo cinstall.
set -eu

root=$(cd -P "$(dirname "$0")/.." && pwd -P)
prefix=/usr/local
libdir=
includedir=
destdir=
build=1

die() { echo "ffi/install.sh: $*" >&2; exit 1; }
need_arg() { [ $# -ge 2 ] || die "$1 needs a directory"; }
while [ $# -gt 0 ]; do
  case "$1" in
    --prefix) need_arg "$@"; prefix=$2; shift 2 ;;
    --prefix=*) prefix=${1#*=}; shift ;;
    --libdir) need_arg "$@"; libdir=$2; shift 2 ;;
    --libdir=*) libdir=${1#*=}; shift ;;
    --includedir) need_arg "$@"; includedir=$2; shift 2 ;;
    --includedir=*) includedir=${1#*=}; shift ;;
    --destdir) need_arg "$@"; destdir=$2; shift 2 ;;
    --destdir=*) destdir=${1#*=}; shift ;;
    --no-build) build=0; shift ;;
    -h|--help) sed -n '2,/^set -eu/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown argument '$1' (see --help)" ;;
  esac
done

for d in "$prefix" ${libdir:+"$libdir"} ${includedir:+"$includedir"}; do
  case "$d" in /?*) ;; *) die "directories must be absolute paths below /, not '$d'" ;; esac
done
prefix=${prefix%/}
libdir=${libdir:-$prefix/lib}
libdir=${libdir%/}
includedir=${includedir:-$prefix/include}
includedir=${includedir%/}

case "$(uname -s)" in
  Linux|*BSD|DragonFly|SunOS) ;;
  *) die "$(uname -s) is not an ELF platform this script knows; use cargo cinstall (docs/C.md)" ;;
esac

version=$(sed -n 's/^version = "\([0-9][0-9.]*\)"$/\1/p' "$root/ffi/Cargo.toml" | head -n 1)
[ -n "$version" ] || die "no version in ffi/Cargo.toml"
major=${version%%.*}
rest=${version#*.}
minor=${rest%%.*}
patch=${rest#*.}
if [ "$major" != 0 ]; then sover=$major
elif [ "$minor" != 0 ]; then sover=0.$minor
else sover=0.0.$patch
fi
real=libfeudfacts.so.$version
soname=libfeudfacts.so.$sover

cargo=${CARGO:-cargo}
target=${CARGO_TARGET_DIR:-$root/target}
case "$target" in /*) ;; *) target=$root/$target ;; esac
if [ "$build" = 1 ]; then
  "$cargo" build --release -p feudfacts-ffi --manifest-path "$root/Cargo.toml"
fi
archive=$target/release/libfeudfacts.a
[ -f "$archive" ] || die "$archive not found (build with: cargo build --release -p feudfacts-ffi)"

work=$(mktemp -d "${TMPDIR:-/tmp}/feudfacts-install.XXXXXX")
trap 'rm -rf "$work"' EXIT INT TERM
printf '/* Exported from libfeudfacts.so: the C ABI and nothing else. */\n{\n  global: feud_*;\n  local: *;\n};\n' \
  > "$work/feudfacts.map"
"${CC:-cc}" -shared -o "$work/$real" -Wl,-soname,"$soname" \
  -Wl,--version-script="$work/feudfacts.map" -Wl,--gc-sections -Wl,--strip-debug \
  -Wl,-z,noexecstack -Wl,--no-undefined \
  -Wl,--whole-archive "$archive" -Wl,--no-whole-archive

# $1 relative to $2 (absolute paths), for the relocatable CMake file.
under() { case "$1" in "$2"/*) return 0 ;; esac; return 1; }
relative() {
  _t=$1 _b=$2 _up=
  while [ "$_t" != "$_b" ] && ! under "$_t" "$_b"; do
    _b=${_b%/*}
    _up=../$_up
    [ -n "$_b" ] || break
  done
  _rest=${_t#"$_b"}
  _r=$_up${_rest#/}
  _r=${_r%/}
  echo "${_r:-.}"
}
# A pkg-config path: under ${prefix} when it is, else absolute.
pcpath() {
  case "$1" in
    "$prefix") echo '${prefix}' ;;
    "$prefix"/*) echo "\${prefix}${1#"$prefix"}" ;;
    *) echo "$1" ;;
  esac
}

cat > "$work/feudfacts.pc" <<EOF
prefix=$prefix
exec_prefix=\${prefix}
libdir=$(pcpath "$libdir")
includedir=$(pcpath "$includedir")

Name: feudfacts
Description: A sourced, offline fact base on the Musk-Altman feud over Stargate (C ABI, no allocation)
Version: $version
Libs: -L\${libdir} -lfeudfacts
Cflags: -I\${includedir}/feudfacts
EOF

cmakedir=$libdir/cmake/feudfacts
cat > "$work/feudfactsConfig.cmake" <<EOF
# CMake package configuration of libfeudfacts $version, written by
# ffi/install.sh. find_package(feudfacts) defines:
#   feudfacts::feudfacts  the shared library (libfeudfacts.so, SONAME $soname)
#   feudfacts::static     the static library (libfeudfacts.a; needs nothing else)
# Paths are relative to this file, so the installed tree can be moved.
get_filename_component(_feudfacts_libdir "\${CMAKE_CURRENT_LIST_DIR}/$(relative "$libdir" "$cmakedir")" ABSOLUTE)
get_filename_component(_feudfacts_includedir "\${CMAKE_CURRENT_LIST_DIR}/$(relative "$includedir/feudfacts" "$cmakedir")" ABSOLUTE)
foreach(_feudfacts_file "\${_feudfacts_libdir}/$real" "\${_feudfacts_libdir}/libfeudfacts.a"
        "\${_feudfacts_includedir}/feudfacts.h")
  if(NOT EXISTS "\${_feudfacts_file}")
    set(feudfacts_FOUND FALSE)
    set(feudfacts_NOT_FOUND_MESSAGE "\${_feudfacts_file} is missing (reinstall with ffi/install.sh)")
    return()
  endif()
endforeach()
if(NOT TARGET feudfacts::feudfacts)
  add_library(feudfacts::feudfacts SHARED IMPORTED)
  set_target_properties(feudfacts::feudfacts PROPERTIES
    IMPORTED_LOCATION "\${_feudfacts_libdir}/$real"
    IMPORTED_SONAME "$soname"
    INTERFACE_INCLUDE_DIRECTORIES "\${_feudfacts_includedir}")
endif()
if(NOT TARGET feudfacts::static)
  add_library(feudfacts::static STATIC IMPORTED)
  set_target_properties(feudfacts::static PROPERTIES
    IMPORTED_LOCATION "\${_feudfacts_libdir}/libfeudfacts.a"
    INTERFACE_INCLUDE_DIRECTORIES "\${_feudfacts_includedir}")
endif()
unset(_feudfacts_file)
unset(_feudfacts_libdir)
unset(_feudfacts_includedir)
EOF

if [ "$major" = 0 ]; then same="0.MINOR (before 1.0 a minor release may break the ABI)"; else same=MAJOR; fi
pointer_bytes=$(( $(getconf LONG_BIT) / 8 ))
cat > "$work/feudfactsConfigVersion.cmake" <<EOF
# Which find_package(feudfacts VERSION) requests libfeudfacts $version meets:
# the same $same, not older than requested,
# and a build for the same pointer size ($pointer_bytes bytes).
set(PACKAGE_VERSION "$version")
set(PACKAGE_VERSION_COMPATIBLE FALSE)
if(PACKAGE_FIND_VERSION STREQUAL "" OR NOT PACKAGE_FIND_VERSION VERSION_GREATER PACKAGE_VERSION)
  if("$major" STREQUAL "0")
    if(PACKAGE_FIND_VERSION STREQUAL "" OR (PACKAGE_FIND_VERSION_MAJOR EQUAL 0 AND PACKAGE_FIND_VERSION_MINOR EQUAL $minor))
      set(PACKAGE_VERSION_COMPATIBLE TRUE)
    endif()
  elseif(PACKAGE_FIND_VERSION STREQUAL "" OR PACKAGE_FIND_VERSION_MAJOR EQUAL $major)
    set(PACKAGE_VERSION_COMPATIBLE TRUE)
  endif()
endif()
if(PACKAGE_FIND_VERSION STREQUAL PACKAGE_VERSION)
  set(PACKAGE_VERSION_EXACT TRUE)
endif()
if(CMAKE_SIZEOF_VOID_P AND NOT CMAKE_SIZEOF_VOID_P STREQUAL "$pointer_bytes")
  set(PACKAGE_VERSION "\${PACKAGE_VERSION} ($((pointer_bytes * 8))-bit)")
  set(PACKAGE_VERSION_UNSUITABLE TRUE)
endif()
EOF

d=$destdir
docdir=$prefix/share/doc/feudfacts
install -d "$d$libdir" "$d$libdir/pkgconfig" "$d$cmakedir" "$d$includedir/feudfacts" "$d$docdir"
install -m 755 "$work/$real" "$d$libdir/$real"
ln -sf "$real" "$d$libdir/$soname"
ln -sf "$real" "$d$libdir/libfeudfacts.so"
install -m 644 "$archive" "$d$libdir/libfeudfacts.a"
install -m 644 "$root/include/feudfacts.h" "$d$includedir/feudfacts/feudfacts.h"
install -m 644 "$work/feudfacts.pc" "$d$libdir/pkgconfig/feudfacts.pc"
install -m 644 "$work/feudfactsConfig.cmake" "$work/feudfactsConfigVersion.cmake" "$d$cmakedir/"
install -m 644 "$root/LICENSE-MIT" "$root/LICENSE-APACHE" "$root/CHANGELOG.md" "$d$docdir/"

echo "installed libfeudfacts $version (SONAME $soname) into $d$prefix:"
for f in "$libdir/$real" "$libdir/$soname" "$libdir/libfeudfacts.so" "$libdir/libfeudfacts.a" \
         "$includedir/feudfacts/feudfacts.h" "$libdir/pkgconfig/feudfacts.pc" \
         "$cmakedir/feudfactsConfig.cmake" "$cmakedir/feudfactsConfigVersion.cmake" "$docdir/"; do
  echo "  $d$f"
done

#!/bin/bash
# Builds a textpipe for machines without a Swift toolchain and packs it with its resources:
#
#   scale/release/build.sh [DEST]     ->  DEST/textpipe-VERSION-linux-ARCH.tar.gz  (default DEST: .build/dist/)
#
# `swift build -c release --static-swift-stdlib` links the Swift runtime and Foundation in,
# but still links the C libraries of the system-library targets dynamically: libxml2 (and,
# as Debian builds it, ICU and liblzma), zlib and SQLite (GRDB). So that workers need none of
# them installed, this script points the linker at a folder of small linker scripts named
# libxml2.so, libz.so and libsqlite3.so, each of which pulls in the static archives (.a) from
# the -dev packages (libxml2-dev, libicu-dev, liblzma-dev, zlib1g-dev, libsqlite3-dev), in an
# order that resolves. That folder is made the first one the linker searches (see the .pc
# files below), so it finds those scripts before the real shared libraries. What remains
# dynamic is glibc, libstdc++ and libgcc_s, present on every Linux system (the glibc the
# binary was built against, or a newer one, is needed: check.sh prints which).
#
# SwiftPM resource bundles (textpipe_TextpipeEntities.resources: the entity gazetteers and
# model) are found next to the executable, so they travel in the archive beside it; a binary
# copied without them stops with "could not load resource bundle". check.sh tests the archive.
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
dest=$(mkdir -p "${1:-$root/.build/dist}" && cd "${1:-$root/.build/dist}" && pwd)
cd "$root"
arch=$(uname -m)
syslib=/usr/lib/$arch-linux-gnu
[ -d "$syslib" ] || syslib=/usr/lib64

static=$root/.build/static-link
mkdir -p "$static"
need() { for a in "$@"; do [ -f "$syslib/$a" ] || { echo "build.sh: $syslib/$a is missing (install the -dev package)" >&2; exit 1; }; done; }
need libxml2.a libicuuc.a libicudata.a liblzma.a libz.a libsqlite3.a
cat > "$static/libxml2.so" <<SCRIPT
/* textpipe release: libxml2 and what Debian's build of it uses, statically. */
GROUP ( $syslib/libxml2.a $syslib/libicuuc.a $syslib/libicudata.a $syslib/liblzma.a $syslib/libz.a -lstdc++ -lm )
SCRIPT
echo "GROUP ( $syslib/libz.a )" > "$static/libz.so"
echo "GROUP ( $syslib/libsqlite3.a -lm )" > "$static/libsqlite3.so"
# SwiftPM puts the -L of pkg-config's answer for libxml-2.0 and zlib (the system folder)
# before any -Xlinker -L, so the linker would find the real shared libraries first. Copies of
# the two .pc files whose libdir is $static make it the first folder searched, for -lxml2,
# -lz and GRDB's -lsqlite3 alike; their Cflags stay the system's.
mkdir -p "$static/pkgconfig"
for pc in libxml-2.0 zlib; do
    found=
    for d in $syslib/pkgconfig /usr/lib/pkgconfig /usr/share/pkgconfig; do
        [ -f "$d/$pc.pc" ] && found=$d/$pc.pc && break
    done
    [ -n "$found" ] || { echo "build.sh: $pc.pc is missing (install the -dev package)" >&2; exit 1; }
    sed "s|^libdir=.*|libdir=$static|" "$found" > "$static/pkgconfig/$pc.pc"
done

PKG_CONFIG_PATH=$static/pkgconfig${PKG_CONFIG_PATH:+:$PKG_CONFIG_PATH} \
    swift build -c release --static-swift-stdlib -Xlinker -L"$static" --product textpipe
bin=$(swift build -c release --show-bin-path)

version=$("$bin/textpipe" --version)
name=textpipe-$version-linux-$arch
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
mkdir "$stage/$name"
cp "$bin/textpipe" "$stage/$name/"
for bundle in "$bin"/*.resources; do
    [ -e "$bundle" ] && cp -R "$bundle" "$stage/$name/"
done
strip "$stage/$name/textpipe" 2>/dev/null || true
tar -C "$stage" -czf "$dest/$name.tar.gz" "$name"
echo "$dest/$name.tar.gz"

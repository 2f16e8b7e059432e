#!/bin/bash
# Checks a release archive made by build.sh as a worker would use it:
#
#   scale/release/check.sh .build/dist/textpipe-VERSION-linux-ARCH.tar.gz
#
# 1. the binary needs no shared library beyond glibc, libstdc++ and libgcc_s (ldd);
# 2. unpacked in a scratch folder, and run where neither the source tree (and so no build
#    folder to fall back on for resources) nor the Swift toolchain exists, nor the shared
#    libxml2, ICU, liblzma, zlib and SQLite of the build machine — the folders hidden under
#    empty mounts and the libraries under /dev/null, in a private mount namespace (unshare;
#    needs root) — it runs the default pipeline over a copy of Samples/, through a symlink
#    from another folder, and writes documents with entities;
# 3. without its resource bundles beside it, the same binary fails instead of silently
#    using another copy.
set -euo pipefail

archive=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
root=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
tar -C "$work" -xzf "$archive"
dir=$(echo "$work"/textpipe-*)
passed=0 failed=0
fail() { echo "check.sh: $*" >&2; failed=$((failed + 1)); }
pass() { echo "  $*"; passed=$((passed + 1)); }

extra=$(ldd "$dir/textpipe" | awk '{print $1}' \
    | grep -vE '^(linux-vdso\.so|/lib64/ld-linux|ld-linux|(libc|libm|libstdc\+\+|libgcc_s|libdl|libpthread|librt|libutil)\.so)' || true)
if [ -z "$extra" ]; then
    needs=$(for v in GLIBC GLIBCXX; do
        objdump -T "$dir/textpipe" 2>/dev/null | grep -o "${v}_[0-9.]*" | sort -Vu | tail -n 1
    done | tr '\n' ' ' || true)
    pass "shared libraries: only $(ldd "$dir/textpipe" | awk '{print $1}' | grep -vE '^(linux-vdso|/lib64)' | tr '\n' ' ')(needs ${needs:-unknown versions }or newer)"
else
    fail "the binary needs shared libraries a worker may lack: $(echo $extra)"
fi

mkdir -p "$work/job/bin"
cp -R "$root/Samples" "$root/Pipelines" "$work/job/"
ln -s "$dir/textpipe" "$work/job/bin/textpipe"
toolchain=$(dirname "$(dirname "$(dirname "$(readlink -f "$(command -v swift)")")")")
# The shared libraries a plain build links (readlink: the files the sonames point to).
libs=
for so in libxml2.so.2 libicuuc.so.72 libicudata.so.72 libicui18n.so.72 liblzma.so.5 libz.so.1 libsqlite3.so.0; do
    for d in /usr/lib/$(uname -m)-linux-gnu /usr/lib64 /usr/lib; do
        [ -e "$d/$so" ] && libs="$libs $(readlink -f "$d/$so")" && break
    done
done
# Runs a command in $work/job with the source tree, the toolchain and those libraries hidden.
run_hidden() {
    HIDE_LIBS=$libs unshare -m sh -c 'mount -t tmpfs none "$1" && mount -t tmpfs none "$2" &&
        for f in $HIDE_LIBS; do mount --bind /dev/null "$f" || exit 1; done &&
        shift 2 && cd "$0" && exec "$@"' "$work/job" "$root" "$toolchain" "$@"
}
if ! command -v unshare >/dev/null || ! run_hidden true 2>"$work/unshare.log"; then
    fail "cannot hide the source tree and toolchain here (unshare -m and mount need root): $(head -c 300 "$work/unshare.log" 2>/dev/null)"
    echo "release: $passed passed, $failed failed"
    exit 1
fi
# A control: in that namespace the hidden libraries really cannot be loaded.
if [ -n "$libs" ] && command -v python3 >/dev/null; then
    probe='import ctypes
try:
    ctypes.CDLL("libxml2.so.2")
    print("loaded")
except OSError:
    print("hidden")'
    if [ "$(run_hidden python3 -c "$probe" 2>&1)" != hidden ]; then
        fail "libxml2 could still be loaded where it should be hidden (or python3 failed there)"
    else
        pass "hidden: the source tree, $toolchain and$(for f in $libs; do printf ' %s' "$(basename "$f")"; done)"
    fi
fi
if run_hidden bin/textpipe run --output out > "$work/run.log" 2>&1 || [ $? -eq 1 ]; then
    docs=$(wc -l < "$work/job/out/documents.jsonl")
    entities=$(grep -c '"entities":\[{' "$work/job/out/documents.jsonl" || true)
    if [ "$docs" -gt 0 ] && [ "$entities" -gt 0 ]; then
        pass "without source tree or toolchain, through a symlink: $docs documents, $entities with entities"
    else
        fail "the shipped binary wrote $docs documents, $entities with entities"
    fi
else
    fail "the shipped binary failed to run: $(tail -n 5 "$work/run.log")"
fi

mkdir "$work/bare"
cp "$dir/textpipe" "$work/bare/"
if run_hidden "$work/bare/textpipe" run --output out-bare > "$work/bare.log" 2>&1; then
    fail "a binary without its resource bundles still ran (it must have found another copy)"
else
    if grep -q "could not load resource bundle" "$work/bare.log"; then
        pass "without its resource bundles beside it: stops with 'could not load resource bundle'"
    else
        fail "without its resources: $(tail -n 3 "$work/bare.log")"
    fi
fi
echo "release: $passed passed, $failed failed"
[ "$failed" -eq 0 ]

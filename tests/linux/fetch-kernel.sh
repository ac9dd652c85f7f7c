#!/bin/sh
# Fetch Debian's arm64 Linux kernel for the guest-DTB boot test and unpack it
# outside the repository. Idempotent: does nothing when the kernel is there.
#
#   tests/linux/fetch-kernel.sh [CACHE_DIR]     (default ~/.cache/shyperc/linux)
#
# Result: CACHE_DIR/Image (uncompressed arm64 Image) and CACHE_DIR/root/ (the
# unpacked package, with board DTBs under root/usr/lib/linux-image-*/).
# Needs root (dpkg --add-architecture, apt-get update) the first time.
set -eu

cache="${1:-${SHYPERC_LINUX_CACHE:-$HOME/.cache/shyperc/linux}}"
if [ -s "$cache/Image" ] && [ -d "$cache/root" ]; then
    echo "kernel already in $cache"
    exit 0
fi
mkdir -p "$cache"

if ! dpkg --print-foreign-architectures | grep -qx arm64; then
    dpkg --add-architecture arm64
    apt-get update -q
fi

# The versioned package changes with security updates: ask the meta-package.
pkg=$(apt-cache depends linux-image-arm64:arm64 | sed -n 's/.*Depends: \(linux-image-[0-9][^:]*-arm64\).*/\1/p' | head -n 1)
if [ -z "$pkg" ]; then
    apt-get update -q
    pkg=$(apt-cache depends linux-image-arm64:arm64 | sed -n 's/.*Depends: \(linux-image-[0-9][^:]*-arm64\).*/\1/p' | head -n 1)
fi
[ -n "$pkg" ] || { echo "fetch-kernel: cannot find the arm64 kernel package" >&2; exit 1; }

tmp=$(mktemp -d)
chmod 755 "$tmp"   # lets apt download as _apt, without the sandbox warning
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && apt-get download "$pkg:arm64")
rm -rf "$cache/root"
dpkg-deb -x "$tmp"/*.deb "$cache/root"
# Debian ships the arm64 Image uncompressed as /boot/vmlinuz-*.
cp "$cache/root"/boot/vmlinuz-* "$cache/Image.tmp"
mv "$cache/Image.tmp" "$cache/Image"
echo "$pkg" > "$cache/VERSION"
echo "kernel $pkg unpacked into $cache"

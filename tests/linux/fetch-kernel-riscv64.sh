#!/bin/sh
# Fetch Debian 13's riscv64 Linux kernel for the riscv64 Linux-guest tests and unpack it outside the
# repository. Debian 12 has no riscv64 port; Debian 13 (trixie) does. Idempotent: does nothing when
# the kernel is there.
#
#   tests/linux/fetch-kernel-riscv64.sh [CACHE_DIR]     (default ~/.cache/shyperc/linux-riscv64)
#
# Result: CACHE_DIR/Image (the uncompressed riscv64 Image) and CACHE_DIR/root/ (the unpacked package,
# with its modules under root/usr/lib/modules/).
#
# How: a private apt configuration in a temporary folder (its own sources list naming trixie for
# riscv64 only, its own package lists, cache and an empty dpkg status), used for one `apt-get update`
# and one `apt-get download`; the package is unpacked with dpkg-deb. The host's apt sources,
# architectures, lists and installed packages are never touched and nothing is installed, which a
# trixie chroot (debootstrap) or a foreign architecture in the host's apt would do. The mirror is the
# one the host's own apt uses; the signature is checked with the host's Debian archive keyring.
set -eu

cache="${1:-${SHYPERC_LINUX_RISCV64_CACHE:-$HOME/.cache/shyperc/linux-riscv64}}"
if [ -s "$cache/Image" ] && [ -d "$cache/root" ]; then
    echo "kernel already in $cache"
    exit 0
fi
mkdir -p "$cache"

mirror=$(apt-get indextargets --format '$(REPO_URI)' 'Created-By: Packages' 2>/dev/null \
    | grep -v -- '-security' | head -n 1)
[ -n "$mirror" ] || { echo "fetch-kernel-riscv64: the host's apt names no Debian mirror" >&2; exit 1; }
keyring=/usr/share/keyrings/debian-archive-keyring.gpg

tmp=$(mktemp -d)
chmod 755 "$tmp"   # lets apt download as _apt, without the sandbox warning
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/etc/apt.conf.d" "$tmp/etc/preferences.d" "$tmp/etc/sources.list.d" "$tmp/etc/trusted.gpg.d" \
    "$tmp/lists/partial" "$tmp/cache/archives/partial" "$tmp/debs"
touch "$tmp/status"
echo "deb [arch=riscv64 signed-by=$keyring] $mirror trixie main" > "$tmp/etc/sources.list"
# Every path apt would read or write is inside $tmp.
set -- -o Dir::Etc="$tmp/etc" -o Dir::Etc::sourcelist="$tmp/etc/sources.list" \
    -o Dir::Etc::sourceparts="$tmp/etc/sources.list.d" -o Dir::Etc::parts="$tmp/etc/apt.conf.d" \
    -o Dir::Etc::preferencesparts="$tmp/etc/preferences.d" -o Dir::State::lists="$tmp/lists" \
    -o Dir::State::status="$tmp/status" -o Dir::Cache="$tmp/cache" -o APT::Architecture=riscv64 \
    -o APT::Architectures::=riscv64 -o Debug::NoLocking=1
apt-get "$@" -q update
# The versioned package changes with security updates: ask the meta-package.
pkg=$(apt-cache "$@" depends linux-image-riscv64 | sed -n 's/.*Depends: \(linux-image-[0-9][^: ]*-riscv64\).*/\1/p' | head -n 1)
[ -n "$pkg" ] || { echo "fetch-kernel-riscv64: cannot find the riscv64 kernel package in trixie" >&2; exit 1; }
(cd "$tmp/debs" && apt-get "$@" -q download "$pkg")
rm -rf "$cache/root"
dpkg-deb -x "$tmp"/debs/*.deb "$cache/root"
# Debian's riscv64 /boot/vmlinuz-* is a gzip-compressed Image; the hypervisor loads the Image itself.
img=$(ls "$cache/root"/boot/vmlinu*-* | head -n 1)
if gzip -t "$img" 2>/dev/null; then gzip -dc "$img" > "$cache/Image.tmp"; else cp "$img" "$cache/Image.tmp"; fi
mv "$cache/Image.tmp" "$cache/Image"
echo "$pkg" > "$cache/VERSION"
echo "kernel $pkg unpacked into $cache"

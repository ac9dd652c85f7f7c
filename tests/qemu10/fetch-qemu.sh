#!/bin/sh
# Set up QEMU 10 (Debian 13's qemu-system-arm) beside an older system QEMU, for the
# Raspberry Pi 4 model (`-machine raspi4b`, QEMU 9 or later), without upgrading the host.
# Idempotent: does nothing when the wrapper is there and runs.
#
#   tests/qemu10/fetch-qemu.sh [CACHE_DIR]     (default ~/.cache/shyperc/qemu10)
#
# Result: CACHE_DIR/root/ (a minimal Debian 13 tree holding qemu-system-arm) and
# CACHE_DIR/qemu-system-aarch64, a wrapper that runs that QEMU through the tree's own
# dynamic loader and libraries, so it needs no root and no chroot once set up.
# `shyperc run` and the tests find the wrapper there (or through SHYPERC_QEMU).
# Needs root (debootstrap, chroot) the first time; about 450 MB.
set -eu
export DEBIAN_FRONTEND=noninteractive

cache="${1:-${SHYPERC_QEMU10_CACHE:-$HOME/.cache/shyperc/qemu10}}"
wrapper="$cache/qemu-system-aarch64"
if [ -x "$wrapper" ] && "$wrapper" -machine help 2>/dev/null | grep -q '^raspi4b '; then
    echo "QEMU with raspi4b already in $cache"
    exit 0
fi
if command -v qemu-system-aarch64 >/dev/null 2>&1 && qemu-system-aarch64 -machine help 2>/dev/null | grep -q '^raspi4b '; then
    echo "the system's QEMU has raspi4b already: nothing to set up"
    exit 0
fi
command -v debootstrap >/dev/null 2>&1 || { echo "fetch-qemu: debootstrap is missing (apt-get install debootstrap)" >&2; exit 1; }
mkdir -p "$cache"
mirror="${SHYPERC_DEBIAN_MIRROR:-http://deb.debian.org/debian}"

# Build the tree under a temporary name and rename it at the end: an interrupted run
# leaves no half-made tree behind for the next one to trust.
tmp="$cache/root.tmp"
rm -rf "$tmp"
trap 'umount "$tmp/proc" 2>/dev/null || true; rm -rf "$tmp"' EXIT
debootstrap --variant=minbase trixie "$tmp" "$mirror"
# Package scripts like a /proc; a container that may not mount one installs without it.
mounted=""
mount -t proc proc "$tmp/proc" 2>/dev/null && mounted=1
# QEMU loads its OpenGL and SPICE modules at every start, from the tree's module folder and then from
# the host's own (QEMU_MODULE_DIR only comes first): without them here it finds the host QEMU's, of
# another build, and warns on every run.
chroot "$tmp" apt-get install -y -q --no-install-recommends qemu-system-arm qemu-system-modules-opengl \
    qemu-system-modules-spice
[ -z "$mounted" ] || umount "$tmp/proc"
chroot "$tmp" apt-get clean
rm -rf "$tmp"/var/lib/apt/lists/*
rm -rf "$cache/root"
mv "$tmp" "$cache/root"
trap - EXIT

root="$cache/root"
cat > "$wrapper.tmp" <<WRAP
#!/bin/sh
# Written by tests/qemu10/fetch-qemu.sh: Debian 13's QEMU, run through its own loader.
r='$root'
QEMU_MODULE_DIR="\$r/usr/lib/x86_64-linux-gnu/qemu" exec "\$r/lib64/ld-linux-x86-64.so.2" \\
    --library-path "\$r/usr/lib/x86_64-linux-gnu" "\$r/usr/bin/qemu-system-aarch64" -L "\$r/usr/share/qemu" "\$@"
WRAP
chmod 755 "$wrapper.tmp"
mv "$wrapper.tmp" "$wrapper"
"$wrapper" --version | head -n 1
"$wrapper" -machine help | grep -q '^raspi4b ' || { echo "fetch-qemu: $wrapper has no raspi4b machine" >&2; exit 1; }
echo "QEMU with raspi4b set up in $cache"

#!/bin/sh
# Installs everything shyperc's build, run and tests need on a fresh Debian 12 machine (as root).
# Idempotent; safe to run again. Network needed: Debian's archive, Maven Central, npm.
set -eu
export DEBIAN_FRONTEND=noninteractive

# Debian packages: JDK and Maven; QEMU and the aarch64 cross compiler (the runtime's own build);
# dtc and dt-schema's dt-validate (guest device trees checked against the device-tree schemas), U-Boot tools and
# U-Boot for QEMU; pre-commit and Neovim (editor tests); Chromium (the
# report's screenshot test); rustc (the generated def.rs compiles); groff (the man page); clang-14 and its compiler
# runtime libclang-rt-14-dev (libFuzzer, ASan, UBSan: the runtime's fuzz harnesses, CFuzzCorpusTest, bench/cfuzz.sh).
# rustc: Rust-Shyper builds with a current Rust, and the generated def.rs uses `core::ffi::CStr`
# (stable since 1.64); Debian 12's `rustc` is 1.63, its `rustc-web` (bookworm updates) is current.
want="openjdk-17-jdk-headless maven git make \
      qemu-system-arm gcc-aarch64-linux-gnu device-tree-compiler dt-schema u-boot-tools u-boot-qemu \
      pre-commit neovim chromium groff-base clang-14 libclang-rt-14-dev"
# Only when missing: a machine may already have Node.js (with npm) or rustc from elsewhere, and
# Debian's npm conflicts with other Node.js packages.
command -v npm >/dev/null 2>&1 || want="$want nodejs npm"
rust_ok() { # rustc present and at least 1.64
    v=$(rustc --version 2>/dev/null | sed -n 's/^rustc 1\.\([0-9]*\).*/\1/p')
    [ -n "$v" ] && [ "$v" -ge 64 ]
}
rust_ok || want="$want rustc-web"

need=""
for p in $want; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || need="$need $p"
done
if [ -n "$need" ]; then
    apt-get update -q
    # shellcheck disable=SC2086
    apt-get install -y -q --no-install-recommends $need
fi

# The VS Code end-to-end test (editors/vscode/e2e, docs/editors.md): installing code-server
# compiles its native modules (g++, make, Python; Kerberos headers) and takes Debian's ripgrep
# instead of downloading one.
vscode_e2e=""
for p in g++ make python3 libkrb5-dev ripgrep; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || vscode_e2e="$vscode_e2e $p"
done
if [ -n "$vscode_e2e" ]; then
    apt-get update -q
    # shellcheck disable=SC2086
    apt-get install -y -q --no-install-recommends $vscode_e2e
fi

# Debian's arm64 kernel, for the tests that boot Linux on generated device trees.
"$(dirname "$0")/../tests/linux/fetch-kernel.sh"

# The riscv64 runtime and its tests: the cross compiler, QEMU's riscv64 machine and OpenSBI (its
# firmware, `-bios default`), and Debian 13's riscv64 kernel (Debian 12 has none) for the riscv64
# Linux-guest tests, fetched through a private apt configuration (tests/linux/fetch-kernel-riscv64.sh).
riscv=""
for p in gcc-riscv64-linux-gnu qemu-system-misc opensbi; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || riscv="$riscv $p"
done
if [ -n "$riscv" ]; then
    apt-get update -q
    # shellcheck disable=SC2086
    apt-get install -y -q --no-install-recommends $riscv
fi
"$(dirname "$0")/../tests/linux/fetch-kernel-riscv64.sh"

# QEMU 9 or later for the Raspberry Pi 4 model (`-machine raspi4b`), which Debian 12's QEMU 7.2 lacks:
# Debian 13's QEMU in a minimal tree under ~/.cache/shyperc/qemu10, made once with debootstrap.
dpkg-query -W -f='${Status}' debootstrap 2>/dev/null | grep -q "install ok installed" || {
    apt-get update -q
    apt-get install -y -q --no-install-recommends debootstrap
}
"$(dirname "$0")/../tests/qemu10/fetch-qemu.sh"

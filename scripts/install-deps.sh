#!/bin/sh
# Installs everything shyperc's build, run and tests need on a fresh Debian 12 machine (as root).
# Idempotent; safe to run again. Network needed: Debian's archive, Maven Central, npm.
set -eu
export DEBIAN_FRONTEND=noninteractive

need=""
for p in openjdk-17-jdk-headless maven git make \
         qemu-system-arm gcc-aarch64-linux-gnu device-tree-compiler u-boot-tools u-boot-qemu \
         pre-commit neovim nodejs npm chromium rustc; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || need="$need $p"
done
if [ -n "$need" ]; then
    apt-get update -q
    # shellcheck disable=SC2086
    apt-get install -y -q --no-install-recommends $need
fi

# Debian's arm64 kernel, for the test that boots Linux on a generated device tree.
"$(dirname "$0")/../tests/linux/fetch-kernel.sh"

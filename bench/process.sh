#!/usr/bin/env bash
# Whole-process start-up figures, cold, in one run: `java -version` (the JVM's floor),
# `shyperc check` and `shyperc build` of the QEMU example through the launcher (with its
# class-data-sharing archive), medians of N runs each, interleaved so load swings hit all three.
#   bench/process.sh [N]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
n="${1:-15}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work"
mkdir images
cp "$root/examples/qemu-virt/system.shy" system.shy   # its board comes from the library: import board "qemu-virt"
for f in Image initrd.cpio.gz rt.bin bm.bin; do head -c 65536 /dev/zero > "images/$f"; done
"$root/shyperc" check system.shy >/dev/null      # builds the jar and records the CDS archive if needed
"$root/shyperc" build system.shy -o out >/dev/null

ms() { local s e; s=$(date +%s%N); "$@" >/dev/null 2>&1; e=$(date +%s%N); echo $(( (e - s) / 1000000 )); }   # a failing command ends the benchmark (set -e)
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
: > jv; : > ck; : > bd
for _ in $(seq "$n"); do
  ms java -version >> jv
  ms "$root/shyperc" check system.shy >> ck
  ms "$root/shyperc" build system.shy -o out >> bd
done
j=$(median < jv); c=$(median < ck); b=$(median < bd)
echo "runs: $n (medians, ms), load: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "java -version           $j"
echo "shyperc check (QEMU)    $c   ($(awk -v c="$c" -v j="$j" 'BEGIN{printf "%.1f", c/j}')x the JVM floor)"
echo "shyperc build (QEMU)    $b   ($(awk -v b="$b" -v c="$c" 'BEGIN{printf "%.2f", b/c}')x check)"

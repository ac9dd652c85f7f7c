#!/usr/bin/env bash
# Whole-process start-up figures, cold, in one run: `java -version` (the JVM's floor),
# `shyperc check` and `shyperc build` of the QEMU example through the launcher (with its
# class-data-sharing archive), medians of N runs each, interleaved so load swings hit all three.
# Wall time and CPU time (user + system); on a loaded machine the CPU time is the steadier one.
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

# CPU_MS: CPU time (user + system) of the finished children so far, from the builtin `times`.
# No command substitution around the runs: its subshell would be a child too, and one in
# which `times` counts only its own children. Wall time from bash's EPOCHREALTIME (no `date`).
to_ms() { local m=${1%%m*} r=${1#*m}; r=${r%s}; MS=$(( m * 60000 + ${r%.*} * 1000 + 10#${r#*.} )); }
cpu() { local u s; times > "$work/times"; { read -r _ _; read -r u s; } < "$work/times"; to_ms "$u"; CPU_MS=$MS; to_ms "$s"; CPU_MS=$(( CPU_MS + MS )); }
# wall and CPU ms of one run, appended to $1.wall and $1.cpu; a failing command ends the benchmark (set -e)
run() { local out=$1 s e c0; shift; cpu; c0=$CPU_MS; s=${EPOCHREALTIME//[.,]/}; "$@" >/dev/null 2>&1; e=${EPOCHREALTIME//[.,]/}; cpu
  echo $(( (e - s) / 1000 )) >> "$out.wall"; echo $(( CPU_MS - c0 )) >> "$out.cpu"; }
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
for f in jv ck bd; do : > $f.wall; : > $f.cpu; done
for _ in $(seq "$n"); do
  run jv java -version
  run ck "$root/shyperc" check system.shy
  run bd "$root/shyperc" build system.shy -o out
done
ratio() { awk -v a="$1" -v b="$2" 'BEGIN{printf "%.2f", a/b}'; }
jw=$(median < jv.wall); cw=$(median < ck.wall); bw=$(median < bd.wall)
jc=$(median < jv.cpu); cc=$(median < ck.cpu); bc=$(median < bd.cpu)
echo "runs: $n (medians, ms; CPU = user + system of the process and its children), load: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "                        wall         CPU"
echo "java -version           $jw          $jc"
echo "shyperc check (QEMU)    $cw ($(ratio "$cw" "$jw")x)  $cc ($(ratio "$cc" "$jc")x)   (x the JVM floor)"
echo "shyperc build (QEMU)    $bw ($(ratio "$bw" "$cw")x)  $bc ($(ratio "$bc" "$cc")x)   (x check)"

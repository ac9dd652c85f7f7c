#!/usr/bin/env bash
# Boot overhead of the hypervisor (issue 15): wall time from QEMU's start to a guest's first output and to Linux's
# user space, under the hypervisor and booted directly (same guest, no hypervisor), runs interleaved; the runtime's
# trap counters (`--trap-stats`) beside them. Results go to stdout as tables; raw lines stay in the work folder.
#
#   bench/boot.sh [ROUNDS] [baremetal|linux|linux-alone|linux3|stage2|all]     # default: 7 rounds, all
#   SHYPERC="java -jar /tmp/before/shyperc.jar" bench/boot.sh 7   # another shyperc (say the version before a change)
#   ACCEL=tcg,thread=single bench/boot.sh 7 linux    # QEMU's accelerator for both sides (default: QEMU's, multi-threaded TCG)
#
# Needs qemu-system-aarch64 (7.2 as the tests use) and Debian's arm64 kernel in ~/.cache/shyperc/linux
# (tests/linux/fetch-kernel.sh). The hypervisor's images are built with `shyperc build --trap-stats`; the direct
# boots use the QEMU command lines of MeasurementsTest and LinuxGuestTest (bare-metal: the `hello` guest at EL1 on 4
# cores; Linux: 2 cores and 256 MiB, the same kernel, initramfs and command line).
set -euo pipefail
rounds=${1:-7}
which=${2:-all}
# The same accelerator on both sides, so a ratio compares the hypervisor, not two ways of running QEMU.
accel=${ACCEL:+-accel $ACCEL}
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
read -r -a shyperc <<< "${SHYPERC:-$root/shyperc}"
kernel="${SHYPERC_LINUX_CACHE:-$HOME/.cache/shyperc/linux}/Image"
hello="$root/hypervisor-runtime/target/guests/hello.bin"
init="$root/hypervisor-runtime/target/guests/linux-init"
work="$(mktemp -d "${TMPDIR:-/tmp}/shyperc-boot.XXXXXX")"
echo "work folder: $work"

# --- inputs ------------------------------------------------------------------------------------------------------
[ -f "$hello" ] && [ -f "$init" ] || "$root/shyperc" --version >/dev/null   # the launcher builds the runtime and guests
[ -f "$kernel" ] || { echo "no arm64 kernel at $kernel: run tests/linux/fetch-kernel.sh" >&2; exit 2; }
mkdir -p "$work/images"
ln -sf "$kernel" "$work/images/Image"
cp "$hello" "$work/images/hello.bin"

# A newc cpio with one executable, /init (what LinuxGuestTest's Cpio writes).
cpio_entry() { # ino mode name file
  local size=0 n=$(( ${#3} + 1 ))
  [ -n "$4" ] && size=$(stat -c %s "$4")
  printf '070701%08x%08x%08x%08x%08x%08x%08x%08x%08x%08x%08x%08x%08x' "$1" "$2" 0 0 1 0 "$size" 0 0 0 0 "$n" 0
  printf '%s\0' "$3"
  head -c $(( (4 - (110 + n) % 4) % 4 )) /dev/zero
  if [ -n "$4" ]; then cat "$4"; head -c $(( (4 - size % 4) % 4 )) /dev/zero; fi
}
{ cpio_entry 1 $((0100755)) init "$init"; cpio_entry 0 0 'TRAILER!!!' ''; } > "$work/images/initrd.cpio"
truncate -s $(( ( $(stat -c %s "$work/images/initrd.cpio") + 511 ) / 512 * 512 )) "$work/images/initrd.cpio"

bootargs="console=ttyAMA0 earlycon=pl011,0x9000000 rdinit=/init panic=-1"
# LinuxGuestTest's system: Linux on cores 0-1 (256 MiB), a bare-metal `hello` VM on cores 2-3.
cat > "$work/linux.shy" <<EOF
import board "qemu-virt"
import board "qemu-virt-gicv3"

system linuxboot for qemu-virt, qemu-virt-gicv3 {
    vm linux : linux management {
        cpus [0, 1]
        memory @ 0x4000_0000 size 256 MiB
        kernel "images/Image" @ 0x4020_0000
        initrd "images/initrd.cpio" @ 0x4800_0000
        dtb @ 0x4c00_0000
        bootargs "$bootargs"
    }
    vm bm : baremetal {
        cpus [2, 3]
        memory @ 0x4000_0000 size 64 MiB
        kernel "images/hello.bin" @ 0x4000_0000
    }
}
EOF
# Linux alone on its two cores, on a QEMU machine of two: the direct boot's machine, so the ratio is the hypervisor's
# own cost (the system above runs on four QEMU threads, and QEMU makes every broadcast TLB flush wait for them all).
sed -e 's/linuxboot/linux2/' -e '/vm bm : baremetal {/,/^    }/d' "$work/linux.shy" > "$work/linux2.shy"
# Linux alone on three cores (nothing else competing for the host's cores), beside nothing but an idle core.
sed -e 's/linuxboot/linux3/' -e 's/cpus \[0, 1\]/cpus [0, 1, 2]/' -e 's/cpus \[2, 3\]/cpus [3]/' "$work/linux.shy" > "$work/linux3.shy"
# stage2: Linux alone on QEMU's board (stage 2 in pages, `stage2-blocks off`) against the same on a copy of the board
# that says `stage2-blocks on` (2 MiB blocks where aligned, as every board had before).
if [ "$which" = stage2 ]; then
  for b in qemu-virt qemu-virt-gicv3; do
    sed -e "s/^board $b {/board $b-blocks {/" -e 's/stage2-blocks off/stage2-blocks on/' "$root/boards/$b.shy" > "$work/$b-blocks.shy"
  done
  sed -e 's/linux2/linux2blocks/' -e 's/import board "qemu-virt"/import "qemu-virt-blocks.shy"/' \
    -e 's/import board "qemu-virt-gicv3"/import "qemu-virt-gicv3-blocks.shy"/' \
    -e 's/for qemu-virt, qemu-virt-gicv3/for qemu-virt-blocks, qemu-virt-gicv3-blocks/' "$work/linux2.shy" > "$work/linux2blocks.shy"
fi
# A shyperc from before the counters has no --trap-stats: then wall times only.
stats=--trap-stats
"${shyperc[@]}" build --help 2>&1 | grep -q -- --trap-stats || stats=
extra=(); [ "$which" = stage2 ] && extra=("$work/linux2blocks.shy")
for f in "$work/linux.shy" "$work/linux2.shy" "$work/linux3.shy" "${extra[@]}" "$root/examples/qemu-virt-baremetal/system.shy"; do
  "${shyperc[@]}" build $stats -o "$work/out" "$f" >/dev/null
done

hv() { # gic elf [smp]
  echo qemu-system-aarch64 $accel -machine "virt,virtualization=on,gic-version=$1" -cpu cortex-a57 -nic none -smp "${3:-4}" -m 2048M \
    -nographic -no-reboot -kernel "$2"
}
direct_linux() { # gic smp
  echo qemu-system-aarch64 $accel -machine "virt,gic-version=$1" -cpu cortex-a57 -nic none -smp "$2" -m 256M -display none \
    -monitor none -serial stdio -no-reboot -kernel "$kernel" -initrd "$work/images/initrd.cpio" -append
}
direct_hello() {
  echo qemu-system-aarch64 $accel -machine virt,gic-version=2 -cpu cortex-a57 -nic none -smp 4 -m 2G -display none \
    -monitor none -serial stdio -no-reboot -kernel "$hello"
}

# Runs a command; writes each output line with the milliseconds since the start into $1.
timed() {
  local out=$1; shift
  local t0=${EPOCHREALTIME/./} now line
  { timeout 300 "$@" </dev/null 2>&1; echo "@exit $?"; times; } | while IFS= read -r line; do
    now=${EPOCHREALTIME/./}
    printf '%d %s\n' $(( (now - t0) / 1000 )) "$line"
  done > "$out"
}
# ms of the first line containing $2 in $1, or -
first() { awk -v p="$2" 'index($0, p) { print $1; found = 1; exit } END { if (!found) print "-" }' "$1"; }
median() { sort -n | awk '{ v[NR] = $1 } END { if (NR == 0) print "-"; else if (NR % 2) print v[(NR + 1) / 2]; else printf "%.1f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
load() { cut -d' ' -f1 /proc/loadavg; }
# CPU time (user + system, ms) of QEMU in $1: the last line of bash's `times` (its children's)
cpu() { awk '$2 ~ /^[0-9]+m[0-9.]+s$/ && $3 ~ /^[0-9]+m[0-9.]+s$/ { l = $0 } END {
  split(l, f, " "); t = 0; for (i = 2; i <= 3; i++) { split(f[i], m, "m"); sub("s", "", m[2]); t += m[1] * 60 + m[2] }
  printf "%d\n", t * 1000 }' "$1"; }

# One benchmark: name, marker in the hypervisor's output, marker in the direct boot's, hypervisor cmd | direct cmd
bench() {
  local name=$1 hmark=$2 dmark=$3 hcmd=$4 dcmd=$5 i h d
  local l0; l0=$(load)
  : > "$work/$name.h"; : > "$work/$name.d"; : > "$work/$name.hc"; : > "$work/$name.dc"
  for ((i = 1; i <= rounds; i++)); do
    # alternate which goes first, so neither always runs right after the other
    if (( i % 2 )); then
      eval "timed \"$work/$name.h$i\" $hcmd"; eval "timed \"$work/$name.d$i\" $dcmd"
    else
      eval "timed \"$work/$name.d$i\" $dcmd"; eval "timed \"$work/$name.h$i\" $hcmd"
    fi
    h=$(first "$work/$name.h$i" "$hmark"); d=$(first "$work/$name.d$i" "$dmark")
    grep -q '^[0-9]* @exit 0$' "$work/$name.h$i" || { echo "$name: hypervisor run $i failed, see $work/$name.h$i" >&2; h=-; }
    grep -q '^[0-9]* @exit 0$' "$work/$name.d$i" || { echo "$name: direct run $i failed, see $work/$name.d$i" >&2; d=-; }
    echo "$h" >> "$work/$name.h"; echo "$d" >> "$work/$name.d"
    cpu "$work/$name.h$i" >> "$work/$name.hc"; cpu "$work/$name.d$i" >> "$work/$name.dc"
    echo "  $name round $i: hypervisor $h ms, direct $d ms; QEMU CPU $(tail -1 "$work/$name.hc") / $(tail -1 "$work/$name.dc") ms (load $(load))"
  done
  local mh md; mh=$(grep -v - "$work/$name.h" | median); md=$(grep -v - "$work/$name.d" | median)
  local ratio=-; [ "$mh" != - ] && [ "$md" != - ] && ratio=$(awk -v a="$mh" -v b="$md" 'BEGIN { printf "%.2f", a / b }')
  local ch cd cratio; ch=$(median < "$work/$name.hc"); cd=$(median < "$work/$name.dc")
  cratio=$(awk -v a="$ch" -v b="$cd" 'BEGIN { printf "%.2f", a / b }')
  printf '| %s | %s | %s | %s | %s | %s | %s | %s–%s | %s–%s | %s → %s |\n' "$name" "$mh" "$md" "$ratio" "$ch" "$cd" "$cratio" \
    "$(sort -n "$work/$name.h" | head -1)" "$(sort -n "$work/$name.h" | tail -1)" \
    "$(sort -n "$work/$name.d" | head -1)" "$(sort -n "$work/$name.d" | tail -1)" "$l0" "$(load)" >> "$work/summary"
  # the trap table and boot line of the run with the median time (runs are timed with the counters printing at power-off)
  local best=1 bd=999999999 v
  for ((i = 1; i <= rounds; i++)); do
    v=$(first "$work/$name.h$i" "$hmark"); [ "$v" = - ] && continue
    v=$(awk -v a="$v" -v m="$mh" 'BEGIN { d = a - m; print d < 0 ? -d : d }')
    if awk -v a="$v" -v b="$bd" 'BEGIN { exit !(a < b) }'; then bd=$v; best=$i; fi
  done
  { echo; echo "$name, round $best (${mh} ms median):"; grep 'shyper: traps: ' "$work/$name.h$best" | cut -d' ' -f2- | sed 's/^shyper: traps: //'
    grep 'shyper: boot (us' "$work/$name.h$best" | cut -d' ' -f2- | sed 's/^shyper: //'; } >> "$work/traps"
}

: > "$work/summary"; : > "$work/traps"
elf_bm="$work/out/baremetal/qemu-virt/shyper.elf"
case $which in all|baremetal)
  bench bm-first-output "] vcpu 0: hello" "vcpu 0: hello" "$(hv 2 "$elf_bm")" "$(direct_hello)"
  for ((i = 1; i <= rounds; i++)); do first "$work/bm-first-output.h$i" "shyper: system"; done | median > "$work/banner"
  echo "| (hypervisor's banner in the same runs) | $(cat "$work/banner") | | | | | | | | |" >> "$work/summary" ;;
esac
case $which in all|linux)
  for g in 2 3; do
    board=qemu-virt; [ $g = 3 ] && board=qemu-virt-gicv3
    bench "linux-gicv$g" "init: hello from Linux" "init: hello from Linux" \
      "$(hv $g "$work/out/linuxboot/$board/shyper.elf")" "$(direct_linux $g 2) \"\$bootargs\""
  done
  # The same QEMU machine as the hypervisor's (4 cores), Linux using 2 of them: what the hypervisor adds on one machine.
  bench "linux-gicv2-smp4" "init: hello from Linux" "init: hello from Linux" \
    "$(hv 2 "$work/out/linuxboot/qemu-virt/shyper.elf")" "$(direct_linux 2 4) \"\$bootargs nr_cpus=2\"" ;;
esac
case $which in all|linux|linux-alone)
  # Linux alone under the hypervisor on a 2-core machine against the direct 2-core boot: the same QEMU machine size.
  for g in 2 3; do
    board=qemu-virt; [ $g = 3 ] && board=qemu-virt-gicv3
    bench "linux-alone-gicv$g" "init: hello from Linux" "init: hello from Linux" \
      "$(hv $g "$work/out/linux2/$board/shyper.elf" 2)" "$(direct_linux $g 2) \"\$bootargs\""
  done ;;
esac
case $which in stage2)
  # "hypervisor" is the board's pages, "direct" the blocks board: both under the hypervisor, on a 2-core machine.
  for g in 2 3; do
    board=qemu-virt; [ $g = 3 ] && board=qemu-virt-gicv3
    bench "stage2-pages-vs-blocks-gicv$g" "init: hello from Linux" "init: hello from Linux" \
      "$(hv $g "$work/out/linux2/$board/shyper.elf" 2)" "$(hv $g "$work/out/linux2blocks/$board-blocks/shyper.elf" 2)"
  done
  echo "| (stage2 rows: the hypervisor column is stage 2 in pages, the direct column the same with 2 MiB blocks) | | | | | | | | | |" \
    >> "$work/summary" ;;
esac
case $which in linux3)
  bench "linux3-gicv2" "init: hello from Linux" "init: hello from Linux" \
    "$(hv 2 "$work/out/linux3/qemu-virt/shyper.elf")" "$(direct_linux 2 3) \"\$bootargs\"" ;;
esac

echo "QEMU accelerator: ${ACCEL:-the default, multi-threaded TCG}"
echo "| benchmark | hypervisor median (ms) | direct median (ms) | ratio | QEMU CPU hypervisor (ms) | QEMU CPU direct (ms) | CPU ratio | hypervisor range | direct range | load |"
echo "|---|---|---|---|---|---|---|---|---|---|"
cat "$work/summary"
cat "$work/traps"

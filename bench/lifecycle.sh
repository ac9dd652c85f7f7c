#!/bin/bash
# VM lifecycle figures (bench/README.md, "VM lifecycle"): boots the images of examples/qemu-virt-lifecycle N times per
# GIC and prints, from the guests' own counter (not offset by the hypervisor, so comparable across restarts), the
# restart time of `crasher` (its stage-2 fault to its banner again) and the watchdog reaction of `watched` (its last
# kick to its banner again: the 200 ms period plus the restart). First: ./shyperc build examples/qemu-virt-lifecycle/system.shy -o /tmp/lc-build
set -euo pipefail
n=${1:-7}
for gic in 2 3; do
  dir=/tmp/lc-build/lifecycle/qemu-virt; [ $gic = 3 ] && dir=/tmp/lc-build/lifecycle/qemu-virt-gicv3
  for i in $(seq 1 "$n"); do
    out=$(timeout 120 qemu-system-aarch64 -machine virt,virtualization=on,gic-version=$gic -cpu cortex-a57 -nic none -smp 4 -m 2048M -nographic -no-reboot -kernel $dir/shyper.elf 2>&1)
    f=$(echo "$out" | grep -o "\[crasher\] faulting at [0-9]*" | grep -o "[0-9]*$")
    b=$(echo "$out" | grep -o "\[crasher\] life: boot 2 at [0-9]*" | grep -o "[0-9]*$")
    s=$(echo "$out" | grep -o "\[watched\] stalling at [0-9]*" | grep -o "[0-9]*$")
    w=$(echo "$out" | grep -o "\[watched\] life: boot 2 at [0-9]*" | grep -o "[0-9]*$")
    echo "gicv$gic run $i restart_us $((b-f)) watchdog_us $((w-s))"
  done
done

#!/usr/bin/env bash
# Doorbell round-trip latency (issue 13): two bare-metal VMs under QEMU 7.2 (TCG) ping-pong through doorbells
# (HVC ring, virtual SPI in the other VM, ring back) and through a polled flag in shared memory, 1,000 round trips
# each; the guest (hypervisor-runtime/src/main/c/guests/doorbell.c) prints the median in counter ticks and in µs.
# Each round boots examples/qemu-virt-doorbell once per GIC version; the table gives every round's medians.
#
#   bench/doorbell.sh [ROUNDS]      # default 3
set -euo pipefail
rounds=${1:-3}
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
read -r -a shyperc <<< "${SHYPERC:-$root/shyperc}"
work="$(mktemp -d "${TMPDIR:-/tmp}/shyperc-doorbell.XXXXXX")"
echo "work folder: $work"
echo
echo "| board | round | doorbell ping-pong median | shared-memory flag median | storm: raised / coalesced of 100,000 | load |"
echo "|---|---|---|---|---|---|"
for ((i = 1; i <= rounds; i++)); do
  for board in qemu-virt qemu-virt-gicv3; do
    log="$work/$board-$i.log"
    "${shyperc[@]}" run "$root/examples/qemu-virt-doorbell/system.shy" --board "$board" -o "$work/out-$board" \
      --timeout 300 > "$log" 2>&1 || { echo "run failed, see $log" >&2; exit 1; }
    us() { sed -n "s/.*\[ping\] $1: median of [0-9]* round trips \([0-9]*\) ticks = \([0-9.]*\) us.*/\2 µs (\1 ticks)/p" "$log"; }
    storm=$(sed -n 's/.*storm: [0-9]* rings: \([0-9]*\) raised, \([0-9]*\) coalesced.*/\1 \/ \2/p' "$log")
    echo "| $board | $i | $(us 'doorbell ping-pong') | $(us 'shared-memory flag ping-pong') | $storm | $(cut -d' ' -f1 /proc/loadavg) |"
  done
done

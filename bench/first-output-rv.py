#!/usr/bin/env python3
"""First console line of each VM on riscv64 (issue 15), wall time from QEMU's start.

    bench/first-output-rv.py ROUNDS NAME=shyper.elf [NAME=shyper.elf ...]

Boots each hypervisor image (built for qemu-riscv64, say `shyperc build -o DIR [--zero-ram]
examples/qemu-riscv64-baremetal/system.shy`) under QEMU riscv virt with OpenSBI, the command the riscv64 runtime tests
use, interleaved, the order rotating each round. Each run ends when every VM the banner counts (`shyper: system S, N
VMs on ...`) has printed its first `[vm] ` line; then QEMU is stopped. Reports, per image, the median time to the banner,
to each VM's first line and to the last VM's first line, and of the last VM's first line after the banner (in each
run: the hypervisor's part, less QEMU's and OpenSBI's start), with the load average before and after. On a machine shared
with other work the wall time also measures how long QEMU's threads waited for a host CPU: interleave, and compare
images within one call.
"""
import os
import re
import statistics
import subprocess
import sys
import time

QEMU = ["qemu-system-riscv64", "-machine", "virt", "-cpu", "rv64", "-nic", "none", "-smp", "4", "-m", "2G",
        "-display", "none", "-monitor", "none", "-serial", "stdio", "-no-reboot", "-bios", "default", "-kernel"]
BANNER = re.compile(rb"shyper: system \S+, (\d+) VMs? on")
VM_LINE = re.compile(rb"^\[([A-Za-z0-9_.-]+)\] ")


def run(elf, timeout=60):
    """{'banner': ms, vm name: ms of its first line}."""
    t0 = time.monotonic()
    p = subprocess.Popen(QEMU + [elf], stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    got, expected, out = {}, None, []
    try:
        for line in p.stdout:
            ms = (time.monotonic() - t0) * 1000
            out.append(line)
            m = BANNER.search(line)
            if m and expected is None:
                expected = int(m.group(1))
                got["banner"] = ms
            m = VM_LINE.match(line)
            if m and m.group(1).decode() not in got:
                got[m.group(1).decode()] = ms
            if expected is not None and len(got) - 1 >= expected:
                return got
            if ms > timeout * 1000:
                break
        raise SystemExit(f"not every VM printed, from {elf}:\n" + b"".join(out).decode(errors="replace"))
    finally:
        p.kill()
        p.wait()


def main():
    if len(sys.argv) < 3 or "=" not in "".join(sys.argv[2:]):
        raise SystemExit(__doc__)
    rounds = int(sys.argv[1])
    images = [tuple(a.split("=", 1)) for a in sys.argv[2:]]
    got = {name: [] for name, _ in images}
    load = os.getloadavg()
    for i in range(rounds):
        k = i % len(images)
        for name, elf in images[k:] + images[:k]:
            got[name].append(run(elf))
    after = os.getloadavg()
    print(f"{rounds} rounds, load average {load[0]:.1f} -> {after[0]:.1f} (5 min: {load[1]:.1f} -> {after[1]:.1f})")
    vms = sorted({k for runs in got.values() for r in runs for k in r if k != "banner"})
    print("| image (ms, medians) | banner | " + " | ".join(vms) + " | last VM | last VM after the banner |")
    print("|---|---|" + "---|" * len(vms) + "---|---|")
    for name, _ in images:
        runs = got[name]
        med = lambda key: statistics.median(r[key] for r in runs if key in r)
        last = statistics.median(max(v for k, v in r.items() if k != "banner") for r in runs)
        gap = statistics.median(max(v for k, v in r.items() if k != "banner") - r["banner"] for r in runs)
        cells = [f"{med(v):.0f}" if any(v in r for r in runs) else "-" for v in vms]
        print(f"| {name} | {med('banner'):.0f} | " + " | ".join(cells) + f" | {last:.0f} | {gap:.0f} |")


if __name__ == "__main__":
    main()

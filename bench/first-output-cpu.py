#!/usr/bin/env python3
"""First output of a bare-metal guest (issue 15), by QEMU's CPU time as well as by wall time.

    bench/first-output-cpu.py ROUNDS NAME=shyper.elf [NAME=shyper.elf ...]

Runs the direct boot of `bench/boot.sh` (the `hello` guest at EL1 on QEMU virt, 4 cores) and each hypervisor image
(built from examples/qemu-virt-baremetal, say with `shyperc build -o DIR`), interleaved, the order rotating each round,
until the first `vcpu 0: hello` line (`] vcpu 0: hello` under the hypervisor); then QEMU is stopped. Reports medians
of the wall time from QEMU's start to that line and of QEMU's CPU time up to it: the run time of all its threads, read
from /proc/PID/task/*/schedstat at that line, and of the boot core's thread alone (QEMU's `CPU 0/TCG`, named with
`-name debug-threads=on`), whose work is the path to the first guest. On a machine shared with other work the wall
time mostly measures how long QEMU's threads waited for a host CPU; the CPU time is what the boot cost. Needs Linux's
/proc.
"""
import glob
import os
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
HELLO = os.path.join(ROOT, "hypervisor-runtime", "target", "guests", "hello.bin")
QEMU = ["qemu-system-aarch64", "-cpu", "cortex-a57", "-nic", "none", "-smp", "4", "-no-reboot",
        "-name", "bench,debug-threads=on"]
DIRECT = QEMU + ["-machine", "virt,gic-version=2", "-m", "2G", "-display", "none", "-monitor", "none",
                 "-serial", "stdio", "-kernel", HELLO]
HYPERVISOR = QEMU + ["-machine", "virt,virtualization=on,gic-version=2", "-m", "2048M", "-nographic",
                     "-kernel"]


def cpu_ms(pid):
    """(all threads, the boot core's thread) in ms of run time."""
    total = boot = 0
    for task in glob.glob(f"/proc/{pid}/task/*"):
        try:
            with open(task + "/schedstat") as s:
                ns = int(s.read().split()[0])
            with open(task + "/comm") as c:
                name = c.read().strip()
        except (OSError, ValueError, IndexError):
            continue                                # a thread that ended meanwhile
        total += ns
        if name == "CPU 0/TCG":
            boot += ns
    return total / 1e6, boot / 1e6


def run(cmd, marker):
    t0 = time.monotonic()
    p = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        for line in p.stdout:
            if marker in line:
                return ((time.monotonic() - t0) * 1000,) + cpu_ms(p.pid)
        raise SystemExit(f"no {marker!r} from: {' '.join(cmd)}")
    finally:
        p.kill()
        p.wait()


def main():
    if len(sys.argv) < 3 or "=" not in "".join(sys.argv[2:]):
        raise SystemExit(__doc__)
    rounds = int(sys.argv[1])
    runs = [("direct", DIRECT, b"vcpu 0: hello")]
    runs += [(a.split("=", 1)[0], HYPERVISOR + [a.split("=", 1)[1]], b"] vcpu 0: hello") for a in sys.argv[2:]]
    got = {name: [] for name, _, _ in runs}
    load = os.getloadavg()[0]
    for i in range(rounds):
        k = i % len(runs)
        for name, cmd, marker in runs[k:] + runs[:k]:
            got[name].append(run(cmd, marker))
    print(f"{rounds} rounds, load average {load:.1f} -> {os.getloadavg()[0]:.1f}")
    print("| run | wall median (ms) | ratio | QEMU CPU to the line, median (ms) | ratio | boot core's CPU (ms) |")
    print("|---|---|---|---|---|---|")
    dw = statistics.median(r[0] for r in got["direct"])
    dc = statistics.median(r[1] for r in got["direct"])
    for name, _, _ in runs:
        w, c, b = (statistics.median(r[k] for r in got[name]) for k in range(3))
        print(f"| {name} | {w:.0f} | {w / dw:.2f} | {c:.1f} | {c / dc:.2f} | {b:.1f} |")


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Files made of thousands of mistakes, and how `shyperc check` scales on them.

    bench/hostile-inputs.py N [SHYPERC]

Writes each kind of file below with N and with 4N of its mistake into a temporary folder and times `shyperc check` on
each (and `check --report`, which draws every finding on the memory map). A check whose work is n log n takes about 4
times as long on the larger file (less, with the JVM's start in both); a check that compares each mistake with each
candidate takes 16 times as long, and at N = 20000 took minutes. Prints one row per kind: the seconds for N and 4N, the
ratio, the diagnostics counted, and "SUPERLINEAR" where the ratio is above 8. Exit status 1 if a run crashed (status
other than 0 or 1) or passed 300 s.
"""
import os
import re
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
HEAD = 'import board "qemu-virt"\nsystem s for qemu-virt {\n'
RAM = 'memory @ 0x4000_0000 size 64 MiB; kernel "k.bin" @ 0x4000_0000'


def vm(i, body, kind="baremetal", name=None):
    return f'  vm {name or "vm%d" % i} : {kind} {{ {body} }}\n'


def board_with_devices(n):
    lines = ["board big {", "  arch aarch64", "  cpus 1", "  memory dram @ 0x4000_0000 size 4 GiB",
             "  gic v2 { distributor @ 0x0800_0000 size 64 KiB; cpu-interface @ 0x0801_0000 size 64 KiB;"
             " hyp-interface @ 0x0803_0000 size 64 KiB; virtual-cpu-interface @ 0x0804_0000 size 64 KiB;"
             " maintenance-irq 25 }",
             '  device uart0 "arm,pl011" @ 0x0900_0000 size 4 KiB irq 33']
    lines += [f'  device devnumber{i} "x,dev" @ 0x{0x10_0000_0000 + i * 4096:x} size 4 KiB' for i in range(n)]
    lines.append("  hypervisor { reserve @ 0x4000_0000 size 32 MiB; console uart0 }\n}\n")
    return "\n".join(lines)


# kind: (what each mistake is, file text for n of them)
KINDS = {
    "unknown-devices": ("a passthrough of a device the board lacks, among as many devices",
                        lambda n: board_with_devices(n) + "system s for big {\n  vm a : baremetal management {\n"
                        "    cpus [0]; kernel \"k.bin\" @ 0x4008_0000; memory @ 0x4000_0000 size 64 MiB\n"
                        + "".join(f"    passthrough devnumbr{i}x\n" for i in range(n)) + "  }\n}\n"),
    "unknown-vms": ("a shared region mapped into a VM not declared, among as many VMs",
                    lambda n: HEAD + "".join(vm(i, "cpus [0]; " + RAM, name=f"vmname{i}") for i in range(n))
                    + "".join(f"  shared s{i} size 4 KiB {{ vmnam{i}x @ 0x8000_0000 rw }}\n" for i in range(n)) + "}\n"),
    "unknown-boards": ("a system for a board not declared, among as many boards",
                       lambda n: "".join(f"board brd{i} {{ arch aarch64 }}\n" for i in range(n))
                       + "".join(f"system s{i} for brdx{i}y {{ }}\n" for i in range(n))),
    "shared-cores": ("a VM on a core another VM has", lambda n: HEAD + "".join(vm(i, "cpus [0]; " + RAM) for i in range(n)) + "}\n"),
    "same-pa": ("a VM's RAM pinned where another's is",
                lambda n: HEAD + "".join(vm(i, f'cpus [{i % 4}]; memory @ 0x4000_0000 size 64 MiB at pa 0x4800_0000; '
                                             'kernel "k.bin" @ 0x4000_0000') for i in range(n)) + "}\n"),
    "one-line": ("an overlapping region, the whole VM on one line",
                 lambda n: HEAD + vm(0, 'cpus [0]; kernel "k.bin" @ 0x4000_0000; '
                                     + "; ".join("memory @ 0x4000_0000 size 64 KiB" for _ in range(n))) + "}\n"),
    "peerless-consoles": ("a virtio console without a peer (Rust-Shyper's SHY0921)",
                          lambda n: HEAD + "".join(vm(i, f"cpus [{i % 4}]; {RAM}; virtio console @ 0x0a00_0000 irq 40",
                                                      kind="linux" if i else "linux management") for i in range(n)) + "}\n"),
    "missing-images": ("a kernel missing from a folder of 1000 files",
                       lambda n: HEAD + "".join(vm(i, f'cpus [{i % 4}]; memory @ 0x4000_0000 size 64 MiB; '
                                                   f'kernel "imgs/k{i}.bin" @ 0x4000_0000') for i in range(n)) + "}\n"),
    "broken-vms": ("a VM with a character that is not of the language, and no `cpus` (a follow-on left out)",
                   lambda n: HEAD + "".join(f'  vm v{i} : baremetal {{\n    memory @ 0x4000_0000 size 64 MiB\n'
                                            f'    kernel "k.bin" @ 0x4000_0000 %%\n  }}\n' for i in range(n)) + "}\n"),
    "missing-imports": ("an import of a file missing from a folder of 1000 .shy files",
                        lambda n: "".join(f'import "imps/m{i}.shy"\n' for i in range(n)) + "system s for qemu-virt { }\n"),
}
REPORTED = ("shared-cores", "same-pa", "peerless-consoles")


def timed(cmd, cwd):
    t0 = time.monotonic()
    try:
        p = subprocess.run(cmd, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=300)
    except subprocess.TimeoutExpired:
        return None, 300.0, ""
    return p.returncode, time.monotonic() - t0, p.stdout.decode("utf-8", "replace")


def main():
    if len(sys.argv) < 2:
        raise SystemExit(__doc__)
    n = int(sys.argv[1])
    shyperc = sys.argv[2] if len(sys.argv) > 2 else os.path.join(ROOT, "shyperc")
    failed = False
    with tempfile.TemporaryDirectory() as work:
        os.makedirs(os.path.join(work, "imgs"))
        os.makedirs(os.path.join(work, "imps"))
        for i in range(1000):
            open(os.path.join(work, "imgs", f"other{i}.bin"), "wb").close()
            open(os.path.join(work, "imps", f"other{i}.shy"), "wb").close()
        with open(os.path.join(work, "k.bin"), "wb") as k:
            k.write(b"\0" * 4096)
        subprocess.run([shyperc, "--version"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # builds if needed
        print(f"| file (N = {n}) | {n} (s) | {4 * n} (s) | ratio | diagnostics at {4 * n} |")
        print("|---|---|---|---|---|")
        for kind, (what, text) in KINDS.items():
            runs = [("check", [])] + ([("check --report", ["--report"])] if kind in REPORTED else [])
            for label, extra in runs:
                times, last = [], ""
                for size in (n, 4 * n):
                    path = os.path.join(work, f"{kind}-{size}.shy")
                    with open(path, "w") as f:
                        f.write(text(size))
                    args = [shyperc, "check"] + ([extra[0], os.path.join(work, f"report-{kind}-{size}")] if extra else []) + [path]
                    status, secs, out = timed(args, work)
                    if status is None or status > 1:
                        print(f"hostile-inputs: {kind} ({size}): " + ("passed 300 s" if status is None else f"status {status}\n{out[-2000:]}"),
                              file=sys.stderr)
                        failed = True
                    times.append(secs)
                    found = re.findall(r"^\d+ errors?, \d+ warnings?\.", out, re.M)
                    last = found[-1] if found else ""
                ratio = times[1] / max(times[0], 1e-9)
                counted = last or "?"
                flag = " SUPERLINEAR" if ratio > 8 else ""
                print(f"| {kind} ({what}){'; ' + label if extra else ''} | {times[0]:.1f} | {times[1]:.1f} | {ratio:.1f}{flag} | {counted} |")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Writes the hand-made seeds of the guest-facing fuzz targets into corpus/<target>/ (python3 seeds.py).
An input is a sequence of actions: the action (an index into the target's list in <target>.c), the core, then what
the action reads (host/system.c, run_input and do_action). The blob target's seeds are the harness systems' blobs:
  SHY_FUZZ_DUMP_BLOB=corpus/blob/gicv2.blob SHY_FUZZ_DUMP_GIC=2 <fuzz build>/blob   (and 3 for gicv3.blob)"""
import os
import struct

HERE = os.path.dirname(os.path.abspath(__file__))


def u8(v): return struct.pack('<B', v & 0xff)
def u16(v): return struct.pack('<H', v & 0xffff)
def u32(v): return struct.pack('<I', v & 0xffffffff)
def u64(v): return struct.pack('<Q', v & 0xffffffffffffffff)


def access(size, write, reg=1, sse=0):
    """The syndrome fields dabt() reads: SAS, SSE, SRT, WnR."""
    sas = {1: 0, 2: 1, 4: 2, 8: 3}[size]
    return u16(sas | (sse << 2) | (reg << 3) | (write << 8))


def step(op, core, *parts): return u8(op) + u8(core) + b''.join(parts)


def write(name, target, data):
    d = os.path.join(HERE, 'corpus', target)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, name), 'wb') as f:
        f.write(data)


# vgic2 actions: 0-2 GICD, 3 EOI, 4 IRQ, 5 data abort, 6 UART
GICD, EOI, IRQ, DABT, UART = 0, 3, 4, 5, 6
write('typer-ctlr-enable', 'vgic2',
      step(GICD, 0, u16(0x004), access(4, 0), u64(0)) + step(GICD, 0, u16(0x000), access(4, 1), u64(1))
      + step(GICD, 0, u16(0x104), access(4, 1), u64(0xffffffff)) + step(GICD, 0, u16(0x104), access(4, 0), u64(0)))
write('targets-priorities', 'vgic2',
      step(GICD, 1, u16(0x828), access(1, 1), u64(3)) + step(GICD, 1, u16(0x828), access(4, 1), u64(0x03030303))
      + step(GICD, 2, u16(0x42a), access(1, 1), u64(0xa0)) + step(GICD, 2, u16(0xc08), access(4, 1), u64(0xffffffff)))
write('sgi-eoi-maintenance', 'vgic2',
      step(GICD, 0, u16(0xf00), access(4, 1), u64(0x00020003)) + step(GICD, 1, u16(0xf00), access(4, 1), u64(0x01000005))
      + step(EOI, 1, u8(0)) + step(IRQ, 1) + step(EOI, 0, u8(0)) + step(IRQ, 0))
write('pending-active-uart', 'vgic2',
      step(GICD, 4, u16(0x20c), access(4, 1), u64(0x10)) + step(GICD, 4, u16(0x38c), access(4, 1), u64(0x10))
      + step(UART, 4, u16(0), access(1, 1), u64(0x41)) + step(UART, 4, u16(0), access(1, 1), u64(0x0a))
      + step(DABT, 2, u8(4), u24 := b'\x00\x00\x00', access(4, 1), u64(0)))

# vgic3 actions: 0-1 GICD, 2-3 GICR, 4 ICC_SGI1R, 5 sysreg, 6 EOI, 7 IRQ, 8 data abort
G3D, G3R, SGI1R, SYSREG, E3, I3, D3 = 0, 2, 4, 5, 6, 7, 8
write('irouter-enable', 'vgic3',
      step(G3D, 0, u16(0x6000 + 8 * 40), access(8, 1), u64(1)) + step(G3D, 0, u16(0x6000 + 8 * 41), access(4, 1), u64(1 << 31))
      + step(G3D, 2, u16(0x6000 + 8 * 70), access(8, 1), u64(1)) + step(G3D, 0, u16(0x104), access(4, 1), u64(0x300))
      + step(G3D, 0, u16(0xffe8), access(4, 0), u64(0)))
write('redistributors', 'vgic3',
      step(G3R, 0, b'\x08\x00\x00', access(8, 0), u64(0)) + step(G3R, 0, b'\x14\x00\x02', access(4, 1), u64(0))
      + step(G3R, 1, b'\x00\x01\x01', access(4, 1), u64(1 << 27)) + step(G3R, 1, b'\x10\x04\x03', access(1, 1), u64(0x80)))
write('sgi1r-eoi', 'vgic3',
      step(SGI1R, 0, u64(0x02000002), u8(3), u8(0)) + step(SGI1R, 2, u64((1 << 40) | (5 << 24)), u8(4), u8(1))
      + step(E3, 1, u8(0)) + step(I3, 1) + step(SYSREG, 0, u32((3 << 20) | (9 << 10) | (12 << 1) | 1), u64(0)))

# psci actions: 0-1 HVC, 2-3 SMC, 4 ICC_SGI1R, 5 IRQ, 6 GICD, 7 sysreg. fid indexes (host/system.c fids[]):
# 0 VERSION, 2 CPU_SUSPEND64, 3 CPU_OFF, 5 CPU_ON64, 7 AFFINITY_INFO64, 8 MIGRATE_INFO, 9 SYSTEM_OFF, 10 SYSTEM_RESET,
# 11 FEATURES
HVC, SMC = 0, 2
def args(a1=0, a2=0, a3=0): return b''.join(u8(1) + u64(a) for a in (a1, a2, a3))
write('cpu-on-affinity', 'psci',
      step(HVC, 0, u8(5), args(1, 0x40001000, 7)) + step(HVC, 0, u8(7), args(1)) + step(SMC, 1, u8(3), args())
      + step(HVC, 0, u8(7), args(1)) + step(HVC, 2, u8(5), args(1, 0x40000000, 0)))
write('reset-off-features', 'psci',
      step(HVC, 0, u8(0), args()) + step(SMC, 0, u8(11), args(0x84000003)) + step(HVC, 0, u8(5), args(1, 0x40000000, 0))
      + step(SMC, 1, u8(10), args()) + step(HVC, 4, u8(9), args()) + step(HVC, 2, u8(8), args()))

# virtio actions: 0-2 virtio-mmio, 3-4 RAM write, 5 console input, 6 EOI, 7 IRQ, 8 GICD
VIO, RAM, CIN = 0, 3, 5
def vreg(core, off, val, write=1): return step(VIO, core, u16(off), access(4, write), u64(val))
def ram(core, off, data): return step(RAM, core, u16(off), u8(len(data)), data)
RAM_IPA = 0x40000000
def queue(core, sel, desc, avail, used, num=4):
    return (vreg(core, 0x030, sel) + vreg(core, 0x038, num) + vreg(core, 0x080, RAM_IPA + desc) + vreg(core, 0x084, 0)
            + vreg(core, 0x090, RAM_IPA + avail) + vreg(core, 0x094, 0) + vreg(core, 0x0a0, RAM_IPA + used)
            + vreg(core, 0x0a4, 0) + vreg(core, 0x044, 1))
probe = vreg(0, 0x000, 0, 0) + vreg(0, 0x008, 0, 0) + vreg(0, 0x070, 1) + vreg(0, 0x070, 3) + vreg(0, 0x014, 1) + vreg(0, 0x010, 0, 0)
tx = (ram(0, 0x2000, b'hello\n') + ram(0, 0x1000, struct.pack('<QIHH', RAM_IPA + 0x2000, 6, 0, 0))
      + ram(0, 0x1100, struct.pack('<HHH', 0, 1, 0)) + queue(0, 1, 0x1000, 0x1100, 0x1200) + vreg(0, 0x050, 1)
      + vreg(0, 0x060, 0, 0) + vreg(0, 0x064, 1) + step(7, 0))
write('tx-hello', 'virtio', probe + tx)
rx = (ram(0, 0x1400, struct.pack('<QIHH', RAM_IPA + 0x2400, 16, 2, 0)) + ram(0, 0x1500, struct.pack('<HHH', 0, 1, 0))
      + queue(0, 0, 0x1400, 0x1500, 0x1600) + step(CIN, 0, u8(3), b'ab\n') + vreg(0, 0x050, 0) + step(7, 0))
write('rx-input', 'virtio', probe + rx)
loop = (ram(2, 0x1000, struct.pack('<QIHH', RAM_IPA + 0x2000, 8, 1, 1) + struct.pack('<QIHH', RAM_IPA + 0x2000, 8, 1, 0))
        + ram(2, 0x1100, struct.pack('<HHH', 0, 1, 0)) + queue(2, 1, 0x1000, 0x1100, 0x1200) + vreg(2, 0x050, 1)
        + vreg(2, 0x070, 0, 0) + vreg(2, 0x070, 0))
write('tx-loop-reset', 'virtio', loop)
outside = (ram(4, 0x1000, struct.pack('<QIHH', 0x50000000, 0xffffffff, 0, 0)) + ram(4, 0x1100, struct.pack('<HHH', 0, 3, 0))
           + queue(4, 1, 0x1000, 0x1100, 0x1200) + vreg(4, 0x050, 1) + vreg(4, 0x200, 0, 0) + vreg(4, 0x208, 0, 0))
write('tx-outside-huge', 'virtio', outside)
# buffers that end exactly at the end of the VM's RAM (0x4000 bytes): one byte more is outside it
END = RAM_IPA + 0x4000
at_end = (ram(0, 0x1000, struct.pack('<QIHH', END - 8, 8, 0, 0)) + ram(0, 0x1100, struct.pack('<HHH', 0, 1, 0))
          + queue(0, 1, 0x1000, 0x1100, 0x1200) + vreg(0, 0x050, 1))
write('tx-at-ram-end', 'virtio', at_end)
rx_end = (ram(0, 0x1400, struct.pack('<QIHH', END - 4, 4, 2, 0)) + ram(0, 0x1500, struct.pack('<HHH', 0, 1, 0))
          + queue(0, 0, 0x1400, 0x1500, 0x1600) + step(CIN, 0, u8(8), b'abcdefgh') + vreg(0, 0x050, 0))
write('rx-at-ram-end', 'virtio', rx_end)
# rings at the very end of RAM: a used ring of 4 entries (36 bytes) fits, one of 5 does not
rings_end = (ram(2, 0x1000, struct.pack('<QIHH', RAM_IPA + 0x2000, 4, 0, 0)) + ram(2, 0x3fd0, struct.pack('<HHH', 0, 1, 0))
             + queue(2, 1, 0x1000, 0x3fd0, 0x4000 - 36) + vreg(2, 0x050, 1))
write('rings-at-ram-end', 'virtio', rings_end)

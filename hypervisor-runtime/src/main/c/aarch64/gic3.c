/* The physical GICv3: distributor with affinity routing, per-core redistributor, system-register CPU interface
 * and list registers (ICH_*_EL2). All interrupts are group 1; the GIC is expected without security (DS = 1). */
#include "rt.h"

#define GICD_CTLR       0x0000
#define GICD_IGROUPR    0x0080
#define GICD_ICENABLER  0x0180
#define GICD_ICPENDR    0x0280
#define GICD_ICACTIVER  0x0380
#define GICD_IPRIORITYR 0x0400
#define GICD_IROUTER    0x6000
#define CTLR_RWP        (1u << 31)
#define GICR_STRIDE     0x20000ul
#define GICR_CTLR       0x0000
#define GICR_TYPER      0x0008
#define GICR_WAKER      0x0014
#define SGI_BASE        0x10000ul
#define PHYS_PRIO       0xa0

#define ICC_SRE_EL2     S3_4_C12_C9_5
#define ICC_PMR_EL1     S3_0_C4_C6_0
#define ICC_BPR1_EL1    S3_0_C12_C12_3
#define ICC_CTLR_EL1    S3_0_C12_C12_4
#define ICC_IGRPEN1_EL1 S3_0_C12_C12_7
#define ICC_IAR1_EL1    S3_0_C12_C12_0
#define ICC_EOIR1_EL1   S3_0_C12_C12_1
#define ICC_DIR_EL1     S3_0_C12_C11_1
#define ICC_SGI1R_EL1   S3_0_C12_C11_5
#define ICH_AP0R0_EL2   S3_4_C12_C8_0
#define ICH_AP1R0_EL2   S3_4_C12_C9_0
#define ICH_HCR_EL2     S3_4_C12_C11_0
#define ICH_VTR_EL2     S3_4_C12_C11_1
#define ICH_EISR_EL2    S3_4_C12_C11_3
#define ICH_ELRSR_EL2   S3_4_C12_C11_5
#define ICH_VMCR_EL2    S3_4_C12_C11_7

#define r64 mmio_r64
#define w64 mmio_w64

static void wait_rwp(u64 reg, u32 bit)
{
    while (mmio_r32(reg) & bit) { }
}

/* MPIDR affinity in the 32-bit form of GICR_TYPER[63:32] and of IROUTER's low bits. */
static u64 aff_of(u64 mpidr) { return ((mpidr >> 8) & 0xff000000ul) | (mpidr & 0xffffff); }

u64 gic3_route_value(u64 mpidr) { return ((mpidr >> 32) & 0xff) << 32 | (mpidr & 0xffffff); }

void gic3_init_dist(void)
{
    u64 d = blob->gicd_base;
    mmio_w32(d + GICD_CTLR, 0);
    wait_rwp(d + GICD_CTLR, CTLR_RWP);
    for (u32 i = 32; i < blob->gic_lines; i += 32) {
        mmio_w32(d + GICD_ICENABLER + i / 8, ~0u);
        mmio_w32(d + GICD_ICPENDR + i / 8, ~0u);
        mmio_w32(d + GICD_ICACTIVER + i / 8, ~0u);
        mmio_w32(d + GICD_IGROUPR + i / 8, ~0u);
    }
    for (u32 i = 32; i < blob->gic_lines; i++) {
        mmio_w8(d + GICD_IPRIORITYR + i, PHYS_PRIO);
        w64(d + GICD_IROUTER + 8ul * i, gic3_route_value(blob_cpu(0)->mpidr));
    }
    wait_rwp(d + GICD_CTLR, CTLR_RWP);
    mmio_w32(d + GICD_CTLR, (1u << 4) | (1u << 1));     /* ARE, EnableGrp1 (DS = 1 layout) */
    wait_rwp(d + GICD_CTLR, CTLR_RWP);
}

static u64 my_rd(void) { return this_cpu()->gicr; }

static void ppi_enable(u32 id, int on)
{
    mmio_w32(my_rd() + SGI_BASE + (on ? 0x100 : 0x180), 1u << id);
}

void gic3_init_cpu(void)
{
    struct pcpu *pc = this_cpu();
    u64 want = aff_of(read_sysreg(mpidr_el1));
    for (u64 rd = blob->gicr_base;; rd += GICR_STRIDE) {
        u64 typer = r64(rd + GICR_TYPER);
        if ((typer >> 32) == want) { pc->gicr = rd; break; }
        if (typer & (1u << 4)) panic("no GICv3 redistributor for this core (affinity 0x%lx)", want);
    }
    u64 rd = pc->gicr, sgi = rd + SGI_BASE;
    mmio_w32(rd + GICR_WAKER, mmio_r32(rd + GICR_WAKER) & ~2u);
    while (mmio_r32(rd + GICR_WAKER) & 4u) { }
    mmio_w32(sgi + 0x080, ~0u);                         /* group 1 */
    mmio_w32(sgi + 0x180, ~0u);
    mmio_w32(sgi + 0x280, ~0u);
    mmio_w32(sgi + 0x380, ~0u);
    for (u32 i = 0; i < 32; i++) mmio_w8(sgi + 0x400 + i, PHYS_PRIO);
    wait_rwp(rd + GICR_CTLR, 1u << 3);
    ppi_enable(blob->ipi_sgi, 1);
    ppi_enable(blob->maintenance_irq, 1);
    write_sysreg(ICC_SRE_EL2, 0xful);                   /* SRE, no IRQ/FIQ bypass, EL1 may use its ICC_SRE */
    isb();
    write_sysreg(ICC_PMR_EL1, 0xf0);
    write_sysreg(ICC_BPR1_EL1, 0);
    write_sysreg(ICC_CTLR_EL1, 1u << 1);                /* EOImode: guests deactivate */
    write_sysreg(ICC_IGRPEN1_EL1, 1);
    isb();
}

void gic3_send_sgi(u32 core, u32 sgi)
{
    u64 m = blob_cpu(core)->mpidr;
    u64 v = (((m >> 32) & 0xff) << 48) | (((m >> 16) & 0xff) << 32) | ((u64)sgi << 24) | (((m >> 8) & 0xff) << 16)
            | (1ul << (m & 0xf));
    dsb(ish);
    write_sysreg(ICC_SGI1R_EL1, v);
    isb();
}

void gic3_spi_route(u32 intid, u32 core)
{
    w64(blob->gicd_base + GICD_IROUTER + 8ul * intid, gic3_route_value(blob_cpu(core)->mpidr));
}

void gic3_ppi_enable(u32 id, int on) { ppi_enable(id, on); }

u32 gic3_ack(void) { return (u32)read_sysreg(ICC_IAR1_EL1); }
void gic3_eoi(u32 iar) { write_sysreg(ICC_EOIR1_EL1, iar); isb(); }
void gic3_dir(u32 iar) { write_sysreg(ICC_DIR_EL1, iar); isb(); }

/* List registers: ICH_LR<n>_EL2 are separate system registers, so index them through a switch. */
#ifndef SHYPER_HOST
#define LR_CASE(n, crm, op2) \
    case n: \
        if (wr) { __asm__ volatile("msr S3_4_C12_" #crm "_" #op2 ", %0" : : "r"(v)); } \
        else { __asm__ volatile("mrs %0, S3_4_C12_" #crm "_" #op2 : "=r"(v)); } \
        break;
#else
#define LR_CASE(n, crm, op2) case n: v = host_ich_lr(n, wr, v); break;
#endif

u64 gic3_lr(u32 i, int wr, u64 v)
{
    switch (i) {
    LR_CASE(0, C12, 0) LR_CASE(1, C12, 1) LR_CASE(2, C12, 2) LR_CASE(3, C12, 3)
    LR_CASE(4, C12, 4) LR_CASE(5, C12, 5) LR_CASE(6, C12, 6) LR_CASE(7, C12, 7)
    LR_CASE(8, C13, 0) LR_CASE(9, C13, 1) LR_CASE(10, C13, 2) LR_CASE(11, C13, 3)
    LR_CASE(12, C13, 4) LR_CASE(13, C13, 5) LR_CASE(14, C13, 6) LR_CASE(15, C13, 7)
    default: break;
    }
    return v;
}

u32 gic3_nlr(void) { return (u32)(read_sysreg(ICH_VTR_EL2) & 0x1f) + 1; }
u32 gic3_elrsr(void) { return (u32)read_sysreg(ICH_ELRSR_EL2); }
u32 gic3_eisr(void) { return (u32)read_sysreg(ICH_EISR_EL2); }
u32 gic3_hcr(int wr, u32 v)
{
    if (wr) { write_sysreg(ICH_HCR_EL2, v); isb(); return v; }
    return (u32)read_sysreg(ICH_HCR_EL2);
}

void gic3_vcpu_reset(void)
{
    write_sysreg(ICH_VMCR_EL2, 0);
    write_sysreg(ICH_AP0R0_EL2, 0);
    write_sysreg(ICH_AP1R0_EL2, 0);
}

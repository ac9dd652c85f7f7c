/* The physical GICv2: distributor set-up, per-core CPU interface, IRQ dispatch at EL2. */
#include "rt.h"

#define GICD_CTLR       0x000
#define GICD_ISENABLER  0x100
#define GICD_ICENABLER  0x180
#define GICD_ICPENDR    0x280
#define GICD_ICACTIVER  0x380
#define GICD_IPRIORITYR 0x400
#define GICD_ITARGETSR  0x800
#define GICD_SGIR       0xf00
#define GICC_CTLR       0x00
#define GICC_PMR        0x04
#define GICC_BPR        0x08
#define GICC_IAR        0x0c
#define GICC_EOIR       0x10
#define GICC_DIR        0x1000
#define GICH_HCR        0x00
#define GICH_VMCR       0x08
#define GICH_APR        0xf0
#define GICH_LR0        0x100

#define PHYS_PRIO       0xa0

u64 gicd_base(void) { return blob->gicd_base; }

void gic_init_dist(void)
{
    u64 d = blob->gicd_base;
    u32 lines = blob->gic_lines;
    mmio_w32(d + GICD_CTLR, 0);
    for (u32 i = 32; i < lines; i += 32) {
        mmio_w32(d + GICD_ICENABLER + i / 8, ~0u);
        mmio_w32(d + GICD_ICPENDR + i / 8, ~0u);
        mmio_w32(d + GICD_ICACTIVER + i / 8, ~0u);
    }
    for (u32 i = 32; i < lines; i++) {
        mmio_w8(d + GICD_IPRIORITYR + i, PHYS_PRIO);
        mmio_w8(d + GICD_ITARGETSR + i, 0);
    }
    mmio_w32(d + GICD_CTLR, 1);
}

static void ppi_enable(u32 id, int on)
{
    mmio_w32(blob->gicd_base + (on ? GICD_ISENABLER : GICD_ICENABLER), 1u << id);
}

void gic_init_cpu(void)
{
    u64 d = blob->gicd_base, c = blob->gicc_base;
    struct pcpu *pc = this_cpu();
    mmio_w32(d + GICD_ICENABLER, ~0u);
    mmio_w32(d + GICD_ICPENDR, ~0u);
    mmio_w32(d + GICD_ICACTIVER, ~0u);
    for (u32 i = 0; i < 32; i++) mmio_w8(d + GICD_IPRIORITYR + i, PHYS_PRIO);
    pc->gic_mask = mmio_r8(d + GICD_ITARGETSR);      /* banked: this core's interface bit */
    ppi_enable(blob->ipi_sgi, 1);
    ppi_enable(blob->maintenance_irq, 1);
    mmio_w32(c + GICC_PMR, 0xf0);
    mmio_w32(c + GICC_BPR, 0);
    mmio_w32(c + GICC_CTLR, 1u | (1u << 9));           /* EnableGrp0, EOImode: guests deactivate */
}

void gic_send_sgi(u32 core, u32 sgi)
{
    u8 m = pcpus[core].gic_mask;
    if (m) mmio_w32(blob->gicd_base + GICD_SGIR, ((u32)m << 16) | sgi);
}

void gic_spi_enable(u32 intid, int on)
{
    mmio_w32(blob->gicd_base + (on ? GICD_ISENABLER : GICD_ICENABLER) + (intid / 32) * 4, 1u << (intid % 32));
}

void gic_spi_target(u32 intid, u8 mask)
{
    mmio_w8(blob->gicd_base + GICD_ITARGETSR + intid, mask);
}

void gic_vcpu_on(void)
{
    u64 h = blob->gich_base;
    u32 nlr = (mmio_r32(h + 0x04) & 0x3f) + 1;
    for (u32 i = 0; i < nlr; i++) mmio_w32(h + GICH_LR0 + 4 * i, 0);
    mmio_w32(h + GICH_APR, 0);
    mmio_w32(h + GICH_VMCR, 0);
    vgic_reset_vcpu();
    mmio_w32(h + GICH_HCR, 1);
}

void gic_vcpu_off(void)
{
    u64 h = blob->gich_base;
    mmio_w32(h + GICH_HCR, 0);
    u32 nlr = (mmio_r32(h + 0x04) & 0x3f) + 1;
    /* Deactivate hardware interrupts the guest still held, so they can fire for the next run. */
    for (u32 i = 0; i < nlr; i++) {
        u32 lr = mmio_r32(h + GICH_LR0 + 4 * i);
        if ((lr & (1u << 31)) && (lr & (3u << 28))) mmio_w32(blob->gicc_base + GICC_DIR, (lr >> 10) & 0x3ff);
        mmio_w32(h + GICH_LR0 + 4 * i, 0);
    }
    ppi_enable(blob->vtimer_irq, 0);
    write_sysreg(cntv_ctl_el0, 0);
}

void vtimer_enable(int on) { ppi_enable(blob->vtimer_irq, on); }

void gic_handle_irq(void)
{
    u64 c = blob->gicc_base;
    u32 iar = mmio_r32(c + GICC_IAR);
    u32 id = iar & 0x3ff;
    if (id >= 1020) return;
    mmio_w32(c + GICC_EOIR, iar);                      /* priority drop only (EOImode) */
    struct pcpu *pc = this_cpu();
    if (id == blob->ipi_sgi) {
        mmio_w32(c + GICC_DIR, iar);
        kick_check();
        return;
    }
    if (id == blob->maintenance_irq) {
        mmio_w32(c + GICC_DIR, iar);
        vgic_maintenance();
        return;
    }
    if (pc->state == VCPU_RUNNING && pc->vm != SHY_NO_VM) {
        struct vm *vm = &vms[pc->vm];
        if (id == blob->vtimer_irq || (id >= 32 && (vm->owned[id / 32] & (1u << (id % 32))))) {
            vgic_inject(id, 1);                        /* the guest's EOI deactivates it (HW bit) */
            return;
        }
    }
    if (id == blob->vtimer_irq) ppi_enable(id, 0);
    mmio_w32(c + GICC_DIR, iar);
}

/* The physical interrupt controller: GICv2 here, GICv3 in gic3.c; IRQ dispatch at EL2 and list registers. */
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
#define GICH_VTR        0x04
#define GICH_VMCR       0x08
#define GICH_EISR0      0x20
#define GICH_ELRSR0     0x30
#define GICH_APR        0xf0
#define GICH_LR0        0x100

#define PHYS_PRIO       0xa0

static int v3(void) { return blob->gic_version == 3; }

u64 gicd_base(void) { return blob->gicd_base; }

void gic_init_dist(void)
{
    if (v3()) { gic3_init_dist(); return; }
    u64 d = blob->gicd_base;
    u32 lines = blob->gic_lines;
    mmio_w32(d + GICD_CTLR, 0);
    for (u32 i = 32; i < lines; i += 32) {
        mmio_w32(d + GICD_ICENABLER + i / 8, ~0u);
        mmio_w32(d + GICD_ICPENDR + i / 8, ~0u);
        mmio_w32(d + GICD_ICACTIVER + i / 8, ~0u);
    }
    /* A word (four interrupts) per write: each access is a trip into the GIC model under QEMU, and boot waits for them. */
    for (u32 i = 32; i < lines; i += 4) {
        mmio_w32(d + GICD_IPRIORITYR + i, PHYS_PRIO * 0x01010101u);
        mmio_w32(d + GICD_ITARGETSR + i, 0);
    }
    mmio_w32(d + GICD_CTLR, 1);
}

static void ppi_enable(u32 id, int on)
{
    if (v3()) { gic3_ppi_enable(id, on); return; }
    mmio_w32(blob->gicd_base + (on ? GICD_ISENABLER : GICD_ICENABLER), 1u << id);
}

void gic_init_cpu(void)
{
    if (v3()) { gic3_init_cpu(); return; }
    u64 d = blob->gicd_base, c = blob->gicc_base;
    struct pcpu *pc = this_cpu();
    mmio_w32(d + GICD_ICENABLER, ~0u);
    mmio_w32(d + GICD_ICPENDR, ~0u);
    mmio_w32(d + GICD_ICACTIVER, ~0u);
    for (u32 i = 0; i < 32; i += 4) mmio_w32(d + GICD_IPRIORITYR + i, PHYS_PRIO * 0x01010101u);
    pc->gic_mask = mmio_r8(d + GICD_ITARGETSR);      /* banked: this core's interface bit */
    ppi_enable(blob->ipi_sgi, 1);
    ppi_enable(blob->maintenance_irq, 1);
    mmio_w32(c + GICC_PMR, 0xf0);
    mmio_w32(c + GICC_BPR, 0);
    mmio_w32(c + GICC_CTLR, 1u | (1u << 9));           /* EnableGrp0, EOImode: guests deactivate */
}

void gic_send_sgi(u32 core, u32 sgi)
{
    if (v3()) { gic3_send_sgi(core, sgi); return; }
    u8 m = pcpus[core].gic_mask;
    if (m) mmio_w32(blob->gicd_base + GICD_SGIR, ((u32)m << 16) | sgi);
}

void gic_spi_enable(u32 intid, int on)
{
    mmio_w32(blob->gicd_base + (on ? GICD_ISENABLER : GICD_ICENABLER) + (intid / 32) * 4, 1u << (intid % 32));
}

/* Routes an SPI to the cores of the given vCPUs of a VM (GICv3: to the first of them; none = unchanged). */
void gic_spi_route(struct vm *vm, u32 intid, u32 vcpus)
{
    if (v3()) {
        for (u32 v = 0; v < vm->cfg->vcpu_count; v++) {
            if (vcpus & (1u << v)) { gic3_spi_route(intid, vm->core_of_vcpu[v]); return; }
        }
        return;
    }
    u8 m = 0;
    for (u32 v = 0; v < vm->cfg->vcpu_count; v++) {
        if (vcpus & (1u << v)) m |= pcpus[vm->core_of_vcpu[v]].gic_mask;
    }
    mmio_w8(blob->gicd_base + GICD_ITARGETSR + intid, m);
}

/* --- list registers, in one encoding-neutral form --- */

/* The number of list registers: read once per core. vgic_flush needs it on every return to a guest, and under QEMU each
 * read of the interface's registers is a trip into the GIC model under its global lock. */
u32 lr_count(void)
{
    struct pcpu *pc = this_cpu();
    if (!pc->nlr) pc->nlr = v3() ? gic3_nlr() : (mmio_r32(blob->gich_base + GICH_VTR) & 0x3f) + 1;
    return pc->nlr;
}
u64 lr_get(u32 i) { return v3() ? gic3_lr(i, 0, 0) : mmio_r32(blob->gich_base + GICH_LR0 + 4 * i); }
void lr_set(u32 i, u64 v) { if (v3()) gic3_lr(i, 1, v); else mmio_w32(blob->gich_base + GICH_LR0 + 4 * i, (u32)v); }
u32 lr_empty(void) { return v3() ? gic3_elrsr() : mmio_r32(blob->gich_base + GICH_ELRSR0); }
u32 lr_eoi(void) { return v3() ? gic3_eisr() : mmio_r32(blob->gich_base + GICH_EISR0); }
u32 hcr_get(void) { return v3() ? gic3_hcr(0, 0) : mmio_r32(blob->gich_base + GICH_HCR); }
void hcr_set(u32 v) { if (v3()) gic3_hcr(1, v); else mmio_w32(blob->gich_base + GICH_HCR, v); }

/* A pending entry; HW entries deactivate pINTID = vINTID. Software ones (SGIs, virtual SPIs) ask for no EOI maintenance
 * interrupt: the LR simply empties at the guest's EOI; vgic_flush asks for one (lr_want_eoi) only when another instance
 * of the same interrupt waits for the LR to finish. */
u64 lr_make(u32 vintid, u8 prio, int hw, u32 src)
{
    if (v3()) {
        u64 lr = vintid | ((u64)prio << 48) | (1ul << 60) | (1ul << 62);
        return hw ? lr | (1ul << 61) | ((u64)vintid << 32) : lr;
    }
    u64 lr = vintid | (1u << 28) | ((u32)(prio >> 3) << 23);
    return hw ? lr | (1u << 31) | (vintid << 10) : lr | (src << 10);
}

/* A maintenance interrupt when the guest EOIs the software interrupt in LR i (nothing for a HW one). */
void lr_want_eoi(u32 i)
{
    u64 lr = lr_get(i);
    if (lr_hw(lr)) return;
    u64 eoi = v3() ? (1ul << 41) : (1u << 19);
    if (!(lr & eoi)) lr_set(i, lr | eoi);
}

u32 lr_vintid(u64 lr) { return v3() ? (u32)lr : (u32)lr & 0x3ff; }
u32 lr_src(u64 lr) { return v3() ? 0 : ((u32)lr >> 10) & 7; }
int lr_hw(u64 lr) { return v3() ? (int)((lr >> 61) & 1) : (int)((lr >> 31) & 1); }
int lr_live(u64 lr) { return v3() ? (lr >> 62) != 0 : ((lr >> 28) & 3) != 0; }
int lr_pending_only(u64 lr) { return v3() ? (lr >> 62) == 1 : ((lr >> 28) & 3) == 1; }
/* GICv2 list registers carry an SGI's source vCPU, so SGIs from two sources are two interrupts; GICv3 ones do not: there
 * an SGI has one pending state, whichever vCPUs sent it. */
int lr_sgi_has_source(void) { return !v3(); }
int lr_same_sgi_source(u64 lr, u32 src) { return !lr_sgi_has_source() || lr_src(lr) == src; }

void gic_vcpu_on(void)
{
    u32 n = lr_count();
    for (u32 i = 0; i < n; i++) lr_set(i, 0);
    if (v3()) gic3_vcpu_reset();
    else {
        mmio_w32(blob->gich_base + GICH_APR, 0);
        mmio_w32(blob->gich_base + GICH_VMCR, 0);
    }
    vgic_reset_vcpu();
    hcr_set(1);
    this_cpu()->uie = 0;
}

void gic_vcpu_off(void)
{
    hcr_set(0);
    this_cpu()->uie = 0;
    u32 n = lr_count();
    /* Deactivate hardware interrupts the guest still held, so they can fire for the next run. */
    for (u32 i = 0; i < n; i++) {
        u64 lr = lr_get(i);
        if (lr_hw(lr) && lr_live(lr)) {
            if (v3()) gic3_dir(lr_vintid(lr));
            else mmio_w32(blob->gicc_base + GICC_DIR, lr_vintid(lr));
        }
        lr_set(i, 0);
    }
    ppi_enable(blob->vtimer_irq, 0);
    write_sysreg(cntv_ctl_el0, 0);
}

void vtimer_enable(int on) { ppi_enable(blob->vtimer_irq, on); }
void hyp_timer_enable(int on) { ppi_enable(blob->hyp_timer_irq, on); }

/* The hypervisor console's receive interrupt, to this (the boot) core. */
void gic_console_irq_on(void)
{
    u32 id = blob->console_irq;
    if (id < 32 || id >= blob->gic_lines) return;
    if (v3()) gic3_spi_route(id, this_cpu()->index);
    else mmio_w8(blob->gicd_base + GICD_ITARGETSR + id, this_cpu()->gic_mask);
    gic_spi_enable(id, 1);
}

/* An SPI this core cannot give to a running vCPU. One nobody owns, or whose owner has stopped, is disabled; one that
 * reached a core of another VM (never routed there, but a route may change under an interrupt in flight) goes back to
 * its owner's vCPU 0. On its owner's own core (that vCPU is off) it is only dropped: no other VM is disturbed. */
static void spi_undeliverable(u32 id, struct pcpu *pc)
{
    u32 o = spi_owner(id);
    if (o == SHY_NO_VM || vms[o].state == VM_STOPPED) gic_spi_enable(id, 0);
    else if (pc->vm != o) gic_spi_route(&vms[o], id, 1);
}

static u32 ack(void) { return v3() ? gic3_ack() : mmio_r32(blob->gicc_base + GICC_IAR); }
static void eoi(u32 iar) { if (v3()) gic3_eoi(iar); else mmio_w32(blob->gicc_base + GICC_EOIR, iar); }
static void dir(u32 iar) { if (v3()) gic3_dir(iar); else mmio_w32(blob->gicc_base + GICC_DIR, iar); }

/* The cause an interrupt that took a core out of its guest is counted under (trap.c). */
static u32 irq_cause(u32 id)
{
    if (id == blob->vtimer_irq) return TRAP_IRQ_TIMER;
    if (id == blob->hyp_timer_irq) return TRAP_IRQ_WATCHDOG;
    if (id == blob->maintenance_irq) return TRAP_IRQ_MAINT;
    if (id == blob->ipi_sgi) return TRAP_IRQ_IPI;
    if (id == blob->console_irq && id >= 32) return TRAP_IRQ_UART;
    if (id >= 32 && id < 1020) return TRAP_IRQ_SPI;
    return TRAP_IRQ_OTHER;                             /* spurious, or an SGI/PPI nobody uses */
}

u32 gic_handle_irq(int from_guest)
{
    u32 iar = ack();
    u32 id = v3() ? iar & 0xffffff : iar & 0x3ff;
    struct pcpu *pc = this_cpu();
    if (from_guest) pc->traps[irq_cause(id)]++;        /* counted first: a kick may not come back */
    if (id >= 1020 && id < 1024) return id;
    eoi(iar);                                          /* priority drop only (EOImode) */
    if (id == blob->ipi_sgi) {
        dir(iar);
        kick_check();
        return id;
    }
    if (id == blob->maintenance_irq) {
        dir(iar);
        vgic_maintenance();
        return id;
    }
    if (id == blob->hyp_timer_irq) {
        dir(iar);
        hyp_timer_irq();                               /* may apply a VM's policy and not return */
        return id;
    }
    if (id == blob->console_irq && id >= 32) {
        console_rx_irq();
        dir(iar);
        virtio_input();
        return id;
    }
    if (pc->state == VCPU_RUNNING && pc->vm != SHY_NO_VM) {
        struct vm *vm = &vms[pc->vm];
        if (id == blob->vtimer_irq || (id >= 32 && id < 1024 && (vm->owned[id / 32] & (1u << (id % 32))))) {
            vgic_inject(id, 1);                        /* the guest's EOI deactivates it (HW bit) */
            return id;
        }
    }
    if (id == blob->vtimer_irq) ppi_enable(id, 0);
    else if (id >= 32) spi_undeliverable(id, pc);
    dir(iar);
    return id;
}

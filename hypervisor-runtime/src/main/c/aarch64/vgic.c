/* The emulated GICv2 distributor (a VM touches only its own interrupts) and list-register injection. */
#include "rt.h"

#define GICH_HCR    0x00
#define GICH_VTR    0x04
#define GICH_EISR0  0x20
#define GICH_ELRSR0 0x30
#define GICH_LR0    0x100
#define HCR_UIE     (1u << 1)

void vgic_reset_vm(u32 id)
{
    struct vm *vm = &vms[id];
    memset(&vm->vgic, 0, sizeof(vm->vgic));
    for (u32 i = 32; i < 1024; i++) {
        if (vm->owned[i / 32] & (1u << (i % 32))) {
            gic_spi_enable(i, 0);
            gic_spi_target(i, 0);
        }
    }
}

void vgic_reset_vcpu(void)
{
    struct pcpu *pc = this_cpu();
    memset(&pc->vgic, 0, sizeof(pc->vgic));
}

static u32 nlr(void) { return (mmio_r32(blob->gich_base + GICH_VTR) & 0x3f) + 1; }

void vgic_inject(u32 vintid, int hw)
{
    struct vgic_vcpu *g = &this_cpu()->vgic;
    __atomic_fetch_or(&g->pending[vintid / 32], 1u << (vintid % 32), __ATOMIC_SEQ_CST);
    if (hw) __atomic_fetch_or(&g->hw[vintid / 32], 1u << (vintid % 32), __ATOMIC_SEQ_CST);
}

/* Another vCPU of the VM (or this one) sends SGI `sgi` to vCPU `vcpu`. */
void vgic_post_sgi(u32 vmid, u32 vcpu, u32 sgi, u32 src)
{
    struct vm *vm = &vms[vmid];
    u32 core = vm->core_of_vcpu[vcpu];
    struct vgic_vcpu *g = &pcpus[core].vgic;
    __atomic_fetch_or(&g->sgi_src[sgi], 1u << src, __ATOMIC_SEQ_CST);
    __atomic_fetch_or(&g->pending[0], 1u << sgi, __ATOMIC_SEQ_CST);
    if (core != this_cpu()->index) {
        __atomic_fetch_or(&pcpus[core].kick, KICK_SGI, __ATOMIC_SEQ_CST);
        gic_send_sgi(core, blob->ipi_sgi);
    }
}

static u8 vprio(struct pcpu *pc, u32 id)
{
    return id < 32 ? pc->vgic.prio[id] : vms[pc->vm].vgic.prio[id];
}

/* Moves software-pending interrupts into free list registers; called on every return to the guest. */
void vgic_flush(void)
{
    struct pcpu *pc = this_cpu();
    struct vgic_vcpu *g = &pc->vgic;
    u64 h = blob->gich_base;
    u32 n = nlr();
    int left = 0;
    for (u32 w = 0; w < 32; w++) {
        u32 bits = g->pending[w];
        while (bits) {
            u32 b = __builtin_ctz(bits);
            bits &= bits - 1;
            u32 id = w * 32 + b;
            u32 hw = g->hw[w] & (1u << b);
            u32 src = 0;
            if (id < 16) src = __builtin_ctz(g->sgi_src[id] ? g->sgi_src[id] : 1);
            /* Already in a list register? A pending copy absorbs this one; an active one must finish first. */
            int busy = 0, slot = -1;
            u32 free = mmio_r32(h + GICH_ELRSR0);
            for (u32 i = 0; i < n; i++) {
                u32 lr = mmio_r32(h + GICH_LR0 + 4 * i);
                if (!(free & (1u << i)) && (lr & 0x3ff) == id && (hw || ((lr >> 10) & 7) == src)) busy = 1;
                else if ((free & (1u << i)) && slot < 0) slot = (int)i;
            }
            /* Busy: its EOI (maintenance bit for SGIs; physical deactivation for HW) brings us back. Only a
             * lack of free list registers needs the underflow interrupt: asking for it while one LR is
             * merely active would fire at once, forever. */
            if (busy) continue;
            if (slot < 0) { left = 1; continue; }
            u32 lr = id | (1u << 28) | ((u32)(vprio(pc, id) >> 3) << 23);
            if (hw) lr |= (1u << 31) | (id << 10);
            else lr |= (src << 10) | (1u << 19);       /* EOI maintenance so a queued copy can follow */
            mmio_w32(h + GICH_LR0 + 4 * slot, lr);
            if (id < 16) {
                u32 rest = __atomic_and_fetch(&g->sgi_src[id], ~(1u << src), __ATOMIC_SEQ_CST);
                if (rest) continue;         /* other sources: next flush, after an EOI maintenance */
            }
            __atomic_fetch_and(&g->pending[w], ~(1u << b), __ATOMIC_SEQ_CST);
            __atomic_fetch_and(&g->hw[w], ~(1u << b), __ATOMIC_SEQ_CST);
        }
    }
    u32 hcr = mmio_r32(h + GICH_HCR);
    mmio_w32(h + GICH_HCR, left ? (hcr | HCR_UIE) : (hcr & ~HCR_UIE));
}

/* Maintenance: an EOI'd software interrupt keeps its LR (and the maintenance line) busy until cleared here. */
void vgic_maintenance(void)
{
    u64 h = blob->gich_base;
    u32 eisr = mmio_r32(h + GICH_EISR0);
    for (u32 i = 0; i < 32; i++) {
        if (eisr & (1u << i)) mmio_w32(h + GICH_LR0 + 4 * i, 0);
    }
    mmio_w32(h + GICH_HCR, mmio_r32(h + GICH_HCR) & ~HCR_UIE);
}

/* --- distributor emulation --- */

static u32 owned_bits(struct vm *vm, u32 bank) { return bank < 32 ? vm->owned[bank] : 0; }

static u8 phys_target_mask(struct vm *vm, u8 vmask)
{
    u8 m = 0;
    for (u32 v = 0; v < vm->cfg->vcpu_count; v++) {
        if (vmask & (1u << v)) m |= pcpus[vm->core_of_vcpu[v]].gic_mask;
    }
    return m;
}

static int owns(struct vm *vm, u32 id) { return id >= 32 && id < 1024 && (vm->owned[id / 32] & (1u << (id % 32))); }

static u32 byte_reg(struct vm *vm, struct pcpu *pc, u64 off, int write, u32 size, u64 *val, int targets)
{
    u32 base = (u32)(off & 0x3ff);
    u32 out = 0;
    for (u32 i = 0; i < size; i++) {
        u32 id = base + i;
        u8 b = (u8)(*val >> (8 * i));
        if (targets) {
            if (id < 32) { out |= (1u << pc->vcpu) << (8 * i); continue; }
            if (!owns(vm, id)) continue;            /* foreign SPI: reads as zero, writes ignored */
            if (write) {
                vm->vgic.target[id] = b & (u8)((1u << vm->cfg->vcpu_count) - 1);
                gic_spi_target(id, phys_target_mask(vm, vm->vgic.target[id]));
            }
            out |= (u32)vm->vgic.target[id] << (8 * i);
        } else {
            u8 *p = id < 32 ? &pc->vgic.prio[id] : (owns(vm, id) ? &vm->vgic.prio[id] : 0);
            if (!p) continue;
            if (write) *p = b & 0xf8;
            out |= (u32)*p << (8 * i);
        }
    }
    return out;
}

int vgicd_access(u32 vmid, u64 off, int write, u32 size, u64 *val)
{
    struct vm *vm = &vms[vmid];
    struct pcpu *pc = this_cpu();
    u64 d = gicd_base();
    u32 v = (u32)*val, r = 0;

    if (off >= 0x400 && off < 0x800) { r = byte_reg(vm, pc, off - 0x400, write, size, val, 0); goto done; }
    if (off >= 0x800 && off < 0xc00) { r = byte_reg(vm, pc, off - 0x800, write, size, val, 1); goto done; }
    if (size != 4) goto done;                       /* other registers are word-only: RAZ/WI */

    if (off == 0x000) { if (write) vm->vgic.enabled = v & 1; r = vm->vgic.enabled; }
    else if (off == 0x004) r = ((blob->gic_lines / 32) - 1) | ((vm->cfg->vcpu_count - 1) << 5);
    else if (off == 0x008) r = 0x0200143b;
    else if (off >= 0x100 && off < 0x200) {        /* ISENABLER / ICENABLER */
        int set = off < 0x180;
        u32 bank = (u32)(off & 0x7f) / 4;
        if (bank == 0) {
            u32 vt = 1u << blob->vtimer_irq;
            if (write && (v & vt)) { pc->vgic.ppi_enabled = set ? vt : 0; vtimer_enable(set); }
            r = 0xffff | pc->vgic.ppi_enabled;
        } else {
            u32 m = owned_bits(vm, bank);
            if (write && (v & m)) mmio_w32(d + (set ? 0x100 : 0x180) + bank * 4, v & m);
            r = mmio_r32(d + 0x100 + bank * 4) & m;
        }
    } else if (off >= 0x200 && off < 0x400) {      /* ISPENDR / ICPENDR / ISACTIVER / ICACTIVER */
        u32 grp = (u32)(off & ~0x7ful);
        u32 bank = (u32)(off & 0x7f) / 4;
        u32 m = bank ? owned_bits(vm, bank) : 0;
        if (write && (v & m)) mmio_w32(d + grp + bank * 4, v & m);
        r = mmio_r32(d + (grp & ~0x80u) + bank * 4) & m;
    } else if (off >= 0xc00 && off < 0xd00) {      /* ICFGR, 2 bits per interrupt */
        u32 reg = (u32)(off - 0xc00) / 4;
        if (reg < 2) r = mmio_r32(d + off);
        else {
            u32 m = 0;
            for (u32 i = 0; i < 16; i++) if (owns(vm, reg * 16 + i)) m |= 3u << (2 * i);
            if (write && m) mmio_w32(d + off, (mmio_r32(d + off) & ~m) | (v & m));
            r = mmio_r32(d + off) & m;
        }
    } else if (off == 0xf00 && write) {            /* SGIR: only this VM's vCPUs can be named */
        u32 filter = (v >> 24) & 3, list = (v >> 16) & 0xff, all = (1u << vm->cfg->vcpu_count) - 1;
        u32 targets = filter == 0 ? list : filter == 1 ? (all & ~(1u << pc->vcpu)) : filter == 2 ? (1u << pc->vcpu) : 0;
        targets &= all;
        for (u32 t = 0; t < vm->cfg->vcpu_count; t++) {
            if (targets & (1u << t)) vgic_post_sgi(vmid, t, v & 0xf, pc->vcpu);
        }
    } else if (off == 0xfe8) r = 0x2b;             /* PIDR2: GICv2 */
done:
    if (!write) *val = r;
    return 0;
}

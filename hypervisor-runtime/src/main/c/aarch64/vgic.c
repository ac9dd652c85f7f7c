/* The emulated GICv2 distributor (a VM touches only its own interrupts) and list-register injection. */
#include "rt.h"

#define HCR_UIE     (1u << 1)

static int owns(struct vm *vm, u32 id) { return id >= 32 && id < 1024 && (vm->owned[id / 32] & (1u << (id % 32))); }
static int owns_virtual(struct vm *vm, u32 id) { return id >= 32 && id < 1024 && (vm->vspi[id / 32] & (1u << (id % 32))); }

/* A VM's interrupts as at power-on: its SPIs disabled and routed to its vCPU 0, physically too. An SPI goes only to
 * cores of its owner, from boot on, whatever the guest writes later (GICv3 used to route all of them to core 0 until
 * the guest wrote IROUTER: another VM's core took a level interrupt it could not deliver, forever). Runs on the core
 * of the VM's vCPU 0 once every core's GIC interface is up (GICv2 needs their CPU interface numbers). */
void vgic_reset_vm(u32 id)
{
    struct vm *vm = &vms[id];
    memset(&vm->vgic, 0, sizeof(vm->vgic));
    doorbell_reset_vm(id);
    for (u32 i = 0; i < 32; i++) vm->venabled[i] = 0;
    /* The VM's SPIs, a bitmap word at a time (most words are empty). */
    for (u32 w = 1; w < 1024 / 32; w++) {
        for (u32 bits = vm->owned[w] | vm->vspi[w]; bits; bits &= bits - 1) {
            u32 i = w * 32 + (u32)__builtin_ctz(bits);
            vm->vgic.target[i] = 1;                 /* vCPU 0; GICv3: router[i] = 0 = vCPU 0 */
            if (owns(vm, i)) {
                gic_spi_enable(i, 0);
                gic_spi_route(vm, i, 1);
            }
        }
    }
}

void vgic_reset_vcpu(void)
{
    struct pcpu *pc = this_cpu();
    memset(&pc->vgic, 0, sizeof(pc->vgic));
}

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
    u32 n = lr_count();
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
            /* Already in a list register? A pending copy absorbs this one (it used to be kept for after that one's EOI:
             * taken twice, and on a GICv3 put in a second list register with the same vINTID, which is UNPREDICTABLE);
             * an active one must finish first. */
            int busy = -1, slot = -1;
            u64 busy_lr = 0;
            u32 free = lr_empty();
            for (u32 i = 0; i < n; i++) {
                u64 lr = lr_get(i);
                if (!(free & (1u << i)) && lr_vintid(lr) == id && (hw || lr_same_sgi_source(lr, src))) { busy = (int)i; busy_lr = lr; }
                else if ((free & (1u << i)) && slot < 0) slot = (int)i;
            }
            /* Active: its EOI (the maintenance bit, asked for now for a software interrupt; physical deactivation for
             * HW) brings us back. Only a lack of free list registers needs the underflow interrupt: asking for it
             * while one LR is merely active would fire at once, forever. */
            if (busy >= 0 && !lr_pending_only(busy_lr)) { lr_want_eoi((u32)busy); continue; }
            if (busy >= 0) slot = busy;                            /* merged into the pending copy */
            else if (slot < 0) { left = 1; continue; }
            else {
                lr_set((u32)slot, lr_make(id, vprio(pc, id), hw != 0, src));
                if (!hw && doorbell_is(id)) lr_want_eoi((u32)slot);    /* its EOI ends the ring in flight (doorbell.c) */
            }
            if (id < 16) {
                /* GICv2: this source's instance; another source's is another interrupt. GICv3: every source's, one
                 * pending state (two sources' SGI used to be taken twice). */
                u32 taken = lr_sgi_has_source() ? 1u << src : ~0u;
                u32 rest = __atomic_and_fetch(&g->sgi_src[id], ~taken, __ATOMIC_SEQ_CST);
                if (rest) { lr_want_eoi((u32)slot); continue; }   /* other sources: next flush, after its EOI */
            }
            __atomic_fetch_and(&g->pending[w], ~(1u << b), __ATOMIC_SEQ_CST);
            __atomic_fetch_and(&g->hw[w], ~(1u << b), __ATOMIC_SEQ_CST);
        }
    }
    /* The underflow interrupt's bit as last written (pc->uie; every write of the register sets it): reading the
     * register on each return to the guest cost a trip into QEMU's GIC model per exit. */
    if ((u32)left != pc->uie) {
        u32 hcr = hcr_get();
        hcr_set(left ? (hcr | HCR_UIE) : (hcr & ~HCR_UIE));
        pc->uie = (u32)left;
    }
}

/* Maintenance: an EOI'd software interrupt keeps its LR (and the maintenance line) busy until cleared here. */
void vgic_maintenance(void)
{
    u32 eisr = lr_eoi();
    for (u32 i = 0; i < 32; i++) {
        if (!(eisr & (1u << i))) continue;
        doorbell_eoi(lr_vintid(lr_get(i)));
        lr_set(i, 0);
    }
    hcr_set(hcr_get() & ~HCR_UIE);
    this_cpu()->uie = 0;
}

/* --- distributor emulation --- */

static spinlock_t icfgr_lock;       /* the physical GICD_ICFGR registers, which VMs share (vgicd_access) */

static u32 owned_bits(struct vm *vm, u32 bank) { return bank < 32 ? vm->owned[bank] : 0; }

/* The core of the vCPU a virtual SPI of the VM is routed to (vCPU 0 if none of its vCPUs is named). */
u32 virq_target_core(u32 vmid, u32 id)
{
    struct vm *vm = &vms[vmid];
    u32 vcpu = 0;
    if (id < 1024) {
        if (blob->gic_version == 3) vcpu = vm->vgic.router[id] & 0x7f;
        else if (vm->vgic.target[id]) vcpu = __builtin_ctz(vm->vgic.target[id]);
    }
    if (vcpu >= vm->cfg->vcpu_count) vcpu = 0;
    return vm->core_of_vcpu[vcpu];
}

/* An emulated device of the VM raises its SPI: inject it on the vCPU it is routed to, if enabled. */
int virq_raise(u32 vmid, u32 id)
{
    struct vm *vm = &vms[vmid];
    if (!owns_virtual(vm, id) || !(vm->venabled[id / 32] & (1u << (id % 32)))) return 0;
    u32 core = virq_target_core(vmid, id);
    struct vgic_vcpu *g = &pcpus[core].vgic;
    __atomic_fetch_or(&g->pending[id / 32], 1u << (id % 32), __ATOMIC_SEQ_CST);
    if (core != this_cpu()->index) {
        __atomic_fetch_or(&pcpus[core].kick, KICK_SGI, __ATOMIC_SEQ_CST);
        gic_send_sgi(core, blob->ipi_sgi);
    }
    return 1;
}

static u32 byte_reg(struct vm *vm, struct pcpu *pc, u64 off, int write, u32 size, u64 *val, int targets)
{
    u32 base = (u32)(off & 0x3ff);
    u32 out = 0;
    for (u32 i = 0; i < size; i++) {
        u32 id = base + i;
        u8 b = (u8)(*val >> (8 * i));
        if (targets) {
            if (id < 32) { out |= (1u << pc->vcpu) << (8 * i); continue; }
            int virt = owns_virtual(vm, id);
            if (!owns(vm, id) && !virt) continue;   /* foreign SPI: reads as zero, writes ignored */
            if (write) {
                vm->vgic.target[id] = b & (u8)((1u << vm->cfg->vcpu_count) - 1);
                if (!virt) gic_spi_route(vm, id, vm->vgic.target[id]);
            }
            out |= (u32)vm->vgic.target[id] << (8 * i);
        } else {
            u8 *p = id < 32 ? &pc->vgic.prio[id] : ((owns(vm, id) || owns_virtual(vm, id)) ? &vm->vgic.prio[id] : 0);
            if (!p) continue;
            if (write) *p = b & 0xf8;
            out |= (u32)*p << (8 * i);
        }
    }
    return out;
}

/* --- which accesses a register takes (GIC architecture: IHI 0048B 4.1.4 for GICv2, IHI 0069 12.1.3 for GICv3) ---
 * Every register takes aligned 32-bit accesses; IPRIORITYR, ITARGETSR, CPENDSGIR and SPENDSGIR (and the
 * redistributors' IPRIORITYR) also single bytes; the 64-bit registers (IROUTER, GICR_TYPER, GICR_PROPBASER and
 * PENDBASER) also 64-bit accesses. Anything else, any width a register does not take and any access not aligned
 * to its width, is refused before it is looked at: it reads as zero and writes nothing. (The emulation used to
 * read and write the physical GICD_ICFGR at the guest's unaligned offset with a mask built for the aligned one.) */
#define W8  1u
#define W32 4u
#define W64 8u

struct access_rule { u32 start, end, widths; };

static const struct access_rule gicd_rules[] = {
    { 0x0400, 0x0800, W8 | W32 },                   /* IPRIORITYR<n> */
    { 0x0800, 0x0c00, W8 | W32 },                   /* ITARGETSR<n> */
    { 0x0f10, 0x0f30, W8 | W32 },                   /* CPENDSGIR<n>, SPENDSGIR<n> */
    { 0x6000, 0x8000, W32 | W64 },                  /* IROUTER<n>: 64-bit, or either 32-bit half */
};

static const struct access_rule gicr_rules[] = {
    { 0x00008, 0x00010, W32 | W64 },                /* GICR_TYPER */
    { 0x00070, 0x00080, W32 | W64 },                /* GICR_PROPBASER, GICR_PENDBASER */
    { 0x10400, 0x10420, W8 | W32 },                 /* GICR_IPRIORITYR<n> */
};

static int access_ok(const struct access_rule *rules, u32 n, u64 off, u32 size)
{
    u32 widths = W32;
    for (u32 i = 0; i < n; i++) {
        if (off >= rules[i].start && off < rules[i].end) { widths = rules[i].widths; break; }
    }
    return (widths & size) && (off & (size - 1)) == 0;
}

int vgicd_access(u32 vmid, u64 off, int write, u32 size, u64 *val)
{
    struct vm *vm = &vms[vmid];
    struct pcpu *pc = this_cpu();
    u64 d = gicd_base();
    u32 v = (u32)*val, r = 0;

    int v3 = blob->gic_version == 3;
    if (!access_ok(gicd_rules, sizeof(gicd_rules) / sizeof(gicd_rules[0]), off, size)) goto done;

    if (off >= 0x400 && off < 0x800) { r = byte_reg(vm, pc, off - 0x400, write, size, val, 0); goto done; }
    if (off >= 0x800 && off < 0xc00) {              /* ITARGETSR: with affinity routing (GICv3) RAZ/WI */
        if (!v3) r = byte_reg(vm, pc, off - 0x800, write, size, val, 1);
        goto done;
    }
    if (v3 && off >= 0x6100 && off < 0x8000) {      /* IROUTER<n>: Aff0 = vCPU, IRM = any; the upper half (Aff3) is 0 */
        u32 id = (u32)(off - 0x6000) / 8;
        int virt = owns_virtual(vm, id);
        if ((!owns(vm, id) && !virt) || (off & 7)) goto done;
        if (write) {
            u32 vcpu = (u32)(*val & 0xff);
            int any = (*val >> 31) & 1;
            /* Aff1 and Aff2 name none of ours; Aff3 (bits 39:32) is RES0 as GICD_TYPER.A3V is 0, so ignored, as a
             * 32-bit write of the upper word is */
            if (vcpu >= vm->cfg->vcpu_count || (*val & 0xffff00ul)) vcpu = 0;
            vm->vgic.router[id] = (u8)(vcpu | (any ? 0x80 : 0));
            if (!virt) gic_spi_route(vm, id, 1u << vcpu);
        }
        u64 rv = (vm->vgic.router[id] & 0x7f) | ((u64)(vm->vgic.router[id] >> 7) << 31);
        if (!write) *val = rv;
        return 0;
    }

    if (off == 0x000) {
        /* GICv3: ARE and DS always set, EnableGrp0/1 as written; GICv2: Enable. */
        if (write) vm->vgic.enabled = v3 ? (v & 3) : (v & 1);
        r = v3 ? (vm->vgic.enabled | (1u << 4) | (1u << 6)) : vm->vgic.enabled;
    }
    else if (off == 0x004) r = v3 ? (((blob->gic_lines / 32) - 1) | (9u << 19))
                                  : (((blob->gic_lines / 32) - 1) | ((vm->cfg->vcpu_count - 1) << 5));
    else if (off == 0x008) r = v3 ? 0x0300043b : 0x0200143b;
    else if (off >= 0x080 && off < 0x100) {        /* IGROUPR: everything is group 1 (GICv3) */
        u32 bank = (u32)(off & 0x7f) / 4;
        r = v3 ? (bank ? owned_bits(vm, bank) | (bank < 32 ? vm->vspi[bank] : 0) : ~0u) : 0;
    }
    else if (off >= 0x100 && off < 0x200) {        /* ISENABLER / ICENABLER */
        int set = off < 0x180;
        u32 bank = (u32)(off & 0x7f) / 4;
        if (bank == 0) {
            u32 vt = 1u << blob->vtimer_irq;
            if (write && (v & vt)) { pc->vgic.ppi_enabled = set ? vt : 0; vtimer_enable(set); }
            r = 0xffff | pc->vgic.ppi_enabled;
        } else {
            u32 m = owned_bits(vm, bank), vm_bits = bank < 32 ? vm->vspi[bank] : 0;
            if (write && (v & m)) mmio_w32(d + (set ? 0x100 : 0x180) + bank * 4, v & m);
            if (write && (v & vm_bits)) {                       /* virtual SPIs: enable state in software */
                if (set) __atomic_fetch_or(&vm->venabled[bank], v & vm_bits, __ATOMIC_SEQ_CST);
                else __atomic_fetch_and(&vm->venabled[bank], ~(v & vm_bits), __ATOMIC_SEQ_CST);
            }
            r = (mmio_r32(d + 0x100 + bank * 4) & m) | (vm->venabled[bank] & vm_bits);
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
            u32 m = 0, vmask = 0;
            for (u32 i = 0; i < 16; i++) {
                if (owns(vm, reg * 16 + i)) m |= 3u << (2 * i);
                if (owns_virtual(vm, reg * 16 + i)) vmask |= 2u << (2 * i);     /* edge/level bit kept in software */
            }
            /* One register holds 16 interrupts, of several VMs: read, merge and write it under a lock (a write that
             * changes none of this VM's bits takes no lock and writes nothing). Two VMs' writes at once used to put
             * back the bits the other had just changed: another VM's edge-triggered interrupt made level again. */
            if (write && m && ((mmio_r32(d + off) ^ v) & m)) {
                spin_lock(&icfgr_lock);
                mmio_w32(d + off, (mmio_r32(d + off) & ~m) | (v & m));
                spin_unlock(&icfgr_lock);
            }
            if (write && vmask) vm->vgic.cfg[reg] = (vm->vgic.cfg[reg] & ~vmask) | (v & vmask);
            r = (mmio_r32(d + off) & m) | (vm->vgic.cfg[reg] & vmask);
        }
    } else if (off == 0xf00 && write && !v3) {     /* SGIR: only this VM's vCPUs can be named */
        u32 filter = (v >> 24) & 3, list = (v >> 16) & 0xff, all = (1u << vm->cfg->vcpu_count) - 1;
        u32 targets = filter == 0 ? list : filter == 1 ? (all & ~(1u << pc->vcpu)) : filter == 2 ? (1u << pc->vcpu) : 0;
        targets &= all;
        for (u32 t = 0; t < vm->cfg->vcpu_count; t++) {
            if (targets & (1u << t)) vgic_post_sgi(vmid, t, v & 0xf, pc->vcpu);
        }
    } else if (off == 0xfe8 && !v3) r = 0x2b;      /* PIDR2: GICv2 */
    else if (off == 0xffe8 && v3) r = 0x30;        /* PIDR2: GICv3 */
done:
    if (!write) *val = r;
    return 0;
}

/* --- GICv3 redistributors: one 128 KiB frame per vCPU (RD_base, then SGI_base), all emulated --- */

static u32 ppi_bank0(struct pcpu *t, struct pcpu *me, int write, int set, u32 v)
{
    u32 vt = 1u << blob->vtimer_irq;
    if (write && (v & vt)) {
        t->vgic.ppi_enabled = set ? vt : 0;
        if (t == me) vtimer_enable(set);        /* guests set up their own vCPU's frame; another's is only recorded */
    }
    return 0xffff | t->vgic.ppi_enabled;
}

int vgicr_access(u32 vmid, u64 off, int write, u32 size, u64 *val)
{
    struct vm *vm = &vms[vmid];
    struct pcpu *me = this_cpu();
    u32 vcpu = (u32)(off / 0x20000);
    u64 o = off % 0x20000, r = 0;
    u32 v = (u32)*val;
    if (vcpu >= vm->cfg->vcpu_count) goto done;     /* frames past the VM's vCPUs: RAZ/WI */
    if (!access_ok(gicr_rules, sizeof(gicr_rules) / sizeof(gicr_rules[0]), o, size)) goto done;
    struct pcpu *t = &pcpus[vm->core_of_vcpu[vcpu]];
    if (o == 0x0008) {                              /* TYPER: Aff0 = vCPU, Processor_Number, Last */
        r = ((u64)vcpu << 32) | ((u64)vcpu << 8) | (vcpu + 1 == vm->cfg->vcpu_count ? (1u << 4) : 0);
        if (size == 4) r &= 0xffffffffu;
    } else if (o == 0x000c && size == 4) {
        r = vcpu;
    } else if (o == 0x0004) r = 0x0300043b;
    else if (o == 0x0014) {                         /* WAKER: ProcessorSleep, ChildrenAsleep follows it */
        if (write) t->vgic.waker = v & 2;
        r = t->vgic.waker | (t->vgic.waker << 1);
    } else if (o == 0xffe8) r = 0x30;
    else if (o == 0x10080) r = ~0u;                 /* IGROUPR0: group 1 */
    else if (o == 0x10100 || o == 0x10180) r = ppi_bank0(t, me, write, o == 0x10100, v);
    else if (o >= 0x10400 && o < 0x10420) {         /* IPRIORITYR0-7 of that vCPU */
        for (u32 i = 0; i < size && o - 0x10400 + i < 32; i++) {
            u8 *p = &t->vgic.prio[o - 0x10400 + i];
            if (write) *p = (u8)(*val >> (8 * i)) & 0xf8;
            r |= (u64)*p << (8 * i);
        }
    } else if (o == 0x10c00) r = 0xaaaaaaaau;        /* ICFGR0: SGIs edge */
done:
    if (!write) *val = r;
    return 0;
}

/* A guest's write of ICC_SGI1R_EL1 (trapped by HCR_EL2.IMO): SGIs reach only this VM's own vCPUs. */
void vgic_sgi_sysreg(u64 value)
{
    struct pcpu *pc = this_cpu();
    struct vm *vm = &vms[pc->vm];
    u32 sgi = (value >> 24) & 0xf, all = (1u << vm->cfg->vcpu_count) - 1, targets;
    if (value & (1ul << 40)) targets = all & ~(1u << pc->vcpu);          /* IRM: everyone else */
    else if (value & 0x00fff0ff00ff0000ul) targets = 0;                 /* Aff1-3 or RS (Aff0 16 on) name none of ours */
    else targets = (u32)(value & 0xffff) & all;
    for (u32 t = 0; t < vm->cfg->vcpu_count; t++) {
        if (targets & (1u << t)) vgic_post_sgi(pc->vm, t, sgi, pc->vcpu);
    }
}

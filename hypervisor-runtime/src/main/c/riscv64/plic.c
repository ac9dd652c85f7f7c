/* The physical PLIC and one emulated PLIC per VM.
 *
 * Physical: the hypervisor uses each hart's S-mode context (2 x hart + 1 on QEMU virt, which has an M and an S
 * context per hart). A source a VM owns is enabled in exactly one context, that of the core of the lowest vCPU of its
 * owner that enabled it, and in no context while nobody of its owner enables it; no other source is ever enabled.
 * Its interrupt, taken in HS on that core, is claimed there and made pending in the owner's emulated PLIC; the guest's
 * completion completes it physically.
 *
 * Emulated: each VM sees a PLIC at its window with one context per vCPU (context n = vCPU n's S-mode, as its device
 * tree's interrupts-extended lists them) and only its own sources: passthrough ones and the virtual ones of its
 * emulated devices. Every other source reads as zero and ignores writes. A vCPU's VSEIP is the best pending, enabled,
 * unclaimed source above its threshold; each core recomputes its own before returning to the guest (virq_sync). */
#include "rt.h"

#define PRIORITY        0x0
#define PENDING         0x1000
#define ENABLE          0x2000
#define ENABLE_STRIDE   0x80
#define CONTEXT         0x200000
#define CONTEXT_STRIDE  0x1000

static u64 plic;
static u32 nsrc;
static u8 owner_of[MAX_SOURCES];        /* VM id + 1, 0 = nobody */
static u32 enabled_on[MAX_SOURCES];     /* core index + 1 whose context has the source enabled, 0 = none */
static spinlock_t hw_lock;
static u32 console_src;                 /* the hypervisor console's source, taken on the boot core when input is on */

static u64 ctx_of(u32 core) { return 2 * pcpus[core].hart + 1; }
static u64 enable_reg(u32 core, u32 src) { return plic + ENABLE + ENABLE_STRIDE * ctx_of(core) + 4 * (src / 32); }
static u64 claim_reg(u32 core) { return plic + CONTEXT + CONTEXT_STRIDE * ctx_of(core) + 4; }
static int bit(const u32 *m, u32 i) { return (m[i / 32] >> (i % 32)) & 1; }

u32 source_owner(u32 src) { return src < MAX_SOURCES && owner_of[src] ? owner_of[src] - 1u : SHY_NO_VM; }

/* Boot hart, before any other core runs: every source off in every context this hypervisor uses, priorities 0. */
void plic_init(void)
{
    plic = blob->gicd_base;
    nsrc = blob->gic_lines < MAX_SOURCES ? blob->gic_lines : MAX_SOURCES;
    for (u32 v = 0; v < blob->vm_count; v++) {
        for (u32 s = 1; s < nsrc; s++) if (bit(vms[v].owned, s)) owner_of[s] = (u8)(v + 1);
    }
    for (u32 s = 1; s < nsrc; s++) mmio_w32(plic + PRIORITY + 4 * s, 0);
    for (u32 c = 0; c < blob->cpu_count; c++) {
        for (u32 w = 0; w < (nsrc + 31) / 32; w++) mmio_w32(enable_reg(c, 32 * w), 0);
    }
}

/* Console input (virtio.c chose a VM for it): the console UART's source on this core (the boot core), priority 1. */
void plic_console_on(void)
{
    u32 src = blob->console_irq;
    if (!src || src >= nsrc || owner_of[src]) return;
    console_src = src;
    u32 me = this_cpu()->index;
    mmio_w32(plic + PRIORITY + 4 * src, 1);
    mmio_w32(enable_reg(me, src), mmio_r32(enable_reg(me, src)) | (1u << (src % 32)));
}

/* Each core that runs a vCPU: its context's threshold 0; its software, external and timer interrupts on at HS. */
void plic_init_cpu(void)
{
    struct pcpu *pc = this_cpu();
    mmio_w32(plic + CONTEXT + CONTEXT_STRIDE * ctx_of(pc->index), 0);
    if (has_sstc) csr_write(CSR_STIMECMP, ~0ul);        /* the guest timer's watchdog, off until vtimer_set arms it */
    csr_set(CSR_SIE, (1ul << IRQ_S_SOFT) | (1ul << IRQ_S_EXT) | (1ul << IRQ_S_TIMER));
}

/* Physically: the source enabled in the context of the lowest vCPU of its owner that enables it (with a priority
 * above 0), else in none. Called with the owner's vplic lock held. */
static void route(struct vm *vm, u32 src)
{
    u32 want = 0;
    if (vm->vplic.prio[src]) {
        for (u32 v = 0; v < vm->cfg->vcpu_count && !want; v++) {
            if (bit(vm->vplic.enable[v], src)) want = vm->core_of_vcpu[v] + 1;
        }
    }
    spin_lock(&hw_lock);
    u32 now = enabled_on[src];
    if (now != want) {
        if (now) mmio_w32(enable_reg(now - 1, src), mmio_r32(enable_reg(now - 1, src)) & ~(1u << (src % 32)));
        mmio_w32(plic + PRIORITY + 4 * src, want ? vm->vplic.prio[src] : 0);
        if (want) mmio_w32(enable_reg(want - 1, src), mmio_r32(enable_reg(want - 1, src)) | (1u << (src % 32)));
        enabled_on[src] = want;
    } else if (want) {
        mmio_w32(plic + PRIORITY + 4 * src, vm->vplic.prio[src]);
    }
    spin_unlock(&hw_lock);
}

/* Completes a physical source in the context where it is enabled (the PLIC ignores a completion elsewhere); one the
 * guest disabled meanwhile is enabled for the moment of its completion. */
static void complete_hw(u32 src)
{
    spin_lock(&hw_lock);
    u32 c = enabled_on[src] ? enabled_on[src] - 1 : this_cpu()->index;
    if (!enabled_on[src]) mmio_w32(enable_reg(c, src), mmio_r32(enable_reg(c, src)) | (1u << (src % 32)));
    mmio_w32(claim_reg(c), src);
    if (!enabled_on[src]) mmio_w32(enable_reg(c, src), mmio_r32(enable_reg(c, src)) & ~(1u << (src % 32)));
    spin_unlock(&hw_lock);
}

/* The best source for a vCPU's context: pending, enabled, not claimed, priority above its threshold. */
static u32 best(struct vm *vm, u32 vcpu)
{
    struct vplic *p = &vm->vplic;
    u32 id = 0, prio = p->threshold[vcpu];
    for (u32 w = 0; w < (nsrc + 31) / 32; w++) {
        u32 m = p->pending[w] & p->enable[vcpu][w] & ~p->claimed[w] & (vm->owned[w] | vm->vsrc[w]);
        while (m) {
            u32 s = 32 * w + (u32)__builtin_ctz(m);
            m &= m - 1;
            if (p->prio[s] > prio) { prio = p->prio[s]; id = s; }
        }
    }
    return id;
}

/* Tells every vCPU of the VM to look at its interrupts again (other cores through a kick). */
static void notify(struct vm *vm)
{
    struct pcpu *me = this_cpu();
    for (u32 v = 0; v < vm->cfg->vcpu_count; v++) {
        u32 c = vm->core_of_vcpu[v];
        if (&pcpus[c] != me && pcpus[c].state == VCPU_RUNNING) kick_core(c, KICK_VIRQ);
    }
}

static void set_pending(u32 vmid, u32 src)
{
    struct vm *vm = &vms[vmid];
    spin_lock(&vm->vplic.lock);
    vm->vplic.pending[src / 32] |= 1u << (src % 32);
    spin_unlock(&vm->vplic.lock);
    notify(vm);
}

/* The guest's VSEIP and VSSIP on this core, before it returns to the guest. */
void virq_sync(void)
{
    struct pcpu *pc = this_cpu();
    if (pc->vm == SHY_NO_VM || pc->state != VCPU_RUNNING) return;
    struct vm *vm = &vms[pc->vm];
    if (pc->vssip) {
        pc->vssip = 0;
        csr_set(CSR_HVIP, 1ul << IRQ_VS_SOFT);
    }
    /* Written only when it changes: each write of a pending bit is a chance for QEMU 7.2 to lose the guest's timer
     * (vtimer_resync), and most traps change nothing here. */
    u64 ext = best(vm, pc->vcpu) ? 1ul << IRQ_VS_EXT : 0;
    if ((csr_read(CSR_HVIP) & (1ul << IRQ_VS_EXT)) != ext) {
        if (ext) csr_set(CSR_HVIP, ext);
        else csr_clear(CSR_HVIP, 1ul << IRQ_VS_EXT);
    }
    vtimer_resync();
}

/* A supervisor external interrupt at HS: claim every source pending for this core's context. */
void plic_handle(void)
{
    u32 me = this_cpu()->index;
    for (;;) {
        u32 src = mmio_r32(claim_reg(me));
        if (!src) return;
        if (src == console_src) {                       /* typed on the console: to the input VM's core */
            console_rx_irq();
            virtio_input();
            mmio_w32(claim_reg(me), src);
            continue;
        }
        u32 v = source_owner(src);
        if (src >= nsrc || v == SHY_NO_VM || vms[v].state != VM_RUNNING) {
            /* Nobody may have it (or its VM stopped): off in this context, and completed. */
            spin_lock(&hw_lock);
            mmio_w32(enable_reg(me, src), mmio_r32(enable_reg(me, src)) & ~(1u << (src % 32)));
            mmio_w32(claim_reg(me), src);
            if (enabled_on[src] == me + 1) enabled_on[src] = 0;
            spin_unlock(&hw_lock);
            continue;
        }
        set_pending(v, src);
    }
}

/* An emulated device's interrupt (virtio): pending in the VM's PLIC, edge-like. */
int virq_raise(u32 vmid, u32 src)
{
    if (src >= MAX_SOURCES || !bit(vms[vmid].vsrc, src)) return 0;
    set_pending(vmid, src);
    return 1;
}

/* The core that takes a virtual source: that of the lowest vCPU enabling it, else of vCPU 0. */
u32 virq_target_core(u32 vmid, u32 src)
{
    struct vm *vm = &vms[vmid];
    for (u32 v = 0; v < vm->cfg->vcpu_count; v++) {
        if (src < MAX_SOURCES && bit(vm->vplic.enable[v], src)) return vm->core_of_vcpu[v];
    }
    return vm->core_of_vcpu[0];
}

/* Reset (boot, SBI reboot): the VM's PLIC as after reset, its sources off everywhere, claimed ones completed. */
void vplic_reset_vm(u32 vmid)
{
    struct vm *vm = &vms[vmid];
    spin_lock(&vm->vplic.lock);
    for (u32 s = 1; s < nsrc; s++) {
        if (!bit(vm->owned, s)) continue;
        int was_claimed = bit(vm->vplic.claimed, s);
        vm->vplic.prio[s] = 0;
        for (u32 v = 0; v < SHY_MAX_CPUS; v++) vm->vplic.enable[v][s / 32] &= ~(1u << (s % 32));
        route(vm, s);
        if (was_claimed || bit(vm->vplic.pending, s)) complete_hw(s);
    }
    memset(vm->vplic.prio, 0, sizeof(vm->vplic.prio));
    memset(vm->vplic.pending, 0, sizeof(vm->vplic.pending));
    memset(vm->vplic.claimed, 0, sizeof(vm->vplic.claimed));
    memset(vm->vplic.enable, 0, sizeof(vm->vplic.enable));
    memset(vm->vplic.threshold, 0, sizeof(vm->vplic.threshold));
    spin_unlock(&vm->vplic.lock);
}

/* A VM that stopped: its sources off in every context. */
void vplic_stop_vm(u32 vmid)
{
    struct vm *vm = &vms[vmid];
    spin_lock(&vm->vplic.lock);
    for (u32 s = 1; s < nsrc; s++) {
        if (!bit(vm->owned, s)) continue;
        vm->vplic.prio[s] = 0;
        route(vm, s);
    }
    spin_unlock(&vm->vplic.lock);
}

/* The guest's access to its PLIC window. Aligned 32-bit accesses only (the PLIC's registers are 32 bits wide); any
 * other width or alignment reads as zero and writes nothing. */
int vplic_access(u32 vmid, u64 off, int write, u32 size, u64 *val)
{
    struct vm *vm = &vms[vmid];
    struct vplic *p = &vm->vplic;
    u32 n = vm->cfg->vcpu_count, v = (u32)*val;
    u64 out = 0;
    if (size != 4 || (off & 3)) {
        if (!write) *val = 0;
        return 0;
    }
    int changed = 0;
    spin_lock(&p->lock);
    if (off < PENDING) {                                        /* priorities */
        u32 s = (u32)(off / 4);
        if (s && s < nsrc && (bit(vm->owned, s) || bit(vm->vsrc, s))) {
            if (write) {
                p->prio[s] = (u8)(v & 7);
                if (bit(vm->owned, s)) route(vm, s);
                changed = 1;
            }
            out = p->prio[s];
        }
    } else if (off < ENABLE) {                                  /* pending bits (read only) */
        u32 w = (u32)((off - PENDING) / 4);
        if (w < (nsrc + 31) / 32) out = p->pending[w] & (vm->owned[w] | vm->vsrc[w]);
    } else if (off < CONTEXT) {                                 /* enable bits per context */
        u32 ctx = (u32)((off - ENABLE) / ENABLE_STRIDE), w = (u32)((off - ENABLE) % ENABLE_STRIDE) / 4;
        if (ctx < n && w < (nsrc + 31) / 32) {
            u32 mine = vm->owned[w] | vm->vsrc[w];
            if (w == 0) mine &= ~1u;                            /* source 0 does not exist */
            if (write) {
                u32 before = p->enable[ctx][w];
                p->enable[ctx][w] = v & mine;
                u32 flip = (before ^ p->enable[ctx][w]) & vm->owned[w];
                while (flip) {
                    route(vm, 32 * w + (u32)__builtin_ctz(flip));
                    flip &= flip - 1;
                }
                changed = 1;
            }
            out = p->enable[ctx][w];
        }
    } else {                                                    /* threshold, claim/complete per context */
        u32 ctx = (u32)((off - CONTEXT) / CONTEXT_STRIDE), reg = (u32)((off - CONTEXT) % CONTEXT_STRIDE);
        if (ctx < n && reg == 0) {
            if (write) { p->threshold[ctx] = v & 7; changed = 1; }
            out = p->threshold[ctx];
        } else if (ctx < n && reg == 4) {
            if (!write) {                                       /* claim */
                u32 s = best(vm, ctx);
                if (s) {
                    p->pending[s / 32] &= ~(1u << (s % 32));
                    p->claimed[s / 32] |= 1u << (s % 32);
                }
                out = s;
                changed = 1;
            } else if (v && v < nsrc && bit(p->claimed, v)) {    /* complete */
                p->claimed[v / 32] &= ~(1u << (v % 32));
                if (bit(vm->owned, v)) complete_hw(v);
                changed = 1;
            }
        }
    }
    spin_unlock(&p->lock);
    if (changed) notify(vm);
    if (!write) *val = out;
    return 0;
}

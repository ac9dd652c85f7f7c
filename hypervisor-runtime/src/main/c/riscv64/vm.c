/* VMs and vCPUs on riscv64: one vCPU per physical hart, started, stopped and restarted here. The state machine is
 * the aarch64 runtime's (docs/runtime.md, "vCPUs, PSCI and stopping"); SBI HSM and SRST drive it. */
#include "rt.h"

struct vm vms[SHY_MAX_VMS];
struct pcpu pcpus[SHY_MAX_CPUS];

_Static_assert(offsetof(struct pcpu, stack_top) == PCPU_STACK_TOP, "asm.h PCPU_STACK_TOP");

static spinlock_t stop_lock;
static u32 vms_stopped;
static int exit_status;

struct vm *this_vm(void) { return &vms[this_cpu()->vm]; }

/* Cross-core requests go through the firmware's IPI (SBI sPI): the target takes a supervisor software interrupt. */
static void kick(u32 core, u32 what)
{
    __atomic_fetch_or(&pcpus[core].kick, what, __ATOMIC_SEQ_CST);
    u64 hart = pcpus[core].hart;
    sbi_call(0x735049u, 0, 1, hart, 0);
}

void kick_core(u32 core, u32 what) { kick(core, what); }
void kick_self(u32 what) { kick(this_cpu()->index, what); }

/* The power-off rule: once every VM has stopped, the machine powers off with the worst status. */
static void count_stopped(int status)
{
    spin_lock(&stop_lock);
    if (status > exit_status) exit_status = status;
    u32 n = ++vms_stopped;
    int st = exit_status;
    spin_unlock(&stop_lock);
    if (n == blob->vm_count) system_exit(st);
}

void vm_stop(u32 id, int status, const char *why)
{
    struct vm *vm = &vms[id];
    spin_lock(&vm->lock);
    if (vm->state != VM_RUNNING) { spin_unlock(&vm->lock); return; }
    vm->state = VM_STOPPED;
    vm->status = status;
    spin_unlock(&vm->lock);
    vplic_stop_vm(id);          /* its sources go nowhere now */
    kprintf("shyper: vm %s stopped: %s\n", vm->cfg->name, why);
    u32 me = this_cpu()->index;
    for (u32 v = 0; v < vm->cfg->vcpu_count; v++) {
        if (vm->core_of_vcpu[v] != me) kick(vm->core_of_vcpu[v], KICK_STOP);
    }
    count_stopped(status);
}

/* A hart of the VM was started but never arrived (main.c): its guest has not run (its vCPU 0 waits for every hart of
 * its VM) and cannot, so it stops with status 3, as a fault would, whether its vCPU 0's hart has loaded it or it is
 * still VM_LOADING (the lost hart is that one, or it is still loading). */
void vm_lost(u32 id)
{
    static const char why[] = "one of its harts never arrived";
    struct vm *vm = &vms[id];
    spin_lock(&vm->lock);
    u32 st = vm->state;
    if (st == VM_LOADING) {
        vm->state = VM_STOPPED;
        vm->status = 3;
    }
    spin_unlock(&vm->lock);
    if (st == VM_RUNNING) {
        vm_stop(id, 3, why);
        return;
    }
    if (st != VM_LOADING) return;
    kprintf("shyper: vm %s stopped: %s\n", vm->cfg->name, why);
    count_stopped(3);
}

static void load_payloads(u32 vm)
{
    for (u32 i = 0; i < blob->payload_count; i++) {
        const struct shy_blob_payload *p = blob_payload(i);
        if (p->vm != vm) continue;
        memcpy((void *)p->pa, (const u8 *)blob->load_address + p->offset, p->size);
    }
    fence_i();
}

/* A VM's part of the boot hart's set-up, for every VM before any other hart runs: what other VMs' harts may read of it
 * as soon as they run (its sources, its virtio devices, its shared regions zeroed). Its G-stage table and payloads are
 * the hart of its vCPU 0's to make (vm_load); until then it is VM_LOADING, which console input does not reach and
 * which no hart enters. */
void vm_setup(u32 id)
{
    struct vm *vm = &vms[id];
    vm->cfg = blob_vm(id);
    vm->state = VM_LOADING;
    for (u32 c = 0; c < blob->cpu_count; c++) {
        const struct shy_blob_cpu *bc = blob_cpu(c);
        if (bc->vm == id) vm->core_of_vcpu[bc->vcpu] = c;
    }
    for (u32 i = 0; i < vm->cfg->irq_count; i++) {
        u32 src = blob_irq(vm->cfg->first_irq + i)->intid;
        if (src && src < MAX_SOURCES) vm->owned[src / 32] |= 1u << (src % 32);
    }
    for (u32 i = 0; i < vm->cfg->region_count; i++) {
        const struct shy_blob_region *r = blob_region(vm->cfg->first_region + i);
        if (r->kind == SHY_REGION_VIRTIO && r->irq && r->irq < MAX_SOURCES) vm->vsrc[r->irq / 32] |= 1u << (r->irq % 32);
    }
    virtio_init_vm(id);
    vm_zero_shared(id);         /* on the boot hart before it starts any other: another VM's guest may use them at once */
    pcpus[vm->core_of_vcpu[0]].start_entry = vm->cfg->entry_ipa;
    pcpus[vm->core_of_vcpu[0]].start_ctx = vm->cfg->dtb_ipa;
    pcpus[vm->core_of_vcpu[0]].state = VCPU_ON_PENDING;
}

/* On the hart of the VM's vCPU 0, each VM's on its own hart at once: its G-stage table, its RAM zeroed when the blob
 * asks, its payloads copied. Its RAM and table are its own (blob_verify), so no lock but the pool's. */
void vm_load(u32 id)
{
    struct vm *vm = &vms[id];
    vm->hgatp = gstage_build(id);
    vm_zero_ram(id);            /* before the payloads; a restart keeps the VM's RAM */
    load_payloads(id);
    spin_lock(&vm->lock);
    if (vm->state == VM_LOADING) vm->state = VM_RUNNING;    /* not when it was given up meanwhile (vm_lost) */
    spin_unlock(&vm->lock);
}

/* Takes a vCPU of a VM being reset out of the guest, and withdraws a hart_start it has not taken up yet. */
static void stop_vcpu(u32 c)
{
    for (;;) {
        u32 st = __atomic_load_n(&pcpus[c].state, __ATOMIC_SEQ_CST);
        if (st == VCPU_OFF) return;
        if (st == VCPU_ON_PENDING) {
            __atomic_compare_exchange_n(&pcpus[c].state, &st, VCPU_OFF, 0, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
            continue;
        }
        if (!(__atomic_load_n(&pcpus[c].kick, __ATOMIC_SEQ_CST) & KICK_STOP)) kick(c, KICK_STOP);
        kick_poll();            /* a fence another vCPU of this VM asked of this hart meanwhile */
    }
}

/* SBI SRST reboot: every vCPU of the VM off, payloads reloaded, vCPU 0 restarted at the entry. The first vCPU to ask
 * resets the VM; one that asks while a reset (or a stop) is under way parks. */
void vm_restart(u32 id)
{
    struct vm *vm = &vms[id];
    struct pcpu *pc = this_cpu();
    spin_lock(&vm->lock);
    if (vm->state != VM_RUNNING) {
        spin_unlock(&vm->lock);
        park();
    }
    vm->state = VM_RESETTING;
    spin_unlock(&vm->lock);
    __atomic_thread_fence(__ATOMIC_SEQ_CST);
    kprintf("shyper: vm %s restarting (SBI system reset)\n", vm->cfg->name);
    for (u32 v = 0; v < vm->cfg->vcpu_count; v++) {
        if (vm->core_of_vcpu[v] != pc->index) stop_vcpu(vm->core_of_vcpu[v]);
    }
    virtio_reset_vm(id);                            /* no vCPU of it runs now: the old run's lines, then its devices */
    vm->generation++;
    vplic_reset_vm(id);
    load_payloads(id);
    u32 c0 = vm->core_of_vcpu[0];
    pcpus[c0].start_entry = vm->cfg->entry_ipa;
    pcpus[c0].start_ctx = vm->cfg->dtb_ipa;
    spin_lock(&vm->lock);
    if (c0 != pc->index) pc->state = VCPU_OFF;
    vm->state = VM_RUNNING;
    pcpus[c0].state = VCPU_ON_PENDING;
    spin_unlock(&vm->lock);
    if (c0 == pc->index) reset_stack_and(enter_vcpu);
    kick(c0, KICK_START);
    park();
}

/* Guest hart_start of its own vCPU: 0, -4 (already on), -5 (start pending), -6 (the VM is being stopped or reset). */
int vcpu_power_on(u32 vm, u32 vcpu, u64 entry, u64 ctx)
{
    struct vm *v = &vms[vm];
    struct pcpu *t = &pcpus[v->core_of_vcpu[vcpu]];
    int r;
    spin_lock(&v->lock);
    u32 st = t->state;
    if (v->state != VM_RUNNING) r = -6;
    else if (st == VCPU_RUNNING) r = -4;
    else if (st == VCPU_ON_PENDING) r = -5;
    else {
        t->start_entry = entry;
        t->start_ctx = ctx;
        r = __atomic_compare_exchange_n(&t->state, &st, VCPU_ON_PENDING, 0, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST) ? 0 : -4;
    }
    spin_unlock(&v->lock);
    if (r == 0) kick(t->index, KICK_START);
    return r;
}

/* SBI HSM hart_stop of the calling vCPU (common/vcpu_off.c decides whether it is the last of its VM). */
void vcpu_power_off(void)
{
    struct pcpu *pc = this_cpu();
    if (vcpu_off_is_last()) vm_stop(pc->vm, 0, "hart_stop of its last vCPU");
    park();
}

/* A parked hart sleeps with interrupts off at HS (sstatus.SIE = 0); wfi still wakes on its software, external and
 * timer interrupts (console input, on the boot core, arrives while its vCPU is off too; so does its check for harts
 * that never arrived). A vCPU 0 waits here for the rest of its VM's harts at boot. */
static void park_loop(void)
{
    struct pcpu *pc = this_cpu();
    for (;;) {
        kick_poll();
        u64 sip = csr_read(CSR_SIP);
        if (sip & (1ul << IRQ_S_EXT)) plic_handle();
        if (sip & (1ul << IRQ_S_TIMER)) vtimer_fire();
        if (pc->state == VCPU_ON_PENDING && pc->vm != SHY_NO_VM && vms[pc->vm].state == VM_RUNNING
            && vm_harts_here(pc->vm)) enter_vcpu();
        __asm__ volatile("wfi");
    }
}

void park(void)
{
    struct pcpu *pc = this_cpu();
    csr_write(CSR_HVIP, 0);
    vtimer_set(~0ul);                               /* the guest's timer and its watchdog off */
    pc->line.len = 0;
    pc->fence = 0;
    u32 on = VCPU_RUNNING;
    __atomic_compare_exchange_n(&pc->state, &on, VCPU_OFF, 0, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
    reset_stack_and(park_loop);
}

/* A software interrupt from another core (or this one): what it asks. */
void kick_check(void)
{
    struct pcpu *pc = this_cpu();
    u32 k = __atomic_exchange_n(&pc->kick, 0, __ATOMIC_SEQ_CST);
    if (k & KICK_FENCE) {
        hfence_vvma_all();
        fence_i();
        __atomic_store_n(&pc->fence, 0, __ATOMIC_RELEASE);
    }
    if ((k & KICK_STOP) && pc->state == VCPU_RUNNING) {
        vuart_flush_vcpu();
        park();
    }
    if (k & KICK_VIRTIO) virtio_continue();
    /* KICK_START is seen by park_loop; KICK_VIRQ by virq_sync on the way back to the guest. */
}

/* In HS with interrupts off: take a pending software interrupt now. */
void kick_poll(void)
{
    if (csr_read(CSR_SIP) & (1ul << IRQ_S_SOFT)) {
        csr_clear(CSR_SIP, 1ul << IRQ_S_SOFT);
        kick_check();
    }
}

void enter_vcpu(void)
{
    struct pcpu *pc = this_cpu();
    struct vm *vm = &vms[pc->vm];
    u32 pending = VCPU_ON_PENDING;
    /* A vCPU pending in a VM that does not run yet (a restart's two stores, seen in the other order) stays pending for
     * park_loop: taken here and parked, it would be off for good (aarch64's vm_start hung so). */
    if (__atomic_load_n(&vm->state, __ATOMIC_SEQ_CST) != VM_RUNNING) park();
    if (!__atomic_compare_exchange_n(&pc->state, &pending, VCPU_RUNNING, 0, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST)) park();
    __atomic_fetch_and(&pc->kick, ~KICK_STOP, __ATOMIC_SEQ_CST);
    if (__atomic_load_n(&vm->state, __ATOMIC_SEQ_CST) != VM_RUNNING) park();
    u64 entry = pc->start_entry, ctx = pc->start_ctx;

    csr_write(CSR_HGATP, vm->hgatp);
    fence_i();                  /* its code may have been copied by another hart (a restart, or vCPU 0's at boot) */
    hfence_gvma_all();
    hfence_vvma_all();
    /* Exceptions the guest handles itself: misaligned fetch, illegal instruction, breakpoint, misaligned load and
     * store/AMO, its user ecalls, its own page faults. Guest-page faults, virtual instructions and its ecalls (SBI) come
     * here. A misaligned atomic (which OpenSBI cannot emulate and hands down) used to come here too, as an unknown trap
     * that stopped the VM: any of its user programs could. */
    csr_write(CSR_HEDELEG, (1ul << 0) | (1ul << 2) | (1ul << 3) | (1ul << 4) | (1ul << 6) | (1ul << 8) | (1ul << 12)
                           | (1ul << 13) | (1ul << 15));
    csr_write(CSR_HIDELEG, (1ul << IRQ_VS_SOFT) | (1ul << IRQ_VS_TIMER) | (1ul << IRQ_VS_EXT));
    /* Only the time counter: cycle and instret count the hypervisor's work too (a timing channel into it), so reading
     * them traps (virtual instruction) and reads zero (trap.c). */
    csr_write(CSR_HCOUNTEREN, 1ul << 1);
    csr_write(CSR_HENVCFG, has_sstc ? 1ul << 63 : 0);
    csr_write(CSR_HTIMEDELTA, 0);
    csr_write(CSR_HVIP, 0);
    csr_write(CSR_HGEIE, 0);
    if (has_sstc) vtimer_set(~0ul);                 /* the guest's timer and its watchdog off */
    csr_write(CSR_VSSTATUS, 0);
    csr_write(CSR_VSIE, 0);
    csr_write(CSR_VSTVEC, 0);
    csr_write(CSR_VSSCRATCH, 0);
    csr_write(CSR_VSATP, 0);
    pc->vssip = 0;
    pc->probe = 0;
    pc->line.len = 0;

    struct frame *f = (struct frame *)(pc->stack_top - sizeof(struct frame));
    memset(f, 0, sizeof(*f));
    f->pcpu = (u64)pc;
    f->x[4] = 0;
    f->x[10] = pc->vcpu;                /* a0: hart ID (the vCPU number), a1: DTB or hart_start's opaque */
    f->x[11] = ctx;
    f->sepc = entry;
    /* Back to VS-mode (SPV, SPP = S), interrupts off there (SPIE = 0); FS on at HS so the guest's FPU works. */
    f->sstatus = (csr_read(CSR_SSTATUS) & ~(SSTATUS_SPIE | SSTATUS_SIE)) | SSTATUS_SPP | SSTATUS_FS;
    f->hstatus = (csr_read(CSR_HSTATUS) & ~(HSTATUS_GVA | HSTATUS_HU | HSTATUS_VGEIN | HSTATUS_VTVM | HSTATUS_VTW | HSTATUS_VTSR))
                 | HSTATUS_SPV | HSTATUS_SPVP;
    virq_sync();
    run_frame(f);
}

void panic(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    console_lock();
    console_puts_locked("shyper: PANIC: ");
    kvprintf(fmt, ap);
    console_putc_locked('\n');
    console_unlock();
    va_end(ap);
    system_exit(99);
}

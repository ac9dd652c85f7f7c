/* VMs and vCPUs: one vCPU per physical core, started, stopped and restarted here. */
#include "rt.h"

struct vm vms[SHY_MAX_VMS];
struct pcpu pcpus[SHY_MAX_CPUS];

static spinlock_t stop_lock;
static u32 vms_stopped;
static u32 vms_waiting;                 /* VMs that wait for the management VM to start them (under stop_lock) */
static int exit_status;
static u8 spi_owners[1024];             /* VM id + 1 of each SPI's owner, 0 = nobody */

u32 spi_owner(u32 intid) { return intid < 1024 && spi_owners[intid] ? spi_owners[intid] - 1u : SHY_NO_VM; }

struct pcpu *this_cpu(void) { return (struct pcpu *)read_sysreg(tpidr_el2); }
struct vm *this_vm(void) { return &vms[this_cpu()->vm]; }

static void kick(u32 core, u32 what)
{
    __atomic_fetch_or(&pcpus[core].kick, what, __ATOMIC_SEQ_CST);
    dsb(ish);
    sev();
    gic_send_sgi(core, blob->ipi_sgi);
}

void kick_core(u32 core, u32 what) { kick(core, what); }
void kick_self(u32 what) { kick(this_cpu()->index, what); }

/* State changes of a VM and of its vCPUs (PSCI and faults, from any of its cores at once):
 *   VM:   RUNNING -> STOPPED (vm_stop) or RESETTING -> RUNNING (vm_restart), each taken under vm->lock and only
 *         from RUNNING: whoever comes first wins, a later SYSTEM_OFF, SYSTEM_RESET or fault of another vCPU of the
 *         same VM only parks that vCPU.
 *   vCPU: OFF -> ON_PENDING (CPU_ON, reset, boot; under vm->lock), ON_PENDING -> RUNNING (the core itself, on entry),
 *         RUNNING -> OFF (the core itself, park), ON_PENDING -> OFF (a reset withdrawing a CPU_ON).
 * No core ever waits with interrupts masked for another core that could be waiting for it. */

/* One more VM stopped (one that was counted as waiting, if `waited`); the machine powers off once every VM has. */
static void count_stopped(int status, int waited)
{
    spin_lock(&stop_lock);
    if (status > exit_status) exit_status = status;
    if (waited) vms_waiting--;
    u32 n = ++vms_stopped + vms_waiting;   /* a VM still waiting cannot start once every other has stopped */
    int st = exit_status;
    spin_unlock(&stop_lock);
    if (n == blob->vm_count) system_exit(st);
}

/* Marks a VM stopped and takes every other core of it out of the guest. The caller parks itself. */
void vm_stop(u32 id, int status, const char *why)
{
    struct vm *vm = &vms[id];
    spin_lock(&vm->lock);
    if (vm->state != VM_RUNNING) { spin_unlock(&vm->lock); return; }
    vm->state = VM_STOPPED;
    vm->status = status;
    spin_unlock(&vm->lock);
    /* Its interrupts go nowhere now: a level one left asserted must not keep its cores taking it. */
    for (u32 i = 32; i < 1024; i++) {
        if (vm->owned[i / 32] & (1u << (i % 32))) gic_spi_enable(i, 0);
    }
    kprintf("shyper: vm %s stopped: %s\n", vm->cfg->name, why);
    u32 me = this_cpu()->index;
    for (u32 v = 0; v < vm->cfg->vcpu_count; v++) {
        if (vm->core_of_vcpu[v] != me) kick(vm->core_of_vcpu[v], KICK_STOP);
    }
    count_stopped(status, 0);
}

/* A core of the VM was started but never arrived (main.c): its guest never ran (vCPU 0 waits for every core of its VM),
 * and it cannot, so it stops with status 3, as a fault would, whether its core had loaded it, it waits for the
 * management VM, or it is still VM_LOADING because the lost core is its vCPU 0's. */
void vm_lost(u32 id)
{
    struct vm *vm = &vms[id];
    spin_lock(&vm->lock);
    u32 st = vm->state;
    if (st == VM_RUNNING) {
        spin_unlock(&vm->lock);
        vm_stop(id, 3, "one of its cores never arrived");
        return;
    }
    if (st != VM_LOADING && st != VM_WAITING) { spin_unlock(&vm->lock); return; }
    vm->state = VM_STOPPED;
    vm->status = 3;
    spin_unlock(&vm->lock);
    kprintf("shyper: vm %s stopped: one of its cores never arrived\n", vm->cfg->name);
    count_stopped(3, (vm->cfg->flags & SHY_VM_FLAG_WAITING) != 0);
}

/* Copies a payload to its PA; into a coloured region (cache colouring) run by run of its pages, as stage 2 maps them
 * (p->pa is the PA of its first byte: blob_verify found it inside a RAM region of the VM). */
static void copy_payload(const struct shy_blob_vm *v, const struct shy_blob_payload *p)
{
    const u8 *src = (const u8 *)blob->load_address + p->offset;
    for (u32 k = 0; k < v->region_count; k++) {
        const struct shy_blob_region *r = blob_region(v->first_region + k);
        u64 off;
        if (!(r->flags & SHY_REGION_COLOURED) || !region_offset(v, r, p->pa, &off)) continue;
        for (u64 done = 0; done < p->size;) {
            u64 pa = region_pa(v, r, off + done), n = PAGE_SIZE - (pa & (PAGE_SIZE - 1));
            if (n > p->size - done) n = p->size - done;
            memcpy((void *)pa, src + done, n);
            dcache_clean_range(pa, n);
            done += n;
        }
        return;
    }
    memcpy((void *)p->pa, src, p->size);
    dcache_clean_range(p->pa, p->size);
}

static void load_payloads(u32 vm)
{
    for (u32 i = 0; i < blob->payload_count; i++) {
        const struct shy_blob_payload *p = blob_payload(i);
        if (p->vm == vm) copy_payload(blob_vm(vm), p);
    }
}

/* A VM's part of the boot core's set-up, for every VM before any other core runs: what other VMs' guests and cores may
 * read of it as soon as they run (its interrupts, doorbells, virtio devices, shared regions, whether it waits). Its
 * stage 2 and payloads are the core of its vCPU 0's to make (vm_load); until then it is VM_LOADING, which no doorbell
 * rings, no console input reaches and vm_start waits out. */
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
        u32 irq = blob_irq(vm->cfg->first_irq + i)->intid;
        if (irq >= 32 && irq < 1024) {
            vm->owned[irq / 32] |= 1u << (irq % 32);
            spi_owners[irq] = (u8)(id + 1);
        }
    }
    for (u32 i = 0; i < vm->cfg->region_count; i++) {
        const struct shy_blob_region *r = blob_region(vm->cfg->first_region + i);
        if (r->kind == SHY_REGION_VIRTIO && r->irq >= 32 && r->irq < 1024) vm->vspi[r->irq / 32] |= 1u << (r->irq % 32);
    }
    doorbell_init_vm(id);
    virtio_init_vm(id);         /* vgic_reset_vm runs on the core of its vCPU 0, once every core's GIC is up */
    vm_zero_shared(id);
    u32 wd_ms = vm->cfg->lifecycle >> SHY_LIFE_WATCHDOG_SHIFT;
    vm->wd_ticks = wd_ms ? read_sysreg(cntfrq_el0) * wd_ms / 1000 : 0;
    if (vm->cfg->flags & SHY_VM_FLAG_WAITING) {
        vms_waiting++;          /* counted now: the power-off rule may run before the VM is loaded */
        return;
    }
    pcpus[vm->core_of_vcpu[0]].start_entry = vm->cfg->entry_ipa;
    pcpus[vm->core_of_vcpu[0]].start_ctx = vm->cfg->dtb_ipa;
    pcpus[vm->core_of_vcpu[0]].state = VCPU_ON_PENDING;
}

/* On the core of the VM's vCPU 0, each VM's on its own core at once: its stage 2, its RAM zeroed when the blob asks,
 * its payloads copied. Its RAM and tables are its own (blob_verify), so no lock but the pool's; then it runs, or waits
 * for the management VM. */
void vm_load(u32 id)
{
    struct vm *vm = &vms[id];
    vm->vttbr = stage2_build(id);
    vm_zero_ram(id);            /* before the payloads; a restart keeps the VM's RAM */
    load_payloads(id);
    spin_lock(&vm->lock);
    if (vm->state == VM_LOADING)    /* not when it was given up meanwhile (vm_lost) */
        vm->state = (vm->cfg->flags & SHY_VM_FLAG_WAITING) ? VM_WAITING : VM_RUNNING;
    spin_unlock(&vm->lock);
#ifdef SHYPER_TEST_HOOKS
    /* The test build's core of a waiting VM goes on only once a start has made its vCPU pending (or after 1 s), as a
     * core the host preempted here would; vm_start then holds the VM back while the vCPU is pending (StartWhileLoadingTest). */
    for (u64 t = read_sysreg(cntpct_el0) + read_sysreg(cntfrq_el0); vm->state == VM_WAITING &&
         pcpus[vm->core_of_vcpu[0]].state != VCPU_ON_PENDING && read_sysreg(cntpct_el0) < t;) cpu_relax();
#endif
}

/* Takes a vCPU of a VM being reset out of the guest, and withdraws a CPU_ON it has not taken up yet. Its core leaves
 * the guest at its next interrupt; kick it again whenever it has consumed the last kick (it may have taken that one
 * just before entering the guest). */
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
    }
}

/* A full watchdog period from now: before a VM (re)starts, so that its timer, if it fires before vCPU 0 is entered and
 * arms it, finds no deadline passed. */
static void watchdog_defer(struct vm *vm)
{
    if (vm->wd_ticks) __atomic_store_n(&vm->wd_deadline, read_sysreg(cntpct_el0) + vm->wd_ticks, __ATOMIC_SEQ_CST);
}

/* SYSTEM_RESET: every vCPU of the VM off, payloads reloaded, vCPU 0 restarted at the entry. The first vCPU to ask
 * resets the VM; one that asks while a reset (or a stop) is under way parks: that reset restarts it anyway. (Two
 * vCPUs asking at once used to wait for each other to leave the guest, both with interrupts masked, forever.) */
void vm_restart(u32 id, const char *why)
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
    kprintf("shyper: vm %s restarting (%s)\n", vm->cfg->name, why);
    for (u32 v = 0; v < vm->cfg->vcpu_count; v++) {
        if (vm->core_of_vcpu[v] != pc->index) stop_vcpu(vm->core_of_vcpu[v]);
    }
    virtio_reset_vm(id);                            /* no vCPU of it runs now: the old run's lines, then its devices */
    vm->generation++;
    vgic_reset_vm(id);
    load_payloads(id);
    watchdog_defer(vm);
    u32 c0 = vm->core_of_vcpu[0];
    pcpus[c0].start_entry = vm->cfg->entry_ipa;
    pcpus[c0].start_ctx = vm->cfg->dtb_ipa;
    spin_lock(&vm->lock);
    if (c0 != pc->index) pc->state = VCPU_OFF;      /* before any vCPU runs again and could CPU_ON this one */
    vm->state = VM_RUNNING;
    pcpus[c0].state = VCPU_ON_PENDING;
    spin_unlock(&vm->lock);
    if (c0 == pc->index) reset_stack_and(enter_vcpu);
    kick(c0, KICK_START);
    park();
}

/* The policy for an event of a VM: its blob's two bits, or the default (0): SYSTEM_RESET restarts, the rest halt. */
static u32 life_policy(const struct shy_blob_vm *c, u32 event)
{
    u32 p = (c->lifecycle >> (2 * event)) & 3u;
    if (p == SHY_LIFE_DEFAULT) p = event == LIFE_RESET ? SHY_LIFE_RESTART : SHY_LIFE_HALT;
    return p;
}

/* A VM faulted (a stage-2 fault, a trap it cannot be given, an SError, its watchdog) or asked to power off or reset:
 * apply its policy. Halt: the VM stops (every core parked; the system powers off once every VM has stopped). Restart:
 * vm_restart. Stop the system: power off now, whatever the other VMs do. Called on a core of the VM (or the core of its
 * vCPU 0, for the watchdog), which never returns to what it was doing. */
void vm_event(u32 id, u32 event, int status, const char *why)
{
    struct vm *vm = &vms[id];
    u32 p = life_policy(vm->cfg, event);
    if (p == SHY_LIFE_RESTART) vm_restart(id, why);
    if (p == SHY_LIFE_STOP_SYSTEM) {
        spin_lock(&vm->lock);
        int first = vm->state == VM_RUNNING;
        if (first) vm->state = VM_STOPPED;
        spin_unlock(&vm->lock);
        if (first) {
            kprintf("shyper: vm %s stopped: %s; its policy stops the system\n", vm->cfg->name, why);
            trap_stats_print();
            kprintf("shyper: powering off (status %d)\n", status);
            machine_off(status);
        }
        park();                             /* another vCPU of the VM got there first */
    }
    vm_stop(id, status, why);
    park();
}

/* The management VM starts a VM that waits (SHY_VM_FLAG_WAITING): its payloads were loaded at boot (or are being
 * loaded, which takes its core a few ms: this waits), so its vCPU 0 is entered as at boot. 0, or -4 when the VM is not
 * waiting (started already). */
long vm_start(u32 id)
{
    struct vm *vm = &vms[id];
    u32 c0 = vm->core_of_vcpu[0];
    while (__atomic_load_n(&vm->state, __ATOMIC_SEQ_CST) == VM_LOADING) cpu_relax();     /* its core loads it */
    spin_lock(&vm->lock);
    if (vm->state != VM_WAITING) {
        spin_unlock(&vm->lock);
        return -4;
    }
    pcpus[c0].start_entry = vm->cfg->entry_ipa;
    pcpus[c0].start_ctx = vm->cfg->dtb_ipa;
    pcpus[c0].state = VCPU_ON_PENDING;
#ifdef SHYPER_TEST_HOOKS
    /* The test build makes the VM run only once its core has seen the vCPU pending (it takes it) or after 200 ms: with
     * vm_load's wait, that core looks in between in every run, not in 1 of ~150. */
    for (u64 t = read_sysreg(cntpct_el0) + read_sysreg(cntfrq_el0) / 5;
         pcpus[c0].state == VCPU_ON_PENDING && read_sysreg(cntpct_el0) < t;) cpu_relax();
#endif
    watchdog_defer(vm);
    vm->state = VM_RUNNING;
    spin_unlock(&vm->lock);
    spin_lock(&stop_lock);
    vms_waiting--;
    spin_unlock(&stop_lock);
    kprintf("shyper: vm %s started by the management VM\n", vm->cfg->name);
    kick(c0, KICK_START);
    return 0;
}

/* The watchdog of a VM runs on the EL2 physical timer of its vCPU 0's core: armed (a full period) whenever vCPU 0 is
 * entered, pushed back by each kick from any of its vCPUs (only the deadline moves; the timer, firing early, is set to
 * the deadline then). */
static void watchdog_arm(struct vm *vm)
{
    vm->wd_deadline = read_sysreg(cntpct_el0) + vm->wd_ticks;
    this_cpu()->wd_armed = 1;
    hyp_timer_program();
    hyp_timer_enable(1);
}

/* The EL2 physical timer of a core serves two: its VM's watchdog (on vCPU 0's core) and, on the boot core, the check
 * for started cores that never arrived (main.c). It is set to the earlier of their times; each looks at its own when
 * it fires. */
void hyp_timer_program(void)
{
    struct pcpu *pc = this_cpu();
    u64 t = ~0ul, a = arrival_deadline_here();
    if (pc->wd_armed) t = __atomic_load_n(&vms[pc->vm].wd_deadline, __ATOMIC_SEQ_CST);
    if (a && a < t) t = a;
    if (t != ~0ul) write_sysreg(cnthp_cval_el2, t);
    write_sysreg(cnthp_ctl_el2, t != ~0ul);
    isb();
}

static void watchdog_irq(void);

void hyp_timer_irq(void)
{
    arrivals_due();
    watchdog_irq();                     /* may apply the VM's policy and not return */
    hyp_timer_program();
}

/* 0, or NOT_SUPPORTED (-1) for a VM without a watchdog. */
long watchdog_kick(u32 id)
{
    struct vm *vm = &vms[id];
    if (!vm->wd_ticks) return -1;
    isb();
    __atomic_store_n(&vm->wd_deadline, read_sysreg(cntpct_el0) + vm->wd_ticks, __ATOMIC_SEQ_CST);
    return 0;
}

/* The EL2 physical timer fired on this core: the watchdog of its VM, if it runs and has not kicked by the deadline,
 * applies the VM's fault policy. */
static void watchdog_irq(void)
{
    struct pcpu *pc = this_cpu();
    struct vm *vm = pc->vm == SHY_NO_VM ? 0 : &vms[pc->vm];
    if (!pc->wd_armed) return;
    if (!vm || !vm->wd_ticks || pc->vcpu != 0 || vm->state != VM_RUNNING) {
        pc->wd_armed = 0;                   /* re-armed when vCPU 0 is entered again */
        return;
    }
    isb();
    u64 now = read_sysreg(cntpct_el0), deadline = __atomic_load_n(&vm->wd_deadline, __ATOMIC_SEQ_CST);
    if (now < deadline) return;         /* kicked meanwhile: hyp_timer_program sets the timer to the deadline */
    pc->wd_armed = 0;
    hyp_timer_program();
    vuart_flush_vm(pc->vm);
    kprintf("shyper: vm %s: watchdog expired (no kick for %lu ms)\n", vm->cfg->name,
            (u64)(vm->cfg->lifecycle >> SHY_LIFE_WATCHDOG_SHIFT));
    vm_event(pc->vm, LIFE_FAULT, 3, "watchdog expired");
}

/* Guest CPU_ON of its own vCPU: PSCI SUCCESS, ALREADY_ON, ON_PENDING, or INTERNAL_FAILURE while the VM is being
 * stopped or reset. Entry and context are set under the lock, so two CPU_ONs of one vCPU cannot mix theirs. */
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

/* PSCI CPU_OFF of the calling vCPU (common/vcpu_off.c decides whether it is the last of its VM). */
void vcpu_power_off(void)
{
    struct pcpu *pc = this_cpu();
    if (vcpu_off_is_last()) vm_event(pc->vm, LIFE_OFF, 0, "CPU_OFF of its last vCPU");
    park();
}

/* Interrupts stay masked but for a moment after each WFI: with them open, the kick that says "ON_PENDING" could be
 * taken between the check and the WFI, acknowledged, and leave the WFI nothing to end it; the vCPU a guest's CPU_ON
 * started would then wait for an unrelated interrupt. A pending interrupt ends a WFI even when it is masked. */
static void park_loop(void)
{
    struct pcpu *pc = this_cpu();
    write_sysreg(hcr_el2, (1ul << 31) | 0x38ul);   /* no guest; IMO/FMO/AMO so IRQs are taken at EL2 */
    write_sysreg(cntv_ctl_el0, 0);
    irq_mask();
    for (;;) {
        if (pc->state == VCPU_ON_PENDING && pc->vm != SHY_NO_VM && vms[pc->vm].state == VM_RUNNING) enter_vcpu();
        wfi();
        irq_unmask();
        isb();                                      /* the pending interrupt is taken here */
        irq_mask();
    }
}

void park(void)
{
    struct pcpu *pc = this_cpu();
    irq_mask();
    if (pc->vm != SHY_NO_VM) gic_vcpu_off();
    pc->line.len = 0;
    u32 on = VCPU_RUNNING;
    __atomic_compare_exchange_n(&pc->state, &on, VCPU_OFF, 0, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
    reset_stack_and(park_loop);
}

/* IPI from another core. */
void kick_check(void)
{
    struct pcpu *pc = this_cpu();
    u32 k = __atomic_exchange_n(&pc->kick, 0, __ATOMIC_SEQ_CST);
    if ((k & KICK_STOP) && pc->state == VCPU_RUNNING) {
        vuart_flush_vcpu();
        park();
    }
    if (k & KICK_VIRTIO) virtio_continue();
    /* KICK_START is seen by park_loop; KICK_SGI by vgic_flush on the way back to the guest. */
}

void enter_vcpu(void)
{
    struct pcpu *pc = this_cpu();
    struct vm *vm = &vms[pc->vm];
    u32 pending = VCPU_ON_PENDING;
    /* A vCPU made pending in a VM that does not run yet stays pending and waits in park_loop: vm_start publishes the
     * vCPU before the VM, and taking the vCPU here and parking it (RUNNING -> OFF) lost the start for good, the kick
     * that followed finding it off (a management VM's start of a VM its core had just loaded hung 1 boot in ~150). The
     * CPU_ON may have been withdrawn by a reset; a stop kick left from the vCPU's previous run is void; and a VM
     * stopped or being reset meanwhile is not entered. */
    if (__atomic_load_n(&vm->state, __ATOMIC_SEQ_CST) != VM_RUNNING) park();
    if (!__atomic_compare_exchange_n(&pc->state, &pending, VCPU_RUNNING, 0, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST)) park();
    __atomic_fetch_and(&pc->kick, ~KICK_STOP, __ATOMIC_SEQ_CST);
    if (__atomic_load_n(&vm->state, __ATOMIC_SEQ_CST) != VM_RUNNING) park();
    u64 entry = pc->start_entry, ctx = pc->start_ctx;

    /* RW, TSW, TACR, TIDCP, TSC, AMO, IMO, FMO, SWIO, VM: AArch64 guest under stage 2, SMC and set/way trapped, IRQs
     * to EL2; ACTLR_EL1 and the IMPLEMENTATION DEFINED registers (on Cortex-A5x/A7x also the cluster's L2 controls,
     * shared with other VMs' cores) trap and read as zero; ACTLR_EL2 = 0 gives EL1 no write access to them either. */
    write_sysreg(hcr_el2, (1ul << 31) | (1ul << 22) | (1ul << 21) | (1ul << 20) | (1ul << 19) | 0x3bul);
    write_sysreg(actlr_el2, 0);
    stage2_enable(vm->vttbr);
    write_sysreg(vpidr_el2, read_sysreg(midr_el1));
    write_sysreg(vmpidr_el2, 0x80000000ul | pc->vcpu);
    write_sysreg(cptr_el2, 0x33fful);
    /* PMU and debug registers trap to EL2, where they read as zero and ignore writes (trap.c): a guest can neither
     * count cycles spent at EL2 (a timing channel into the hypervisor and what it does for other VMs) nor program
     * the physical core's breakpoints, watchpoints, OS lock or debug channel. TDRA, TDOSA, TDA, TPM, TPMCR; HPMN
     * keeps the implemented counters (TDE stays 0: debug exceptions remain the guest's). */
    write_sysreg(mdcr_el2, (1ul << 11) | (1ul << 10) | (1ul << 9) | (1ul << 6) | (1ul << 5) | ((read_sysreg(pmcr_el0) >> 11) & 0x1f));
    write_sysreg(cnthctl_el2, 3);
    write_sysreg(cntvoff_el2, 0);
    write_sysreg(sctlr_el1, 0x30d00800ul);
    write_sysreg(vbar_el1, 0);
    write_sysreg(cntv_ctl_el0, 0);
    isb();
    gic_vcpu_on();
    if (pc->vcpu == 0 && vm->wd_ticks) watchdog_arm(vm);
    pc->probe = 0;
    pc->cond_probe = 0;
    pc->line.len = 0;

    if (!boot_stamps[BOOT_FIRST_GUEST]) {
        u64 zero = 0, t = read_sysreg(cntpct_el0);
        __atomic_compare_exchange_n(&boot_stamps[BOOT_FIRST_GUEST], &zero, t, 0, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
    }
    struct frame *f = (struct frame *)(pc->stack_top - sizeof(struct frame));
    memset(f, 0, sizeof(*f));
    f->x[0] = ctx;
    f->elr = entry;
    f->spsr = 0x3c5;                    /* EL1h, DAIF masked */
    vcpu_run_frame(f);
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

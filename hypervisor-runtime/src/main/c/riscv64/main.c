/* Boot on riscv64: OpenSBI enters the boot hart in HS-mode; check the blob, set up the VMs, start every hart that runs a
 * vCPU with SBI HSM; each VM's vCPU 0 hart loads it. */
#include "rt.h"

extern char _start[];
void primary_continue(void);

static u32 core_of_hart(u64 hart)
{
    for (u32 i = 0; i < blob->cpu_count; i++) {
        if (blob_cpu(i)->mpidr == hart) return i;
    }
    panic("this hart (ID %lu) is not in the board's cpu list", hart);
}

static u32 boot_core;

/* A started hart that never arrives (a firmware whose hart_start succeeded and started nothing; a board file naming a
 * hart the SoC does not start) used to hold every VM back for ever: each waited for every hart. Now a VM's vCPU 0
 * waits only for the harts of its own VM (vm_harts_here), and ARRIVAL_TIMEOUT_S after starting them the boot hart,
 * on its own timer (sbi.c), gives up every hart still on its way: it names it, and the hart's VM stops as if faulted
 * (status 3), so that the others still end the run by the power-off rule. A hart that arrives later finds itself given
 * up and stays idle. */
#define TIMEBASE_HZ 10000000ul          /* QEMU virt's: the blob does not carry a board's timebase-frequency */
static u64 arrival_deadline;            /* the boot hart's; 0 once it has looked */

u64 arrival_deadline_here(void) { return this_cpu()->index == boot_core ? arrival_deadline : 0; }

/* The boot hart's side of the one compare-and-swap on a started hart's arrival: 1 if it gave the hart up. */
static int give_up(u32 i)
{
    u32 started = ARRIVAL_STARTED;
    return __atomic_compare_exchange_n(&pcpus[i].arrival, &started, ARRIVAL_LOST, 0, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
}

void arrivals_due(void)
{
    if (this_cpu()->index != boot_core || !arrival_deadline || csr_read(CSR_TIME) < arrival_deadline) return;
    arrival_deadline = 0;
    for (u32 i = 0; i < blob->cpu_count; i++) {
        if (!give_up(i)) continue;
        kprintf("shyper: hart %lu (core %u) was started by SBI HSM hart_start but has not arrived after %u s\n",
                pcpus[i].hart, i, ARRIVAL_TIMEOUT_S);
        vm_lost(pcpus[i].vm);
    }
}

/* Its vCPU 0 enters only then: a guest's hart_start of a vCPU whose hart never came would succeed and never run. */
int vm_harts_here(u32 vm)
{
    const struct vm *v = &vms[vm];
    for (u32 i = 0; i < v->cfg->vcpu_count; i++) {
        if (__atomic_load_n(&pcpus[v->core_of_vcpu[i]].arrival, __ATOMIC_SEQ_CST) != ARRIVAL_HERE) return 0;
    }
    return 1;
}

/* A hart that comes after the boot hart gave it up: its VM has stopped without it. */
static void __attribute__((noreturn)) park_lost(void)
{
    kprintf("shyper: hart %lu (core %u) arrived after it was given up; it stays idle\n", this_cpu()->hart,
            this_cpu()->index);
    csr_write(CSR_SIE, 0);
    for (;;) __asm__ volatile("wfi");
}

/* A started hart's side of the compare-and-swap. The last of its VM to arrive wakes the VM's vCPU 0 hart, which
 * waits in park_loop for it (or sees it itself, if it is that hart). */
static void arrive(struct pcpu *pc)
{
    u32 started = ARRIVAL_STARTED;
    if (!__atomic_compare_exchange_n(&pc->arrival, &started, ARRIVAL_HERE, 0, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST))
        park_lost();
    if (pc->vm == SHY_NO_VM || !vm_harts_here(pc->vm)) return;
    u32 first = vms[pc->vm].core_of_vcpu[0];
    if (first != pc->index) kick_core(first, KICK_START);
}

/* Each VM is loaded by the hart of its vCPU 0 (vm_load), the VMs at once, each into its own RAM and table (blob_verify
 * found them disjoint): loaded one after the other on the boot hart, they held every guest back for the others' G-stage
 * tables, RAM zeroing and payloads. A hart arrives once its PLIC context is set up, then loads; vCPU 0 enters its
 * guest once its own VM is loaded and every hart of that VM has arrived, whatever other VMs' harts do. The boot hart
 * loads its own VM after it has started the others, unlike aarch64's boot core: under QEMU on two host CPUs that was
 * the faster order here (bench/README.md, "riscv64: each VM loaded by its own hart"). */
static void core_start(void)
{
    struct pcpu *pc = this_cpu();
    plic_init_cpu();
    if (pc->index != boot_core) arrive(pc);
    vtimer_set(~0ul);                   /* no guest timer yet; on the boot hart, the arrival check (sbi.c) */
    if (pc->vm != SHY_NO_VM && pc->vcpu == 0 && vms[pc->vm].state == VM_LOADING) vm_load(pc->vm);
    if (pc->state == VCPU_ON_PENDING && vm_harts_here(pc->vm)) enter_vcpu();
    park();                             /* park_loop enters vCPU 0 once the rest of its VM has arrived */
}

/* Sstc: does stimecmp exist? A guarded read (trap_hs skips it if it traps). */
static int probe_sstc(void)
{
    struct pcpu *pc = this_cpu();
    pc->fault_hit = 0;
    pc->fault_expected = 1;
    (void)csr_read(CSR_STIMECMP);
    pc->fault_expected = 0;
    return !pc->fault_hit;
}

/* Starts board core i with SBI HSM. A start the firmware refuses gives the hart up at once, as the timeout would. */
static void start_hart(u32 i)
{
    u64 hart = pcpus[i].hart;
    /* A hart that entered _start on its own (boot.S) waits for this word, whatever HSM answers: OpenSBI may report it
     * already started (-6), or count it as stopped and report the start as done while the hart spins in boot.S and
     * never takes the start (a hang after the banner under a loaded host, twice). */
    if (hart < LATE_HARTS) {
        mb();
        late_go[hart] = pcpus[i].stack_top;
        mb();
    }
    struct sbiret r = sbi_call(EXT_HSM, 0, hart, (u64)secondary_entry, pcpus[i].stack_top);
    if (!r.error || (r.error == -6 && hart < LATE_HARTS)) return;  /* -6: already started, it entered _start too */
    if (!give_up(i)) return;            /* it came through late_go meanwhile */
    kprintf("shyper: hart %lu (core %u) was not started: SBI HSM hart_start failed (%ld)\n", hart, i, r.error);
    vm_lost(pcpus[i].vm);
}

void primary_main(u64 hart)
{
    if (blob_check(__blob_start)) {
        kprintf("shyper: cannot start without a valid config blob; powering off (status 2)\n");
        machine_off(2);
    }
    const struct shy_blob_header *h = blob;
    pool_init(h->load_address + h->image_size, h->reserve_base + h->reserve_size);
    console_enable_lock();
    u32 me = core_of_hart(hart);
    boot_core = me;
    for (u32 i = 0; i < h->cpu_count; i++) {
        const struct shy_blob_cpu *c = blob_cpu(i);
        pcpus[i].index = i;
        pcpus[i].hart = c->mpidr;
        pcpus[i].vm = c->vm;
        pcpus[i].vcpu = c->vcpu;
        pcpus[i].state = VCPU_OFF;
    }
    __asm__ volatile("mv tp, %0" : : "r"(&pcpus[me]));
    has_sstc = probe_sstc();
    kprintf("shyper: system %s, %u VMs on %u harts, runtime %u KiB at 0x%lx (riscv64, %s)\n", h->system, h->vm_count,
            h->cpu_count, (u32)(((u64)__blob_start - (u64)_start) / 1024), (u64)_start,
            has_sstc ? "Sstc timer" : "timer through SBI");
    /* Stacks live in the pool, not in the image: only cores that run something get one. */
    for (u32 i = 0; i < h->cpu_count; i++) {
        if (i != me && pcpus[i].vm == SHY_NO_VM) continue;
        pcpus[i].stack_top = (u64)pool_alloc(STACK_SIZE, PAGE_SIZE) + STACK_SIZE;
    }
    for (u32 v = 0; v < h->vm_count; v++) vm_setup(v);
    plic_init();
    for (u32 v = 0; v < h->vm_count; v++) vplic_reset_vm(v);
    for (u32 i = 0; i < h->cpu_count; i++) {
        if (i != me && pcpus[i].vm != SHY_NO_VM) pcpus[i].arrival = ARRIVAL_STARTED;
    }
    pcpus[me].arrival = ARRIVAL_HERE;
    mb();
    for (u32 i = 0; i < h->cpu_count; i++) {
        if (i != me && pcpus[i].vm != SHY_NO_VM) start_hart(i);
    }
    arrival_deadline = csr_read(CSR_TIME) + ARRIVAL_TIMEOUT_S * TIMEBASE_HZ;
    reset_stack_and(primary_continue);
}

void primary_continue(void)
{
    if (virtio_input_init()) plic_console_on();
    core_start();
}

void secondary_main(u64 hart)
{
    u32 index = core_of_hart(hart);
    __asm__ volatile("mv tp, %0" : : "r"(&pcpus[index]));
    core_start();
}

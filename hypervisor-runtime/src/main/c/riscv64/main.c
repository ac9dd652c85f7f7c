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

/* Cores that run vCPUs (and the boot core) meet here once their PLIC context is set up. */
static volatile u32 cores_ready, cores_expected;
static volatile u64 cores_arrived;                /* bit i: core i is here (for the message below) */
static u32 boot_core;

/* A hart that never arrives would hang the machine silently: after a few seconds the boot core names it, once. */
static void await_cores(int boot)
{
    u64 since = csr_read(CSR_TIME);
    int told = 0;
    while (cores_ready < cores_expected) {
        if (!told && boot && csr_read(CSR_TIME) - since > 50000000ull) { /* 5 s at QEMU virt's 10 MHz */
            told = 1;
            for (u32 i = 0; i < blob->cpu_count && i < 64; i++) {
                if (pcpus[i].vm != SHY_NO_VM && !(cores_arrived & (1ull << i)))
                    kprintf("shyper: hart %lu was started but has not arrived; its vCPU cannot run yet\n", pcpus[i].hart);
            }
        }
    }
}

/* Each VM is loaded by the hart of its vCPU 0 (vm_load), the VMs at once, each into its own RAM and table (blob_verify
 * found them disjoint): loaded one after the other on the boot hart, they held every guest back for the others' G-stage
 * tables, RAM zeroing and payloads. A hart loads after it has arrived, so that no VM waits in await_cores for another's
 * load, and enters its guest once its own VM is loaded and every hart has arrived. The boot hart loads its own VM after
 * it has started the others, unlike aarch64's boot core: under QEMU on two host CPUs that was the faster order here
 * (bench/README.md, "riscv64: each VM loaded by its own hart"). */
static void core_start(void)
{
    plic_init_cpu();
    struct pcpu *me = this_cpu();
    if (me->index < 64) __atomic_or_fetch(&cores_arrived, 1ull << me->index, __ATOMIC_SEQ_CST);
    __atomic_add_fetch(&cores_ready, 1, __ATOMIC_SEQ_CST);
    if (me->vm != SHY_NO_VM && me->vcpu == 0) vm_load(me->vm);
    await_cores(me == &pcpus[boot_core]);
    struct pcpu *pc = this_cpu();
    if (pc->state == VCPU_ON_PENDING) enter_vcpu();
    park();
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
    cores_expected = 1;
    for (u32 i = 0; i < h->cpu_count; i++) {
        if (i != me && pcpus[i].vm != SHY_NO_VM) cores_expected++;
    }
    mb();
    for (u32 i = 0; i < h->cpu_count; i++) {
        if (i == me || pcpus[i].vm == SHY_NO_VM) continue;
        /* A hart that entered _start on its own (boot.S) waits for this word, whatever HSM answers: OpenSBI may
         * report it already started (-6), or count it as stopped and report the start as done while the hart spins
         * in boot.S and never takes the start (a hang after the banner under a loaded host, twice). */
        if (pcpus[i].hart < LATE_HARTS) {
            mb();
            late_go[pcpus[i].hart] = pcpus[i].stack_top;
            mb();
        }
        struct sbiret r = sbi_call(0x48534du, 0, pcpus[i].hart, (u64)secondary_entry, pcpus[i].stack_top);
        if (r.error == -6 && pcpus[i].hart < LATE_HARTS) continue; /* already started: it entered _start too */
        if (r.error) panic("SBI HSM hart_start of hart %lu failed (%ld)", pcpus[i].hart, r.error);
    }
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

/* Boot: check the blob, map EL2, set up the VMs, start every core that runs a vCPU; each VM's vCPU 0 core loads it. */
#include "rt.h"

extern char _start[];
void primary_continue(void);

static u32 core_of_mpidr(u64 mpidr)
{
    mpidr &= 0xff00fffffful;
    for (u32 i = 0; i < blob->cpu_count; i++) {
        if ((blob_cpu(i)->mpidr & 0xff00fffffful) == mpidr) return i;
    }
    panic("this core (MPIDR 0x%lx) is not in the board's cpu list", mpidr);
}

/* Cores released from a spin table find their stack here by MPIDR affinity: { affinity, stack top } (boot.S). */
u64 spin_boot[SPIN_BOOT_SLOTS][2];
_Static_assert(SPIN_BOOT_SLOTS == SHY_MAX_CPUS, "asm.h SPIN_BOOT_SLOTS");

/* Starts board core i at secondary_entry on its stack: PSCI CPU_ON, or the firmware's spin table (write the entry to
 * the core's release word, clean it to memory, where the waiting core reads it with its caches off, and wake it). */
static void start_core(u32 i)
{
    const struct shy_blob_cpu *c = blob_cpu(i);
    if (c->start == SHY_CPU_START_SPIN_TABLE) {
        *(volatile u64 *)c->release_addr = (u64)spin_entry;
        dcache_clean_range(c->release_addr, 8);
        dsb(sy);
        __asm__ volatile("sev");
        return;
    }
    long r = (long)smc_call(0xc4000003u, c->mpidr, (u64)secondary_entry, core_entry_stack(pcpus[i].stack_top));
    if (r != 0) panic("PSCI CPU_ON of core %u failed (%d)", i, (int)r);
}

u64 boot_stamps[BOOT_STAMPS];
static u64 now(void) { isb(); return read_sysreg(cntpct_el0); }

/* vCPU 0's core waits here until every core of its VM has its GIC interface up, so that its guest routes no interrupt
 * to, and signals no, core of its VM whose interface number is not known yet; it does not wait for other VMs' cores
 * (their start-up used to hold every VM's first instruction back). The VM's other cores wait for nothing: their vCPUs
 * are off until the guest's CPU_ON, which comes after vCPU 0 has started. vCPU 0's core sleeps in WFI, interrupts
 * masked, and the last of its VM's cores to come up wakes it with the hypervisor's IPI, which it takes at EL2 (IRQs
 * unmasked only between a WFI and the next check, so an IPI that comes after a check ends the next WFI at once): it
 * used to stay pending and take the guest out again at its first instruction. A WFE here spun, since QEMU's TCG
 * implements WFE as a yield, and a spinning vCPU took a host CPU from the cores still booting. */
static volatile u32 cores_ready, boot_core;

static u32 cores_of_vm(u32 vm)
{
    u32 m = 0;
    for (u32 i = 0; i < blob->cpu_count; i++) if (pcpus[i].vm == vm) m |= 1u << i;
    return m;
}

/* Each VM is loaded by the core of its vCPU 0 (vm_load), the VMs at once, each into its own RAM and tables (blob_verify
 * found them disjoint): loaded one after the other on the boot core, they held every guest back for the others' stage 2
 * and payloads. The boot core releases the other cores before it loads its own VM: loading a Linux VM first (its RAM
 * zeroed, 30 MB of kernel and initramfs copied) held a real-time VM beside it back by that much. The last VM loaded
 * stamps the boot line. */
static volatile u32 vms_loaded;

static void load_vm(u32 vm)
{
    vm_load(vm);
    if (__atomic_add_fetch(&vms_loaded, 1, __ATOMIC_SEQ_CST) == blob->vm_count) boot_stamps[BOOT_VMS_LOADED] = now();
}

/* A started core that never arrives (a spin-table board file with a wrong release address for it; a firmware whose
 * CPU_ON succeeded and started nothing) used to leave its VM unloaded, or its vCPU 0 asleep waiting for it, for ever,
 * without a word. ARRIVAL_TIMEOUT_S after releasing the cores, on its EL2 physical timer, the boot core gives up every
 * core still on its way: it names it, and the core's VM stops as if faulted (status 3), so that the others still end
 * the run by the power-off rule. A core that arrives later finds itself given up and parks. */
static u64 arrival_deadline;            /* the boot core's; 0 once it has looked */

u64 arrival_deadline_here(void) { return this_cpu()->index == boot_core ? arrival_deadline : 0; }

void arrivals_due(void)
{
    if (this_cpu()->index != boot_core || !arrival_deadline || now() < arrival_deadline) return;
    arrival_deadline = 0;
    for (u32 i = 0; i < blob->cpu_count; i++) {
        u32 started = ARRIVAL_STARTED;
        if (!__atomic_compare_exchange_n(&pcpus[i].arrival, &started, ARRIVAL_LOST, 0, __ATOMIC_SEQ_CST,
                                         __ATOMIC_SEQ_CST)) continue;
        const struct shy_blob_cpu *c = blob_cpu(i);
        if (c->start == SHY_CPU_START_SPIN_TABLE)
            kprintf("shyper: core %u (MPIDR 0x%lx) was released from its spin table at 0x%lx but has not arrived after "
                    "%u s; is that its release address?\n", i, c->mpidr, c->release_addr, ARRIVAL_TIMEOUT_S);
        else
            kprintf("shyper: core %u (MPIDR 0x%lx) was started by PSCI CPU_ON but has not arrived after %u s\n", i,
                    c->mpidr, ARRIVAL_TIMEOUT_S);
        vm_lost(pcpus[i].vm);
    }
}

/* A core that comes after the boot core gave it up: its VM has stopped without it, and its GIC interface is not set up. */
static void __attribute__((noreturn)) park_lost(void)
{
    kprintf("shyper: core %u arrived after it was given up; it stays idle\n", this_cpu()->index);
    irq_mask();
    for (;;) wfi();
}

static void core_start(void)
{
    struct pcpu *pc = this_cpu();
    if (pc->index != boot_core) {
        u32 started = ARRIVAL_STARTED;
        if (!__atomic_compare_exchange_n(&pc->arrival, &started, ARRIVAL_HERE, 0, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST))
            park_lost();                /* given up by the boot core: its VM has stopped without it */
        gic_init_cpu();
    } else {
        hyp_timer_program();            /* the arrival check; its interrupt once this core's interface is up */
        hyp_timer_enable(1);
    }
    u32 me = 1u << pc->index;
    u32 ready = __atomic_fetch_or(&cores_ready, me, __ATOMIC_SEQ_CST) | me;
    dsb(ish);
    /* Another VM's core may have kicked this one (console input, a stop) before its interface number was known, and the
     * IPI went nowhere: the flag is set, so take the IPI now (both sides order flag and interface number by a dsb). */
    if (__atomic_load_n(&pc->kick, __ATOMIC_SEQ_CST)) gic_send_sgi(pc->index, blob->ipi_sgi);
    if (pc->vm != SHY_NO_VM) {
        u32 need = cores_of_vm(pc->vm), first = vms[pc->vm].core_of_vcpu[0];
        if (pc->vcpu == 0) {
            if (pc->index != boot_core) load_vm(pc->vm);  /* while its VM's other cores come up */
            if ((__atomic_load_n(&cores_ready, __ATOMIC_SEQ_CST) & need) != need) {
                write_sysreg(hcr_el2, (1ul << 31) | 0x38ul);    /* no guest yet: IRQs to EL2 (IMO, FMO, AMO) */
                isb();
            }
            while ((__atomic_load_n(&cores_ready, __ATOMIC_SEQ_CST) & need) != need &&
                   __atomic_load_n(&vms[pc->vm].state, __ATOMIC_SEQ_CST) != VM_STOPPED) {   /* vm_lost */
                wfi();
                irq_unmask();
                isb();
                irq_mask();
            }
        } else if ((ready & need) == need) {
            /* the last of the VM's cores: vCPU 0's core, up before it (its bit is in `ready`), may be asleep */
            gic_send_sgi(first, blob->ipi_sgi);
        }
    }
    /* Every core of the VM has its interface number: route the VM's SPIs to its vCPU 0, before it runs. */
    if (pc->vm != SHY_NO_VM && pc->vcpu == 0 && vms[pc->vm].state != VM_STOPPED) vgic_reset_vm(pc->vm);
    if (pc->state == VCPU_ON_PENDING) enter_vcpu();
    park();
}

/* A boot loader (U-Boot's `go`) may jump here with its EL2 MMU and caches on, its tables and MAIR in force:
 * write the image back to memory and turn them off, so that boot continues as from a cold start. */
static void leave_loader_mmu(void)
{
    u64 sctlr = read_sysreg(sctlr_el2);
    if (!(sctlr & 1)) return;
    const struct shy_blob_header *h = (const void *)__blob_start;
    u64 size = (u64)__blob_start - (u64)_start + PAGE_SIZE;
    if (h->magic == SHY_BLOB_MAGIC && h->image_size > size && h->image_size < (1ul << 30)) size = h->image_size;
    dcache_clean_inval_range((u64)_start, size);
    write_sysreg(sctlr_el2, sctlr & ~(1ul | (1ul << 2) | (1ul << 12)));
    isb();
    /* The loader's other dirty lines (its buffers next to our page-table pool) must not be evicted later. */
    dcache_clean_inval_all();
    __asm__ volatile("tlbi alle2; dsb ish; ic iallu; dsb ish; isb" ::: "memory");
}

void primary_main(void)
{
    boot_stamps[BOOT_ENTRY] = now();
    leave_loader_mmu();
    if (blob_check(__blob_start)) {
        kprintf("shyper: cannot start without a valid config blob; powering off (status 2)\n");
        machine_off(2);
    }
    boot_stamps[BOOT_BLOB_CHECKED] = now();
    const struct shy_blob_header *h = blob;
    pool_init(h->load_address + h->image_size, h->reserve_base + h->reserve_size);
    el2_mmu_on();
    console_enable_lock();
    boot_stamps[BOOT_EL2_MMU] = now();

    u32 me = core_of_mpidr(read_sysreg(mpidr_el1));
    for (u32 i = 0; i < h->cpu_count; i++) {
        const struct shy_blob_cpu *c = blob_cpu(i);
        pcpus[i].index = i;
        pcpus[i].vm = c->vm;
        pcpus[i].vcpu = c->vcpu;
        pcpus[i].state = VCPU_OFF;
    }
    write_sysreg(tpidr_el2, (u64)&pcpus[me]);
    boot_core = me;
    /* Stacks live in the pool, not in the image: only cores that run something get one. */
    for (u32 i = 0; i < h->cpu_count; i++) {
        if (i != me && pcpus[i].vm == SHY_NO_VM) continue;
        u64 base = (u64)pool_alloc(STACK_SIZE);
        pcpus[i].stack_top = base + STACK_SIZE;
        dcache_clean_inval_range(base, STACK_SIZE);    /* used with the MMU off first */
    }
    for (u32 v = 0; v < h->vm_count; v++) vm_setup(v);
    gic_init_dist();
    for (u32 i = 0; i < SPIN_BOOT_SLOTS; i++) {
        int used = i < h->cpu_count && i != me && pcpus[i].vm != SHY_NO_VM;
        spin_boot[i][0] = used ? blob_cpu(i)->mpidr & 0xff00fffffful : ~0ul;
        spin_boot[i][1] = used ? pcpus[i].stack_top : 0;
    }
    for (u32 i = 0; i < h->cpu_count; i++) {
        if (i != me && pcpus[i].vm != SHY_NO_VM) pcpus[i].arrival = ARRIVAL_STARTED;
    }
    /* Secondaries read this with their MMU still off. */
    dcache_clean_range((u64)__bss_start, (u64)__bss_end - (u64)__bss_start);
    for (u32 i = 0; i < h->cpu_count; i++) {
        if (i != me && pcpus[i].vm != SHY_NO_VM) start_core(i);
    }
    boot_stamps[BOOT_CORES_RELEASED] = now();
    arrival_deadline = boot_stamps[BOOT_CORES_RELEASED] + read_sysreg(cntfrq_el0) * ARRIVAL_TIMEOUT_S;
    if (pcpus[me].vm != SHY_NO_VM && pcpus[me].vcpu == 0) load_vm(pcpus[me].vm);
    /* The banner once the other cores run: printing is slow (two device accesses a character), and their guests need
     * not wait for it. */
    kprintf("shyper: system %s, %u VMs on %u cores, runtime %u KiB at 0x%lx\n", h->system, h->vm_count,
            h->cpu_count, (u32)(((u64)__blob_start - (u64)_start) / 1024), (u64)_start);
    reset_stack_and(primary_continue);
}

void primary_continue(void)
{
    gic_init_cpu();
    if (virtio_input_init()) gic_console_irq_on();
    core_start();
}

void secondary_main(void)
{
    u32 index = core_of_mpidr(read_sysreg(mpidr_el1));
    write_sysreg(tpidr_el2, (u64)&pcpus[index]);
    mmu_enable_el2();
    reset_stack_and(core_start);        /* onto its own stack (it started on core_entry_stack's) */
}

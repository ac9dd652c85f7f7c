/* PSCI: calls to the firmware (SMC conduit) and the emulation guests see (SMC or HVC). */
#include "rt.h"

#define PSCI_VERSION        0x84000000u
#define PSCI_CPU_SUSPEND    0x84000001u
#define PSCI_CPU_OFF        0x84000002u
#define PSCI_CPU_ON         0x84000003u
#define PSCI_AFFINITY_INFO  0x84000004u
#define PSCI_MIGRATE_INFO   0x84000006u
#define PSCI_SYSTEM_OFF     0x84000008u
#define PSCI_SYSTEM_RESET   0x84000009u
#define PSCI_FEATURES       0x8400000au
#define PSCI_64BIT          0x40000000u

#define PSCI_SUCCESS        0
#define PSCI_NOT_SUPPORTED  (-1l)
#define PSCI_INVALID        (-2l)
#define PSCI_ALREADY_ON     (-4l)

/* Lifecycle hypercalls, in every build: SMCCC vendor-specific hypervisor service calls 0xc6000010-0xc600001f (HVC
 * only), documented in docs/runtime.md ("VM lifecycle"). Return values are SMCCC/PSCI's: NOT_SUPPORTED -1,
 * INVALID_PARAMETERS -2, DENIED -3, and -4 (as PSCI's ALREADY_ON) for a VM that is not waiting. */
#define SHY_HVC_VM_START    0xc6000010u     /* x1 = VM id: start that waiting VM (the management VM only) */
#define SHY_HVC_WDOG_KICK   0xc6000011u     /* push this VM's watchdog deadline a period ahead */

static long lifecycle_call(struct frame *f, u32 fid)
{
    struct pcpu *pc = this_cpu();
    switch (fid) {
    case SHY_HVC_VM_START:
        if (!(vms[pc->vm].cfg->flags & SHY_VM_FLAG_MANAGEMENT)) return -3;
        if (f->x[1] >= blob->vm_count) return -2;
        return vm_start((u32)f->x[1]);
    case SHY_HVC_WDOG_KICK: return watchdog_kick(pc->vm);
    default: return PSCI_NOT_SUPPORTED;
    }
}

#ifdef SHYPER_TEST_HOOKS
/* Test facilities on the vendor-specific hypervisor range (HVC only), documented in docs/runtime.md. Only the test
 * build of the runtime (shyper-runtime-test.elf) has them; in the production build these calls are NOT_SUPPORTED. */
#define SHY_HVC_PROBE       0xc6000001u     /* next stage-2 fault: inject an abort instead of stopping the VM */
#define SHY_HVC_SETWAY      0xc6000002u     /* returns this vCPU's count of trapped set/way operations */
#define SHY_HVC_EXIT        0xc6000003u     /* stop this VM with status x1 */
#define SHY_HVC_MMIO_TRAPS  0xc6000004u     /* returns this vCPU's count of emulated MMIO accesses */
#define SHY_HVC_COND_PROBE  0xc6000005u     /* next AArch32 trap with a condition: flags x1, condition x2 (16: none) */

static long test_hook(struct frame *f, u32 fid)
{
    struct pcpu *pc = this_cpu();
    switch (fid) {
    case SHY_HVC_PROBE: pc->probe = 1; return 0;
    case SHY_HVC_SETWAY: return (long)pc->setway_traps;
    case SHY_HVC_MMIO_TRAPS: return (long)pc->mmio_traps;
    case SHY_HVC_COND_PROBE:
        if (f->x[1] > 15 || f->x[2] > 16) return -2;
        pc->cond_probe = (1u << 31) | (u32)(f->x[1] << 8) | (u32)f->x[2];
        return 0;
    case SHY_HVC_EXIT:
        vuart_flush_vm(pc->vm);
        vm_stop(pc->vm, (int)f->x[1], "it asked to exit");
        park();
    default: return PSCI_NOT_SUPPORTED;
    }
}
#endif

/* Powers off with a status (machine_off, in lib.c). */
void system_exit(int status)
{
    trap_stats_print();
    boot_stamps_print();
    kprintf("shyper: every VM has stopped, powering off (status %d)\n", status);
    machine_off(status);
}

void psci_guest(struct frame *f, int is_hvc)
{
    struct pcpu *pc = this_cpu();
    struct vm *vm = this_vm();
    u32 fid = (u32)f->x[0];
    long ret = PSCI_NOT_SUPPORTED;
    u32 base = fid & ~PSCI_64BIT;

    if (is_hvc && (fid & ~0xfu) == 0xc6000010u) {
        f->x[0] = (u64)lifecycle_call(f, fid);
        return;
    }
    if (is_hvc && (fid & ~0xfu) == 0xc6000020u) {       /* doorbells (issue 13), in every build */
        f->x[0] = (u64)doorbell_hvc(f, fid);
        return;
    }
#ifdef SHYPER_TEST_HOOKS
    if (is_hvc && (fid & 0xff000000u) == 0xc6000000u) {
        f->x[0] = (u64)test_hook(f, fid);
        return;
    }
#endif
    switch (base) {
    case PSCI_VERSION: ret = 0x10000; break;        /* PSCI 1.0 */
    case PSCI_CPU_ON: {
        u64 mpidr = f->x[1];
        u32 vcpu = (u32)(mpidr & 0xff);
        /* Only this VM's own vCPUs exist for it: virtual MPIDR Aff0 = vCPU number. */
        if ((mpidr & 0xff00ffff00ul) || vcpu >= vm->cfg->vcpu_count) ret = PSCI_INVALID;
        else ret = vcpu_power_on(pc->vm, vcpu, f->x[2], f->x[3]);
        break;
    }
    case PSCI_CPU_OFF: vcpu_power_off();
    case PSCI_AFFINITY_INFO: {
        u32 vcpu = (u32)(f->x[1] & 0xff);
        if ((f->x[1] & 0xff00ffff00ul) || vcpu >= vm->cfg->vcpu_count) ret = PSCI_INVALID;
        else {
            u32 st = pcpus[vm->core_of_vcpu[vcpu]].state;
            ret = st == VCPU_RUNNING ? 0 : st == VCPU_ON_PENDING ? 2 : 1;      /* ON, ON_PENDING, OFF */
        }
        break;
    }
    case PSCI_CPU_SUSPEND: ret = 0; break;         /* returns at once: PSCI allows an early wake-up */
    case PSCI_MIGRATE_INFO: ret = 2; break;        /* no trusted OS */
    case PSCI_SYSTEM_OFF:
        vuart_flush_vm(pc->vm);
        vm_event(pc->vm, LIFE_OFF, 0, "SYSTEM_OFF");
    case PSCI_SYSTEM_RESET:
        vuart_flush_vm(pc->vm);
        vm_event(pc->vm, LIFE_RESET, 0, "SYSTEM_RESET");
    case PSCI_FEATURES: {
        u32 q = (u32)f->x[1] & ~PSCI_64BIT;
        ret = (q == PSCI_VERSION || q == PSCI_CPU_SUSPEND || q == PSCI_CPU_ON || q == PSCI_CPU_OFF || q == PSCI_AFFINITY_INFO
               || q == PSCI_SYSTEM_OFF || q == PSCI_SYSTEM_RESET || q == PSCI_FEATURES || q == PSCI_MIGRATE_INFO)
              ? 0 : PSCI_NOT_SUPPORTED;
        break;
    }
    default:
        ret = PSCI_NOT_SUPPORTED;
        break;
    }
    f->x[0] = (u64)ret;
}

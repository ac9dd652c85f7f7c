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

#ifdef SHYPER_TEST_HOOKS
/* Test facilities on the vendor-specific hypervisor range (HVC only), documented in docs/runtime.md. Only the test
 * build of the runtime (shyper-runtime-test.elf) has them; in the production build these calls are NOT_SUPPORTED. */
#define SHY_HVC_PROBE       0xc6000001u     /* next stage-2 fault: inject an abort instead of stopping the VM */
#define SHY_HVC_SETWAY      0xc6000002u     /* returns this vCPU's count of trapped set/way operations */
#define SHY_HVC_EXIT        0xc6000003u     /* stop this VM with status x1 */
#define SHY_HVC_MMIO_TRAPS  0xc6000004u     /* returns this vCPU's count of emulated MMIO accesses */

static long test_hook(struct frame *f, u32 fid)
{
    struct pcpu *pc = this_cpu();
    switch (fid) {
    case SHY_HVC_PROBE: pc->probe = 1; return 0;
    case SHY_HVC_SETWAY: return (long)pc->setway_traps;
    case SHY_HVC_MMIO_TRAPS: return (long)pc->mmio_traps;
    case SHY_HVC_EXIT:
        vuart_flush_vcpu();
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

#ifdef SHYPER_TEST_HOOKS
    if (is_hvc && (fid & 0xff000000u) == 0xc6000000u) {
        f->x[0] = (u64)test_hook(f, fid);
        return;
    }
#else
    (void)is_hvc;
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
    case PSCI_CPU_OFF:
        vuart_flush_vcpu();
        park();
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
        vuart_flush_vcpu();
        vm_stop(pc->vm, 0, "SYSTEM_OFF");
        park();
    case PSCI_SYSTEM_RESET:
        vuart_flush_vcpu();
        vm_restart(pc->vm);
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

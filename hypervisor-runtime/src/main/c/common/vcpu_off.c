/* PSCI CPU_OFF (aarch64) and SBI HSM hart_stop (riscv64) of the calling vCPU: whether it is the last of its VM to go
 * off. Then the VM ends as a power-off does (the caller's policy): no vCPU is left to start another, so it could never
 * run again, and it used to count as running for ever (the machine, waiting for every VM to stop, never powered off).
 * Decided under the VM's lock, where CPU_ON and hart_start turn vCPUs on; a vCPU that is not the last is off before the
 * lock is released, so of two going off at once the second sees the first off. */
#include "rt.h"

int vcpu_off_is_last(void)
{
    struct pcpu *pc = this_cpu();
    struct vm *vm = &vms[pc->vm];
    int last = 1;
    vuart_flush_vcpu();
    spin_lock(&vm->lock);
    for (u32 v = 0; v < vm->cfg->vcpu_count; v++) {
        u32 c = vm->core_of_vcpu[v];
        if (c != pc->index && __atomic_load_n(&pcpus[c].state, __ATOMIC_SEQ_CST) != VCPU_OFF) last = 0;
    }
    last = last && vm->state == VM_RUNNING;
    if (!last) __atomic_store_n(&pc->state, VCPU_OFF, __ATOMIC_SEQ_CST);
    spin_unlock(&vm->lock);
    return last;
}

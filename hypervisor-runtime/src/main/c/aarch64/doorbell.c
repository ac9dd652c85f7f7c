/* Doorbells between VMs (issue 13): a VM rings a doorbell it was given by HVC; the receiver takes the doorbell's
 * virtual SPI through the emulated GIC (virq_raise: its software pending bitmap, and the hypervisor's IPI when its
 * vCPU runs on another core).
 *
 * Coalescing: from the ring that raises the SPI until the receiver's EOI of it (the list register asks for a
 * maintenance interrupt then: doorbell_eoi), the doorbell is in flight and further rings only return
 * SHY_DOORBELL_COALESCED: no IPI, no exit of the receiver. So a VM ringing in a loop costs the receiver at most one
 * interrupt per interrupt it handles, and only the ringing VM's own core spends the time of its hypercalls. */
#include "rt.h"

#define SHY_HVC_DOORBELL_RING   0xc6000020u     /* x1 = doorbell index; returns SHY_DOORBELL_* */

#define SHY_DOORBELL_RAISED      0l     /* the receiver's SPI is now pending */
#define SHY_DOORBELL_COALESCED   1l     /* the previous ring is not yet handled (EOI'd) by the receiver: merged with it */
#define SHY_DOORBELL_MASKED      2l     /* the receiver has the SPI disabled (or is not running): nothing happened */
#define SHY_NOT_SUPPORTED      (-1l)    /* SMCCC NOT_SUPPORTED: another function of the doorbell range */
#define SHY_DOORBELL_DENIED    (-3l)    /* not a doorbell this VM may ring (SMCCC INVALID_PARAMETER, PSCI DENIED) */

static int bit(const volatile u32 *map, u32 id) { return (map[id / 32] >> (id % 32)) & 1; }

/* The receivers' side, once per VM at vm_setup: its doorbells' SPIs are virtual SPIs like a virtio device's. */
void doorbell_init_vm(u32 id)
{
    struct vm *vm = &vms[id];
    for (u32 i = 0; i < blob->doorbell_count; i++) {
        const struct shy_blob_doorbell *d = blob_doorbell(i);
        if (d->to != id) continue;
        vm->vspi[d->intid / 32] |= 1u << (d->intid % 32);
        vm->dbell[d->intid / 32] |= 1u << (d->intid % 32);
    }
}

/* A VM reset forgets the rings in flight to it (its list registers and pending bits are cleared with it). */
void doorbell_reset_vm(u32 id)
{
    struct vm *vm = &vms[id];
    for (u32 w = 0; w < SHY_MAX_INTIDS / 32; w++) __atomic_store_n(&vm->db_inflight[w], 0, __ATOMIC_SEQ_CST);
}

/* Whether INTID `id` of this core's VM is a doorbell: its list register then asks for a maintenance interrupt at EOI. */
int doorbell_is(u32 id)
{
    u32 vm = this_cpu()->vm;
    return vm < blob->vm_count && id >= 32 && id < SHY_MAX_INTIDS && bit(vms[vm].dbell, id);
}

/* The receiver EOI'd doorbell SPI `id`: the next ring raises it again. */
void doorbell_eoi(u32 id)
{
    if (!doorbell_is(id)) return;
    __atomic_fetch_and(&vms[this_cpu()->vm].db_inflight[id / 32], ~(1u << (id % 32)), __ATOMIC_SEQ_CST);
}

long doorbell_hvc(struct frame *f, u32 fid)
{
    if (fid != SHY_HVC_DOORBELL_RING) return SHY_NOT_SUPPORTED;
    u64 index = f->x[1];
    u32 me = this_cpu()->vm;
    if (index >= blob->doorbell_count) return SHY_DOORBELL_DENIED;
    const struct shy_blob_doorbell *d = blob_doorbell((u32)index);
    if (d->from != me) return SHY_DOORBELL_DENIED;      /* the same answer as for no such doorbell: nothing to learn */
    struct vm *to = &vms[d->to];
    u32 w = d->intid / 32, m = 1u << (d->intid % 32);
    if (__atomic_load_n(&to->state, __ATOMIC_SEQ_CST) != VM_RUNNING || !(to->venabled[w] & m)) return SHY_DOORBELL_MASKED;
    if (__atomic_fetch_or(&to->db_inflight[w], m, __ATOMIC_SEQ_CST) & m) return SHY_DOORBELL_COALESCED;
    /* The receiver may disable the SPI between the check above and the raise: Linux's GICv3 driver masks an enabled
     * SPI for a moment whenever it routes it (when the IRQ is set up, and at each affinity change). Then nothing is
     * pending and no EOI will come, so the ring is not in flight either (left set, it made every later ring coalesce,
     * for good: seen once in LinuxDoorbellTest). */
    if (!virq_raise(d->to, d->intid)) {
        __atomic_fetch_and(&to->db_inflight[w], ~m, __ATOMIC_SEQ_CST);
        return SHY_DOORBELL_MASKED;
    }
    return SHY_DOORBELL_RAISED;
}

/* The PLIC's part of the blob checks (blob_verify.c): its sources and frame, the physical address width, and the PLIC
 * as the hypervisor's frame and each VM's emulated PLIC window as intervals for the overlap sweeps. */
#include "rt.h"

/* QEMU virt's PLIC: one M and one S context per hart; the hypervisor uses context 2 x hart + 1. */
#define PLIC_CONTEXTS   0x200000ul
#define PLIC_CONTEXT    0x1000ul

u32 arch_pa_bits(void) { return 56; }          /* Sv39x4 G-stage PTEs hold 44-bit PPNs */

int arch_verify_intc(const struct shy_blob_header *h)
{
    if (h->gic_version != SHY_INTC_PLIC) return verify_refuse("interrupt controller %u; this runtime drives a PLIC", h->gic_version);
    if (h->gic_lines < 2 || h->gic_lines > 1024) return verify_refuse("a PLIC with %u sources (2 to 1024 exist)", h->gic_lines);
    if (h->console_irq >= h->gic_lines) return verify_refuse("the console's interrupt is source %u, not a source of this PLIC", h->console_irq);
    u64 top = 0;
    for (u32 i = 0; i < h->cpu_count; i++) {
        u64 hart = blob_cpu(i)->mpidr;
        if (hart >= 512) return verify_refuse("cpu %u is hart %lu; this runtime's PLIC contexts reach hart 511", i, hart);
        if (hart + 1 > top) top = hart + 1;
    }
    u64 least = PLIC_CONTEXTS + PLIC_CONTEXT * 2 * top;
    if (h->gicd_size < least || (h->gicd_base & (PAGE_SIZE - 1)) || !verify_fits(h->gicd_base, h->gicd_size, HYP_MAP_LIMIT)) {
        return verify_refuse("the PLIC [0x%lx, +0x%lx) is not a frame of at least 0x%lx bytes", h->gicd_base, h->gicd_size, least);
    }
    if (h->gicc_base | h->gicc_size | h->gich_base | h->gich_size | h->gicv_base | h->gicv_size | h->gicr_base | h->gicr_size) {
        return verify_refuse("a PLIC board has no GIC frames");
    }
    return 0;
}

void arch_hyp_frames(const struct shy_blob_header *h)
{
    verify_add(h->gicd_base, h->gicd_size, OWN_PLIC, SHY_NO_VM, 0, 0);
}

/* The emulated PLIC: at least the registers of one context per vCPU; no other interrupt-controller window. */
int arch_vm_windows(const struct shy_blob_vm *vm, u32 v)
{
    u64 least = PLIC_CONTEXTS + PLIC_CONTEXT * vm->vcpu_count;
    if (vm->gicd_size < least || !verify_fits(vm->gicd_ipa, vm->gicd_size, 1ul << GUEST_IPA_BITS)) {
        return verify_refuse("vm %u's PLIC window [0x%lx, +0x%lx) is not at least 0x%lx bytes inside the %u-bit G-stage input range", v,
                             vm->gicd_ipa, vm->gicd_size, least, GUEST_IPA_BITS);
    }
    if (vm->gicc_size || vm->gicr_size) return verify_refuse("vm %u has GIC windows on a PLIC board", v);
    verify_add(vm->gicd_ipa, vm->gicd_size, WIN_PLIC, v, 0, 0);
    return 0;
}

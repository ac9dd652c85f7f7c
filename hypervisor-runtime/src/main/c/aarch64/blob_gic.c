/* The GIC's part of the blob checks (blob_verify.c): interrupt numbers, the frames of the GIC version present, this
 * CPU's physical address width, and the GIC frames and windows as intervals for the overlap sweeps. */
#include "rt.h"

#define GICR_FRAME  SHY_GICR_FRAME           /* one GICv3 redistributor: RD_base + SGI_base */
#define page_aligned(v) (((v) & (PAGE_SIZE - 1)) == 0)

u32 arch_pa_bits(void)
{
    static const u8 bits[] = { 32, 36, 40, 42, 44, 48 };
    u64 parange = read_sysreg(id_aa64mmfr0_el1) & 0xf;
    return bits[parange > 5 ? 5 : parange];
}

/* Interrupt numbers and GIC frames: every later index into the vGIC's tables is bounded by these. */
int arch_verify_intc(const struct shy_blob_header *h)
{
    if (h->gic_version != 2 && h->gic_version != 3) {
        return verify_refuse("GICv%u is not supported by this runtime", h->gic_version);
    }
    if (h->gic_lines < 32 || h->gic_lines > SHY_MAX_GIC_LINES) return verify_refuse("a GIC with %u interrupt lines (32 to 1020 exist)", h->gic_lines);
    if (h->ipi_sgi >= 16) return verify_refuse("the hypervisor's IPI is INTID %u, not an SGI", h->ipi_sgi);
    u32 ppi[3] = { h->maintenance_irq, h->vtimer_irq, h->hyp_timer_irq };
    for (u32 i = 0; i < 3; i++) {
        if (ppi[i] < 16 || ppi[i] >= 32) {
            return verify_refuse("the hypervisor's PPIs are INTIDs %u, %u and %u; each must be 16 to 31", ppi[0], ppi[1], ppi[2]);
        }
        if (ppi[i] == ppi[(i + 1) % 3]) {
            return verify_refuse("the hypervisor's PPIs are INTIDs %u, %u and %u; they must differ", ppi[0], ppi[1], ppi[2]);
        }
    }
    if (h->console_irq && (h->console_irq < 32 || h->console_irq >= h->gic_lines)) {
        return verify_refuse("the console's interrupt is INTID %u, not an SPI of this GIC", h->console_irq);
    }
    int v3 = h->gic_version == 3;
    struct { const char *name; u64 base, size, least; int wanted; } f[] = {
        { "distributor", h->gicd_base, h->gicd_size, v3 ? SHY_GICD_V3_MIN : SHY_GICD_V2_MIN, 1 },
        { "CPU interface", h->gicc_base, h->gicc_size, SHY_GICC_MIN, !v3 },
        { "hypervisor interface", h->gich_base, h->gich_size, SHY_GICH_MIN, !v3 },
        { "virtual CPU interface", h->gicv_base, h->gicv_size, SHY_GICV_MIN, !v3 },
        { "redistributors", h->gicr_base, h->gicr_size, GICR_FRAME * h->cpu_count, v3 },
    };
    for (u32 i = 0; i < sizeof(f) / sizeof(f[0]); i++) {
        if (!f[i].wanted && (f[i].base || f[i].size)) return verify_refuse("a GICv%u has no %s", h->gic_version, f[i].name);
        if (f[i].wanted && (f[i].size < f[i].least || !page_aligned(f[i].base) || !verify_fits(f[i].base, f[i].size, HYP_MAP_LIMIT))) {
            return verify_refuse("the GIC %s [0x%lx, +0x%lx) is not a frame of at least 0x%lx bytes in the hypervisor's device map",
                                 f[i].name, f[i].base, f[i].size, f[i].least);
        }
    }
    return 0;
}

void arch_hyp_frames(const struct shy_blob_header *h)
{
    verify_add(h->gicd_base, h->gicd_size, OWN_GICD, SHY_NO_VM, 0, 0);
    verify_add(h->gicc_base, h->gicc_size, OWN_GICC, SHY_NO_VM, 0, 0);
    verify_add(h->gich_base, h->gich_size, OWN_GICH, SHY_NO_VM, 0, 0);
    verify_add(h->gicv_base, h->gicv_size, OWN_GICV, SHY_NO_VM, 0, 0);
    verify_add(h->gicr_base, h->gicr_size, OWN_GICR, SHY_NO_VM, 0, 0);
}

/* The emulated distributor and redistributors and the GICV window, which maps no more than the GICV frame. */
int arch_vm_windows(const struct shy_blob_vm *vm, u32 v)
{
    struct { u64 ipa, size; u32 owner; } w[] = {
        { vm->gicd_ipa, vm->gicd_size, WIN_GICD }, { vm->gicc_ipa, vm->gicc_size, WIN_GICC }, { vm->gicr_ipa, vm->gicr_size, WIN_GICR },
    };
    if (vm->gicc_size && (!page_aligned(vm->gicc_ipa | vm->gicc_size) || vm->gicc_size > blob->gicv_size)) {
        return verify_refuse("vm %u's GICV window [0x%lx, +0x%lx) is not whole pages of the 0x%lx-byte GICV frame", v,
                             vm->gicc_ipa, vm->gicc_size, blob->gicv_size);
    }
    for (u32 i = 0; i < 3; i++) {
        if (w[i].size && !verify_fits(w[i].ipa, w[i].size, 1ul << GUEST_IPA_BITS)) {
            return verify_refuse("vm %u's window IPA [0x%lx, +0x%lx) is beyond the 39-bit stage-2 input range", v, w[i].ipa, w[i].size);
        }
        verify_add(w[i].ipa, w[i].size, w[i].owner, v, 0, 0);
    }
    return 0;
}

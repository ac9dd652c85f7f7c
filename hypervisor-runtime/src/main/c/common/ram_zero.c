/* Zeroing a VM's RAM at boot (SHY_BLOB_FLAG_ZERO_RAM, docs/runtime.md "Zeroing VM RAM"): on a board, RAM holds what
 * the firmware or an earlier boot left there; a guest must read none of it. With the hypervisor's map on (every DRAM
 * byte identity-mapped, normal memory), it writes exactly the PAs stage 2 gives the VM for its RAM and shared regions:
 * passthrough and virtio regions are not memory, and blob_verify has found every RAM and shared region disjoint from
 * the hypervisor's reservation and from every other owner. Shared regions are zeroed on the boot core before any other
 * core runs (vm_zero_shared), each once, by the lowest-numbered VM that maps it (its first entry in the region table):
 * a guest of another VM may use one as soon as it runs. A VM's own RAM is zeroed by the core of its vCPU 0, before
 * that core copies the VM's payloads (vm_zero_ram): no one else reads or writes it. A restart (vm_restart) does not
 * come here: a VM's RAM survives its own restart on purpose. */
#include "rt.h"

#if defined(__aarch64__) && !defined(SHYPER_HOST)
/* DC ZVA's block in bytes, or 0 when it is prohibited (DCZID_EL0.DZP) or larger than a page (never seen: 2 KiB is
 * the architecture's bound). */
static u64 zva_block(void)
{
    u64 id = read_sysreg(dczid_el0);
    if (id & 0x10) return 0;
    u64 b = 4ul << (id & 0xf);
    return b <= PAGE_SIZE ? b : 0;
}
#endif

/* Zeroes [pa, pa + n): whole pages (regions are page aligned and sized), then cleans and invalidates them to the point
 * of coherency on aarch64: guests start with their MMU off and read memory past the cache, and no dirty zero line of
 * ours may be evicted over what they write later. */
static void zero_pages(u64 pa, u64 n)
{
#if defined(__aarch64__) && !defined(SHYPER_HOST)
    u64 block = zva_block();                /* per call: several cores zero their VMs at once */
    if (block) {
        for (u64 p = pa; p < pa + n; p += block) __asm__ volatile("dc zva, %0" : : "r"(p) : "memory");
    } else {
        for (u64 p = pa; p < pa + n; p += 64) {
            __asm__ volatile("stp xzr, xzr, [%0]\n\tstp xzr, xzr, [%0, #16]\n\t"
                             "stp xzr, xzr, [%0, #32]\n\tstp xzr, xzr, [%0, #48]" : : "r"(p) : "memory");
        }
    }
    dcache_clean_inval_range(pa, n);
#else
    for (u64 *p = (u64 *)pa, *end = (u64 *)(pa + n); p < end; p += 8) {
        p[0] = 0; p[1] = 0; p[2] = 0; p[3] = 0; p[4] = 0; p[5] = 0; p[6] = 0; p[7] = 0;
    }
#endif
}

/* Whether region index i (of the whole table) is the first entry that maps its shared PA range. */
static int first_mapping(u32 i)
{
    const struct shy_blob_region *r = blob_region(i);
    for (u32 j = 0; j < i; j++) {
        const struct shy_blob_region *o = blob_region(j);
        if (o->kind == SHY_REGION_SHARED && o->pa == r->pa) return 0;
    }
    return 1;
}

void vm_zero_shared(u32 id)
{
    if (!(blob->flags & SHY_BLOB_FLAG_ZERO_RAM)) return;
    const struct shy_blob_vm *v = blob_vm(id);
    for (u32 k = 0; k < v->region_count; k++) {
        u32 i = v->first_region + k;
        const struct shy_blob_region *r = blob_region(i);
        if (r->kind == SHY_REGION_SHARED && first_mapping(i)) zero_pages(r->pa, r->size);
    }
}

void vm_zero_ram(u32 id)
{
    if (!(blob->flags & SHY_BLOB_FLAG_ZERO_RAM)) return;
    const struct shy_blob_vm *v = blob_vm(id);
    for (u32 k = 0; k < v->region_count; k++) {
        const struct shy_blob_region *r = blob_region(v->first_region + k);
        if (r->kind != SHY_REGION_RAM) continue;
        if (!(r->flags & SHY_REGION_COLOURED)) { zero_pages(r->pa, r->size); continue; }
        /* a coloured region, run by run of PA-contiguous pages as stage 2 maps them */
        for (u64 off = 0; off < r->size;) {
            u64 pa = region_pa(v, r, off), n = PAGE_SIZE;
            while (off + n < r->size && region_pa(v, r, off + n) == pa + n) n += PAGE_SIZE;
            zero_pages(pa, n);
            off += n;
        }
    }
}

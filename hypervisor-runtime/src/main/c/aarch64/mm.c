/* Page-table pool, the EL2 identity map and per-VM stage-2 tables (4 KiB granule; the address-space sizes,
 * SHY_EL2_MAP_BITS and SHY_IPA_BITS, come from shyper_config.h, which the compiler's checks enforce). */
#include "rt.h"

static u64 pool_next, pool_end;
static spinlock_t pool_lock;
static u64 *el2_l1;

#define DESC_VALID   1ul
#define DESC_TABLE   3ul            /* also "page" at level 3 */
#define DESC_BLOCK   1ul
#define AF           (1ul << 10)
#define SH_INNER     (3ul << 8)
#define XN           (1ul << 54)
/* EL2 stage 1: MAIR_EL2 attr0 = Device-nGnRnE, attr1 = Normal WB. */
#define S1_DEVICE    ((0ul << 2) | AF | XN)
#define S1_NORMAL    ((1ul << 2) | AF | SH_INNER)
/* Stage 2: MemAttr[5:2], S2AP[7:6]. */
#define S2_RAM       ((0xful << 2) | SH_INNER | AF)
#define S2_DEVICE    ((0x1ul << 2) | AF | XN)
#define S2AP_RO      (1ul << 6)
#define S2AP_RW      (3ul << 6)

void pool_init(u64 start, u64 end)
{
    pool_next = (start + PAGE_SIZE - 1) & ~(PAGE_SIZE - 1);
    pool_end = end;
}

void *page_alloc(void)
{
    spin_lock(&pool_lock);
    if (pool_next + PAGE_SIZE > pool_end) panic("out of page-table memory in the hypervisor reservation");
    void *p = (void *)pool_next;
    pool_next += PAGE_SIZE;
    spin_unlock(&pool_lock);
    memset(p, 0, PAGE_SIZE);
    return p;
}

/* size bytes (whole pages), contiguous and zeroed. */
void *pool_alloc(u64 size)
{
    spin_lock(&pool_lock);
    u64 n = (size + PAGE_SIZE - 1) & ~(PAGE_SIZE - 1);
    if (pool_next + n > pool_end) panic("out of memory in the hypervisor reservation");
    void *p = (void *)pool_next;
    pool_next += n;
    spin_unlock(&pool_lock);
    memset(p, 0, n);
    return p;
}

static int in_dram(u64 a)
{
    for (u32 i = 0; i < blob->dram_count; i++) {
        const struct shy_blob_dram *d = blob_dram(i);
        if (a >= d->base && a - d->base < d->size) return 1;
    }
    return 0;
}

/* Before the MMU is on there is no lock to take: allocate without one, checking the room before writing. */
static u64 *early_page(void)
{
    if (pool_next + PAGE_SIZE > pool_end) panic("hypervisor reservation too small for the EL2 page tables");
    u64 *p = (u64 *)pool_next;
    pool_next += PAGE_SIZE;
    return p;
}

/* Identity map of the low 2^SHY_EL2_MAP_BITS bytes (512 GiB): DRAM Normal (2 MiB granules), everything else Device. */
void mmu_build_el2(void)
{
    el2_l1 = early_page();
    memset(el2_l1, 0, PAGE_SIZE);
    for (u64 gib = 0; gib < (1ul << (SHY_EL2_MAP_BITS - 30)); gib++) {
        u64 base = gib << 30;
        int any = 0;
        for (u32 i = 0; i < blob->dram_count; i++) {
            const struct shy_blob_dram *d = blob_dram(i);
            if (d->base < base + (1ul << 30) && d->base + d->size > base) any = 1;
        }
        if (!any) {
            el2_l1[gib] = base | DESC_BLOCK | S1_DEVICE;
            continue;
        }
        u64 *l2 = early_page();
        for (u64 j = 0; j < 512; j++) {
            u64 a = base + (j << 21);
            l2[j] = a | DESC_BLOCK | (in_dram(a) ? S1_NORMAL : S1_DEVICE);
        }
        el2_l1[gib] = (u64)l2 | DESC_TABLE;
    }
}

static u64 pa_range_bits(void)
{
    u64 r = read_sysreg(id_aa64mmfr0_el1) & 0xf;
    return r > 5 ? 5 : r;       /* PS/IPS encodings up to 48 bits */
}

void mmu_enable_el2(void)
{
    write_sysreg(mair_el2, 0xff00ul);
    /* T0SZ 64 - 39, WB walks, inner shareable, 4 KiB granule, PS from the CPU; RES1 bits 23, 31. */
    write_sysreg(tcr_el2, (1ul << 31) | (1ul << 23) | (pa_range_bits() << 16) | (3ul << 12) | (1ul << 10) | (1ul << 8)
                 | (64 - SHY_EL2_MAP_BITS));
    write_sysreg(ttbr0_el2, (u64)el2_l1);
    isb();
    __asm__ volatile("tlbi alle2" ::: "memory");
    dsb(ish);
    isb();
    write_sysreg(sctlr_el2, 0x30c51835ul);
    isb();
}

static u64 *next_level(u64 *table, u64 idx)
{
    if (!(table[idx] & DESC_VALID)) table[idx] = (u64)page_alloc() | DESC_TABLE;
    return (u64 *)(table[idx] & 0x0000fffffffff000ul);
}

/* Maps [ipa, ipa+size) -> pa with 2 MiB blocks where both are aligned, 4 KiB pages elsewhere. */
static void s2_map(u64 *l1, u64 ipa, u64 pa, u64 size, u64 attr)
{
    while (size) {
        u64 *l2 = next_level(l1, (ipa >> 30) & 511);
        if (((ipa | pa) & ((1ul << 21) - 1)) == 0 && size >= (1ul << 21)) {
            l2[(ipa >> 21) & 511] = pa | DESC_BLOCK | attr;
            ipa += 1ul << 21; pa += 1ul << 21; size -= 1ul << 21;
        } else {
            u64 *l3 = next_level(l2, (ipa >> 21) & 511);
            l3[(ipa >> 12) & 511] = pa | DESC_TABLE | attr;
            ipa += PAGE_SIZE; pa += PAGE_SIZE; size = size > PAGE_SIZE ? size - PAGE_SIZE : 0;
        }
    }
}

/* cache colouring: a coloured RAM region, contiguous in IPA, onto the pages of the VM's colours (region_pa), one run
 * of consecutive colours at a time: runs are shorter than a 2 MiB block, so every page is a level-3 entry. */
static void s2_map_coloured(u64 *l1, const struct shy_blob_vm *v, const struct shy_blob_region *r, u64 attr)
{
    for (u64 off = 0; off < r->size;) {
        u64 pa = region_pa(v, r, off), n = PAGE_SIZE;
        while (off + n < r->size && region_pa(v, r, off + n) == pa + n) n += PAGE_SIZE;
        s2_map(l1, r->ipa + off, pa, n, attr);
        off += n;
    }
}

/* The page a console of this kind reads as (vuart_read_page), one per kind, shared by every VM with such a console:
 * it holds only constants, so sharing it tells no VM anything about another. */
static u64 console_read_page(u32 kind)
{
    static u64 pages[8];
    if (kind >= 8) return 0;
    if (!pages[kind]) {
        u8 *p = page_alloc();
        vuart_read_page(kind, p, PAGE_SIZE);
        dcache_clean_range((u64)p, PAGE_SIZE);         /* the guest reads it as Device memory */
        pages[kind] = (u64)p;
    }
    return pages[kind];
}

/* One VM's stage-2 table; returns its VTTBR (VMID = vm id + 1). */
u64 stage2_build(u32 vm)
{
    const struct shy_blob_vm *v = blob_vm(vm);
    u64 *l1 = page_alloc();
    for (u32 i = 0; i < v->region_count; i++) {
        const struct shy_blob_region *r = blob_region(v->first_region + i);
        if (r->kind == SHY_REGION_VIRTIO) continue;         /* emulated: stays unmapped */
        u64 ap = (r->flags & SHY_REGION_WRITABLE) ? S2AP_RW : S2AP_RO;
        u64 attr = (r->kind == SHY_REGION_MMIO ? S2_DEVICE : S2_RAM) | ap;
        if (r->flags & SHY_REGION_COLOURED) s2_map_coloured(l1, v, r, attr);
        else s2_map(l1, r->ipa, r->pa, r->size, attr);
    }
    /* The virtual CPU interface (GICV) where the guest expects its GICC; GICD stays unmapped (emulated). */
    if (v->gicc_size) s2_map(l1, v->gicc_ipa, blob->gicv_base, v->gicc_size, S2_DEVICE | S2AP_RW);
    /* The emulated console's registers read without side effects: a page of what they read, mapped read-only, answers
     * reads without a trap (the polling of FR/LSR around every character tripled the console's traps); writes still
     * fault at stage 2 (permission) and are emulated. Only for a window of exactly one page. */
    if (console_window_mapped(v)) s2_map(l1, v->console_ipa, console_read_page(v->console_kind), PAGE_SIZE, S2_DEVICE | S2AP_RO);
    dsb(ishst);
    return ((u64)(vm + 1) << 48) | (u64)l1;
}

void stage2_enable(u64 vttbr)
{
    /* T0SZ 64 - 39 with walks from level 1 (SL0 = 1): one 4 KiB level-1 table covers the IPA space. */
    write_sysreg(vtcr_el2, (1ul << 31) | (pa_range_bits() << 16) | (3ul << 12) | (1ul << 10) | (1ul << 8) | (1ul << 6)
                 | (64 - SHY_IPA_BITS));
    write_sysreg(vttbr_el2, vttbr);
    isb();
    __asm__ volatile("tlbi vmalls12e1" ::: "memory");
    dsb(ish);
    __asm__ volatile("ic iallu" ::: "memory");
    dsb(ish);
    isb();
}

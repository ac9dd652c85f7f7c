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
/* EL2 stage 1: MAIR_EL2 attr0 = Device-nGnRnE, attr1 = Normal WB, attr2 = Normal non-cacheable. */
#define S1_DEVICE    ((0ul << 2) | AF | XN)
#define S1_NORMAL    ((1ul << 2) | AF | SH_INNER)
#define S1_NOCACHE   ((2ul << 2) | AF | (2ul << 8))
/* Stage 2: MemAttr[5:2] (HCR_EL2.FWB = 0: 0b1111 Normal outer and inner write-back, 0b0101 Normal outer and inner
 * non-cacheable, 0b0001 Device-nGnRE), SH[9:8], S2AP[7:6]. Non-cacheable Normal memory is outer shareable whatever SH
 * says; it says so. */
#define SH_OUTER     (2ul << 8)
#define S2_RAM       ((0xful << 2) | SH_INNER | AF)
#define S2_NOCACHE   ((0x5ul << 2) | SH_OUTER | AF)
#define S2_DEVICE    ((0x1ul << 2) | AF | XN)
#define S2AP_RO      (1ul << 6)
#define S2AP_RW      (3ul << 6)
#define BLOCK_1G (1ul << 30)
#define BLOCK_2M (1ul << 21)

/* Cache colouring of the hypervisor itself (blob header hyp_colour_mask, hyp_colours; 0: not coloured). Then the pool
 * hands out only pages of those colours (EL2 maps DRAM one to one, so such a page is used where it is), the image runs
 * from copies in such pages (mmu_build_el2), and the stacks, which must be contiguous, are such pages mapped one after
 * another into a window of addresses at the top of the reservation, whose own pages are used by nobody (stack_window). */
static u64 hyp_mask, hyp_colours;
static u64 win_next, win_end;
#define STACK_WINDOW ((u64)SHY_MAX_CPUS * (STACK_SIZE + PAGE_SIZE))   /* a stack per core, each above an unmapped page */

static int hyp_colour_page(u64 pa) { return !hyp_mask || (hyp_mask >> ((pa / PAGE_SIZE) & (hyp_colours - 1)) & 1); }

void pool_init(u64 start, u64 end)
{
    pool_next = (start + PAGE_SIZE - 1) & ~(PAGE_SIZE - 1);
    pool_end = end;
    hyp_mask = blob->hyp_colour_mask;
    hyp_colours = blob->hyp_colours;
    if (hyp_mask) {
        win_end = end;
        pool_end = end - STACK_WINDOW;
        win_next = pool_end;
    }
}

/* The next page of the pool (of the hypervisor's colours, when it has some), or 0. Under pool_lock, or before the MMU is
 * on (one core). */
static u64 take_page(void)
{
    while (pool_next + PAGE_SIZE <= pool_end && !hyp_colour_page(pool_next)) pool_next += PAGE_SIZE;
    if (pool_next + PAGE_SIZE > pool_end) return 0;
    u64 p = pool_next;
    pool_next += PAGE_SIZE;
    return p;
}

void *page_alloc(void)
{
    spin_lock(&pool_lock);
    u64 p = take_page();
    spin_unlock(&pool_lock);
    if (!p) panic("out of page-table memory in the hypervisor reservation");
    memset((void *)p, 0, PAGE_SIZE);
    return (void *)p;
}

static u64 *el2_leaf(u64 va);

/* size bytes (whole pages), contiguous and zeroed. With the hypervisor's colours: pages of its colours mapped one after
 * another in the stack window (its only user is main.c, for the cores' stacks), above an unmapped guard page. */
void *pool_alloc(u64 size)
{
    u64 n = (size + PAGE_SIZE - 1) & ~(PAGE_SIZE - 1);
    spin_lock(&pool_lock);
    if (hyp_mask) {
        if (win_next + PAGE_SIZE + n > win_end) panic("out of stack addresses in the hypervisor reservation");
        u64 va = win_next + PAGE_SIZE;
        for (u64 o = 0; o < n; o += PAGE_SIZE) {
            u64 pa = take_page();
            if (!pa) panic("out of memory in the hypervisor reservation");
            *el2_leaf(va + o) = pa | DESC_TABLE | S1_NORMAL;
        }
        win_next = va + n;
        dsb(ishst);
        isb();
        spin_unlock(&pool_lock);
        memset((void *)va, 0, n);
        return (void *)va;
    }
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
    u64 p = take_page();
    if (!p) panic("hypervisor reservation too small for the EL2 page tables");
    return (u64 *)p;
}

/* Identity map of the low 2^SHY_EL2_MAP_BITS bytes (512 GiB): DRAM Normal (2 MiB granules), everything else Device. */
static void el2_identity(void)
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

/* The level-3 entry of an EL2 address inside DRAM, the 2 MiB block around it split into pages (one to one) first. */
static u64 *el2_leaf(u64 va)
{
    u64 *l2 = (u64 *)(el2_l1[(va >> 30) & 511] & 0x0000fffffffff000ul);
    u64 *e = &l2[(va >> 21) & 511];
    if ((*e & DESC_TABLE) != DESC_TABLE) {
        u64 *l3 = early_page(), base = *e & 0x0000ffffffe00000ul;
        for (u64 j = 0; j < 512; j++) l3[j] = (base + (j << 12)) | DESC_TABLE | S1_NORMAL;
        *e = (u64)l3 | DESC_TABLE;
    }
    return &((u64 *)(*e & 0x0000fffffffff000ul))[(va >> 12) & 511];
}

extern char _start[];

/* With the hypervisor's colours: the runtime and its blob (load address to the blob's last page) are mapped onto pages
 * of its colours, the stack window is left unmapped (pool_alloc fills it), and only then, with every table and the pool
 * cursor written, each page of the image is copied to its page: nothing writes the image between the copy and the MMU
 * coming on (the boot core runs on a pool page meanwhile, el2_mmu_on). With the MMU on the same addresses reach the
 * copies; the original stays as it was for the other cores' first instructions (they start with the MMU off, main.c). */
static void el2_colour_image(void)
{
    u64 start = (u64)_start, end = ((u64)__blob_start + blob->total_size + PAGE_SIZE - 1) & ~(PAGE_SIZE - 1);
    for (u64 va = start; va < end; va += PAGE_SIZE) *el2_leaf(va) = (u64)early_page() | DESC_TABLE | S1_NORMAL;
    for (u64 va = win_next; va < win_end; va += PAGE_SIZE) *el2_leaf(va) = 0;
    /* The payloads, read again whenever a VM restarts, are read past the cache: they fill no line of any colour. Whole
     * 2 MiB blocks change their attributes, the pages at either end are split off. */
    for (u64 va = end, pend = blob->load_address + blob->image_size; va < pend;) {
        u64 *l2 = (u64 *)(el2_l1[(va >> 30) & 511] & 0x0000fffffffff000ul), *e = &l2[(va >> 21) & 511];
        if (!(va & (BLOCK_2M - 1)) && pend - va >= BLOCK_2M && (*e & DESC_TABLE) == DESC_BLOCK) {
            *e = va | DESC_BLOCK | S1_NOCACHE;
            va += BLOCK_2M;
        } else {
            *el2_leaf(va) = va | DESC_TABLE | S1_NOCACHE;
            va += PAGE_SIZE;
        }
    }
    __asm__ volatile("" ::: "memory");      /* every write to the image (tables live in the pool) is done above */
    for (u64 va = start; va < end; va += PAGE_SIZE) {
        u64 *l2 = (u64 *)(el2_l1[(va >> 30) & 511] & 0x0000fffffffff000ul);
        u64 *l3 = (u64 *)(l2[(va >> 21) & 511] & 0x0000fffffffff000ul);
        memcpy((void *)(l3[(va >> 12) & 511] & 0x0000fffffffff000ul), (const void *)va, PAGE_SIZE);
    }
}

void mmu_build_el2(void)
{
    el2_identity();
    if (hyp_mask) el2_colour_image();
}

static u64 pa_range_bits(void)
{
    u64 r = read_sysreg(id_aa64mmfr0_el1) & 0xf;
    return r > 5 ? 5 : r;       /* PS/IPS encodings up to 48 bits */
}

void mmu_enable_el2(void)
{
    write_sysreg(mair_el2, 0x44ff00ul);
    /* T0SZ 64 - 39, WB walks, inner shareable, 4 KiB granule, PS from the CPU; RES1 bits 23, 31. */
    write_sysreg(tcr_el2, (1ul << 31) | (1ul << 23) | (pa_range_bits() << 16) | (3ul << 12) | (1ul << 10) | (1ul << 8)
                 | (64 - SHY_EL2_MAP_BITS));
    write_sysreg(ttbr0_el2, (u64)el2_l1);
    isb();
    __asm__ volatile("tlbi alle2" ::: "memory");
    dsb(ish);
    __asm__ volatile("ic iallu" ::: "memory");      /* the image may now run from its copy (el2_colour_image) */
    dsb(ish);
    isb();
    write_sysreg(sctlr_el2, 0x30c51835ul);
    isb();
}

void call_on_stack(void (*fn)(void), u64 sp);     /* boot.S */

static void el2_build_and_enable(void)
{
    mmu_build_el2();
    mmu_enable_el2();
}

/* The boot core's EL2 map, and its MMU on. With the hypervisor's colours the image is copied while this runs, so it runs
 * on a page of the pool: whatever the boot stack (in .bss) holds when it is copied is what the copy holds when the MMU
 * comes on, and the caller's frame is found there again. */
void el2_mmu_on(void)
{
    if (!hyp_mask) {
        el2_build_and_enable();
        return;
    }
    call_on_stack(el2_build_and_enable, (u64)early_page() + PAGE_SIZE);
}

/* The stack a core starts on, with its MMU off: its own (pcpus[].stack_top), or, when the stacks are in the window (the
 * hypervisor's colours), a page of the pool, left as soon as the MMU is on (main.c). */
u64 core_entry_stack(u64 stack_top)
{
    if (!hyp_mask) return stack_top;
    u64 p = (u64)page_alloc();
    dcache_clean_inval_range(p, PAGE_SIZE);
    return p + PAGE_SIZE;
}

static u64 *next_level(u64 *table, u64 idx)
{
    if (!(table[idx] & DESC_VALID)) table[idx] = (u64)page_alloc() | DESC_TABLE;
    return (u64 *)(table[idx] & 0x0000fffffffff000ul);
}


/* Maps [ipa, ipa+size) -> pa with the largest descriptor the alignment of both and the size left allow: 1 GiB blocks
 * (level 1), 2 MiB blocks (level 2), 4 KiB pages (level 3); only pages where `blocks` is 0 (SHY_REGION_PAGES). A
 * `hugepages` region is placed so that its blocks fit. */
static void s2_map(u64 *l1, u64 ipa, u64 pa, u64 size, u64 attr, int blocks)
{
    while (size) {
        if (blocks && ((ipa | pa) & (BLOCK_1G - 1)) == 0 && size >= BLOCK_1G) {
            l1[(ipa >> 30) & 511] = pa | DESC_BLOCK | attr;
            ipa += BLOCK_1G; pa += BLOCK_1G; size -= BLOCK_1G;
            continue;
        }
        u64 *l2 = next_level(l1, (ipa >> 30) & 511);
        if (blocks && ((ipa | pa) & (BLOCK_2M - 1)) == 0 && size >= BLOCK_2M) {
            l2[(ipa >> 21) & 511] = pa | DESC_BLOCK | attr;
            ipa += BLOCK_2M; pa += BLOCK_2M; size -= BLOCK_2M;
        } else {
            /* Pages up to the end of this level-3 table in one loop: no position before it can start a block, and a
             * VM held to pages has 16,384 of them per 64 MiB, which the boot core maps before any guest runs. */
            u64 *l3 = next_level(l2, (ipa >> 21) & 511);
            u64 first = (ipa >> 12) & 511, pages = (size + PAGE_SIZE - 1) / PAGE_SIZE;
            u64 end = pages < 512 - first ? first + pages : 512;
            for (u64 i = first; i < end; i++, pa += PAGE_SIZE) l3[i] = pa | DESC_TABLE | attr;
            u64 done = (end - first) * PAGE_SIZE;
            ipa += done;
            size = size > done ? size - done : 0;
        }
    }
}

/* A region's stage-2 memory type: its kind's (RAM and shared Normal write-back, MMIO Device), unless its flags name
 * another (`nocache`, `device`; blob_verify allows them on shared and MMIO regions only). */
static u64 s2_memory(const struct shy_blob_region *r)
{
    if (r->flags & SHY_REGION_NOCACHE) return S2_NOCACHE;
    if (r->flags & SHY_REGION_DEVICE) return S2_DEVICE;
    return r->kind == SHY_REGION_MMIO ? S2_DEVICE : S2_RAM;
}

/* cache colouring: a coloured RAM region, contiguous in IPA, onto the pages of the VM's colours (region_pa), one run
 * of consecutive colours at a time: runs are shorter than a 2 MiB block, so every page is a level-3 entry. */
static void s2_map_coloured(u64 *l1, const struct shy_blob_vm *v, const struct shy_blob_region *r, u64 attr)
{
    for (u64 off = 0; off < r->size;) {
        u64 pa = region_pa(v, r, off), n = PAGE_SIZE;
        while (off + n < r->size && region_pa(v, r, off + n) == pa + n) n += PAGE_SIZE;
        s2_map(l1, r->ipa + off, pa, n, attr, 0);
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
        u64 mem = s2_memory(r);
        /* Memory the VM sees uncached may still have lines in the cache from a cacheable access before (the loader,
         * the firmware, the EL2 map's speculation): clean and invalidate them once, so no dirty line is written back
         * over what a VM writes past the cache (Arm ARM, "Mismatched memory attributes"). MMIO has no lines to clean. */
        if (mem != S2_RAM && r->kind != SHY_REGION_MMIO) dcache_clean_inval_range(r->pa, r->size);
        if (r->flags & SHY_REGION_COLOURED) s2_map_coloured(l1, v, r, mem | ap);
        else s2_map(l1, r->ipa, r->pa, r->size, mem | ap, !(r->flags & SHY_REGION_PAGES));
    }
    /* The virtual CPU interface (GICV) where the guest expects its GICC; GICD stays unmapped (emulated). */
    if (v->gicc_size) s2_map(l1, v->gicc_ipa, blob->gicv_base, v->gicc_size, S2_DEVICE | S2AP_RW, 1);
    /* The emulated console's registers read without side effects: a page of what they read, mapped read-only, answers
     * reads without a trap (the polling of FR/LSR around every character tripled the console's traps); writes still
     * fault at stage 2 (permission) and are emulated. Only for a window of exactly one page. */
    if (console_window_mapped(v)) s2_map(l1, v->console_ipa, console_read_page(v->console_kind), PAGE_SIZE, S2_DEVICE | S2AP_RO, 1);
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

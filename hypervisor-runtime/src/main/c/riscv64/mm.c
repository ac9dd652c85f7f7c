/* The pool (stacks, G-stage tables) and each VM's G-stage table: Sv39x4, 41-bit guest physical addresses. HS itself
 * runs with satp = Bare: it has no page tables of its own. */
#include "rt.h"

static u64 pool_next, pool_end;
static spinlock_t pool_lock;

#define PTE_V   (1ul << 0)
#define PTE_R   (1ul << 1)
#define PTE_W   (1ul << 2)
#define PTE_X   (1ul << 3)
#define PTE_U   (1ul << 4)      /* G-stage leaves must have U: every guest access is a U-mode access at G-stage */
#define PTE_A   (1ul << 6)
#define PTE_D   (1ul << 7)
#define PTE_PPN(pa) (((pa) >> 12) << 10)
#define PTE_PA(pte) (((pte) >> 10) << 12)

void pool_init(u64 start, u64 end)
{
    pool_next = (start + PAGE_SIZE - 1) & ~(PAGE_SIZE - 1);
    pool_end = end;
}

/* size bytes (whole pages) aligned to align (a power of two, at least a page), zeroed. */
void *pool_alloc(u64 size, u64 align)
{
    spin_lock(&pool_lock);
    u64 n = (size + PAGE_SIZE - 1) & ~(PAGE_SIZE - 1);
    u64 p = (pool_next + align - 1) & ~(align - 1);
    if (p + n > pool_end || p + n < p) panic("out of memory in the hypervisor reservation");
    pool_next = p + n;
    spin_unlock(&pool_lock);
    memset((void *)p, 0, n);
    return (void *)p;
}

void *page_alloc(void) { return pool_alloc(PAGE_SIZE, PAGE_SIZE); }

static u64 *next_level(u64 *table, u64 idx)
{
    if (!(table[idx] & PTE_V)) table[idx] = PTE_PPN((u64)page_alloc()) | PTE_V;
    return (u64 *)PTE_PA(table[idx]);
}

/* Maps [gpa, gpa+size) -> pa with 2 MiB pages where both are aligned (and `blocks`: not SHY_REGION_PAGES), 4 KiB pages
 * elsewhere. */
static void g_map(u64 *root, u64 gpa, u64 pa, u64 size, u64 flags, int blocks)
{
    while (size) {
        u64 *l1 = next_level(root, (gpa >> 30) & 0x7ff);
        if (blocks && ((gpa | pa) & ((1ul << 21) - 1)) == 0 && size >= (1ul << 21)) {
            l1[(gpa >> 21) & 511] = PTE_PPN(pa) | flags;
            gpa += 1ul << 21; pa += 1ul << 21; size -= 1ul << 21;
        } else {
            u64 *l0 = next_level(l1, (gpa >> 21) & 511);
            l0[(gpa >> 12) & 511] = PTE_PPN(pa) | flags;
            gpa += PAGE_SIZE; pa += PAGE_SIZE; size = size > PAGE_SIZE ? size - PAGE_SIZE : 0;
        }
    }
}

/* One VM's G-stage table; returns its hgatp (Sv39x4, VMID = vm id + 1). RAM and shared windows are readable and
 * executable (writable unless read-only), passthrough MMIO read/write only; emulated windows (console, PLIC, virtio)
 * stay unmapped, so that every access traps. */
u64 gstage_build(u32 vm)
{
    const struct shy_blob_vm *v = blob_vm(vm);
    u64 *root = pool_alloc(16384, 16384);              /* Sv39x4: 2048 entries, 16 KiB aligned */
    for (u32 i = 0; i < v->region_count; i++) {
        const struct shy_blob_region *r = blob_region(v->first_region + i);
        if (r->kind == SHY_REGION_VIRTIO) continue;
        u64 w = (r->flags & SHY_REGION_WRITABLE) ? PTE_W | PTE_D : 0;
        u64 flags = PTE_V | PTE_R | PTE_U | PTE_A | w | (r->kind == SHY_REGION_MMIO ? 0 : PTE_X);
        g_map(root, r->ipa, r->pa, r->size, flags, !(r->flags & SHY_REGION_PAGES));
    }
    mb();
    return (8ul << 60) | ((u64)(vm + 1) << 44) | ((u64)root >> 12);
}

/* The PA of [gpa, gpa+len) if it lies in one RAM or shared region of the VM (writable if asked), else 0. */
u8 *guest_ram(u32 vm, u64 gpa, u64 len, int write)
{
    const struct shy_blob_vm *c = vms[vm].cfg;
    for (u32 i = 0; i < c->region_count; i++) {
        const struct shy_blob_region *r = blob_region(c->first_region + i);
        if (r->kind != SHY_REGION_RAM && r->kind != SHY_REGION_SHARED) continue;
        if (write && !(r->flags & SHY_REGION_WRITABLE)) continue;
        if (gpa >= r->ipa && len <= r->size && gpa - r->ipa <= r->size - len) return (u8 *)(r->pa + (gpa - r->ipa));
    }
    return 0;
}

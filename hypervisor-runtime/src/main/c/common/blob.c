/* The config blob shyperc linked after the runtime: checked once, then read-only. */
#include "rt.h"

const struct shy_blob_header *blob;

static const void *at(u32 off, u32 i, u32 size) { return (const u8 *)blob + off + (u64)i * size; }

const struct shy_blob_cpu *blob_cpu(u32 i) { return at(blob->cpu_off, i, sizeof(struct shy_blob_cpu)); }
const struct shy_blob_vm *blob_vm(u32 i) { return at(blob->vm_off, i, sizeof(struct shy_blob_vm)); }
const struct shy_blob_dram *blob_dram(u32 i) { return at(blob->dram_off, i, sizeof(struct shy_blob_dram)); }
const struct shy_blob_region *blob_region(u32 i) { return at(blob->region_off, i, sizeof(struct shy_blob_region)); }
const struct shy_blob_irq *blob_irq(u32 i) { return at(blob->irq_off, i, sizeof(struct shy_blob_irq)); }
const struct shy_blob_payload *blob_payload(u32 i) { return at(blob->payload_off, i, sizeof(struct shy_blob_payload)); }
const struct shy_blob_doorbell *blob_doorbell(u32 i) { return at(blob->doorbell_off, i, sizeof(struct shy_blob_doorbell)); }

/* --- cache colouring ---
 * The PA page p has colour (p / 4 KiB) mod vm->colours; a period is vm->colours pages, one of each colour. From r->pa
 * (the start of a period) IPA page i of a coloured region is the (i mod k)-th page of the VM's colours (the set bits of
 * vm->colour_mask, k of them) in period i / k. blob_verify has checked colours (a power of two, 2 to 64) and the mask. */

u32 colour_bits(u64 mask)
{
    u32 n = 0;
    for (; mask; mask &= mask - 1) n++;
    return n;
}

/* Bytes of PA from r->pa the region's pages are drawn from: its size, or its periods when coloured. */
u64 region_stretch(const struct shy_blob_vm *vm, const struct shy_blob_region *r)
{
    if (!(r->flags & SHY_REGION_COLOURED) || r->kind != SHY_REGION_RAM) return r->size;
    u64 k = colour_bits(vm->colour_mask), pages = r->size / PAGE_SIZE;
    return (pages + k - 1) / k * vm->colours * PAGE_SIZE;
}

/* The PA behind byte off (from r->ipa) of a region. */
u64 region_pa(const struct shy_blob_vm *vm, const struct shy_blob_region *r, u64 off)
{
    if (!(r->flags & SHY_REGION_COLOURED) || r->kind != SHY_REGION_RAM) return r->pa + off;
    u64 k = colour_bits(vm->colour_mask), page = off / PAGE_SIZE, rank = page % k, m = vm->colour_mask;
    while (rank--) m &= m - 1;                      /* drop the rank lowest colours: the lowest left is ours */
    u64 colour = (u64)__builtin_ctzl(m);
    return r->pa + page / k * vm->colours * PAGE_SIZE + colour * PAGE_SIZE + off % PAGE_SIZE;
}

/* Whether pa is a byte of the region; if so *off is its offset from r->ipa. */
int region_offset(const struct shy_blob_vm *vm, const struct shy_blob_region *r, u64 pa, u64 *off)
{
    if (pa < r->pa) return 0;
    u64 d = pa - r->pa;
    if (!(r->flags & SHY_REGION_COLOURED) || r->kind != SHY_REGION_RAM) {
        if (d >= r->size) return 0;
        *off = d;
        return 1;
    }
    u64 period = vm->colours * PAGE_SIZE, colour = d % period / PAGE_SIZE;
    if (!(vm->colour_mask >> colour & 1)) return 0;
    u64 k = colour_bits(vm->colour_mask), rank = colour_bits(vm->colour_mask & ((1ul << colour) - 1));
    u64 o = (d / period * k + rank) * PAGE_SIZE + d % PAGE_SIZE;
    if (o >= r->size) return 0;
    *off = o;
    return 1;
}

static int table_ok(u32 off, u32 count, u32 size, u32 total)
{
    return (off & 7) == 0 && off >= sizeof(struct shy_blob_header) && (u64)off + (u64)count * size <= total;
}

/* Returns 0 if the blob is usable; otherwise prints why (when a console is known) and returns -1. This part checks
 * that the blob is intact and its tables are where the header says; blob_verify what the tables say. */
int blob_check(const void *p)
{
    const struct shy_blob_header *h = p;
    if (h->magic != SHY_BLOB_MAGIC) return -1;   /* no console address to complain on */
    console_init(h->console_base, h->console_kind);
    if (h->version != SHY_BLOB_VERSION) {
        kprintf("shyper: config blob version %u, this runtime reads version %u: relink with a matching shyperc\n",
                h->version, SHY_BLOB_VERSION);
        return -1;
    }
    if (h->header_size != sizeof(*h) || h->total_size < sizeof(*h) || h->total_size > SHY_MAX_BLOB_SIZE) {
        kprintf("shyper: config blob has a bad size (%u)\n", h->total_size);
        return -1;
    }
    /* CRC over the whole blob with the crc32 field read as zero (the header, whose size was just checked, holds it). */
    static const u8 zeros[4];
    u32 crc_off = offsetof(struct shy_blob_header, crc32);
    const u8 *b = p;
    u32 c = crc32_update(0, b, crc_off);
    c = crc32_update(c, zeros, sizeof(zeros));
    c = crc32_update(c, b + crc_off + sizeof(zeros), h->total_size - crc_off - sizeof(zeros));
    if (c != h->crc32) {
        kprintf("shyper: config blob is corrupt: CRC-32 0x%08x, expected 0x%08x\n", c, h->crc32);
        return -1;
    }
    if (h->cpu_count == 0 || h->cpu_count > SHY_MAX_CPUS || h->vm_count > SHY_MAX_VMS
        || !table_ok(h->cpu_off, h->cpu_count, sizeof(struct shy_blob_cpu), h->total_size)
        || !table_ok(h->vm_off, h->vm_count, sizeof(struct shy_blob_vm), h->total_size)
        || !table_ok(h->dram_off, h->dram_count, sizeof(struct shy_blob_dram), h->total_size)
        || !table_ok(h->region_off, h->region_count, sizeof(struct shy_blob_region), h->total_size)
        || !table_ok(h->irq_off, h->irq_count, sizeof(struct shy_blob_irq), h->total_size)
        || !table_ok(h->payload_off, h->payload_count, sizeof(struct shy_blob_payload), h->total_size)
        || !table_ok(h->doorbell_off, h->doorbell_count, sizeof(struct shy_blob_doorbell), h->total_size)) {
        kprintf("shyper: config blob tables are out of range\n");
        return -1;
    }
    blob = h;
    return blob_verify();           /* every isolation invariant, in blob_verify.c */
}

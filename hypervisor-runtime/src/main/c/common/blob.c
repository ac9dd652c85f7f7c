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
    /* CRC over the whole blob with the crc32 field read as zero. */
    u32 crc_off = offsetof(struct shy_blob_header, crc32);
    const u8 *b = p;
    u32 c = 0xffffffffu;
    for (u32 i = 0; i < h->total_size; i++) {
        c ^= (i >= crc_off && i < crc_off + 4) ? 0 : b[i];
        for (int k = 0; k < 8; k++) c = (c >> 1) ^ (0xedb88320u & (0u - (c & 1)));
    }
    c = ~c;
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

/* Fuzz target blob: blob_check and blob_verify on any bytes with a valid CRC-32. The input is the blob, placed where
 * the runtime finds it (__blob_start) in the modelled image; its CRC field is set for the size its header gives, so
 * that every input gets past the integrity check and exercises the table and isolation checks.
 *
 * Invariants: no sanitizer report; blob_check reads nothing outside the blob's 1 MiB window (the rest of the modelled
 * memory is poisoned) and writes nothing in it (read-only); a blob it accepts keeps the facts every later index into
 * the runtime's tables relies on. */
#include "host/harness.h"
#include <sys/mman.h>
#include <sanitizer/asan_interface.h>

static size_t high;                 /* bytes of the window the last input used */

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc; (void)argv;
    void *mem = mmap((void *)MEM_BASE, MEM_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
    if (mem != (void *)MEM_BASE) { perror("mmap of the modelled memory"); exit(2); }
    if (getenv("SHY_FUZZ_DUMP_BLOB")) {       /* seeds: the harness systems' blobs */
        u32 size;
        sys_build_blob((void *)BLOB_ADDR, (u32)atoi(getenv("SHY_FUZZ_DUMP_GIC")), &size);
        FILE *f = fopen(getenv("SHY_FUZZ_DUMP_BLOB"), "wb");
        if (!f || fwrite((void *)BLOB_ADDR, 1, size, f) != size) { perror("dump"); exit(2); }
        fclose(f);
        exit(0);
    }
    ASAN_POISON_MEMORY_REGION((void *)MEM_BASE, BLOB_ADDR - MEM_BASE);
    ASAN_POISON_MEMORY_REGION((void *)(BLOB_ADDR + SHY_MAX_BLOB_SIZE), MEM_BASE + MEM_SIZE - BLOB_ADDR - SHY_MAX_BLOB_SIZE);
    lenient_mmio = 1;
    model_reset();
    return 0;
}

static void accepted(const struct shy_blob_header *h)
{
    if (h->cpu_count == 0 || h->cpu_count > SHY_MAX_CPUS || h->vm_count == 0 || h->vm_count > SHY_MAX_VMS)
        violation("accepted with %u cores and %u VMs", h->cpu_count, h->vm_count);
    if (h->gic_lines > SHY_MAX_GIC_LINES || h->ipi_sgi >= 16) violation("accepted with %u GIC lines, IPI %u", h->gic_lines, h->ipi_sgi);
    for (u32 i = 0; i < h->cpu_count; i++) {
        const struct shy_blob_cpu *c = blob_cpu(i);
        if (c->vm != SHY_NO_VM && (c->vm >= h->vm_count || c->vcpu >= blob_vm(c->vm)->vcpu_count))
            violation("accepted core %u running vm %u vcpu %u", i, c->vm, c->vcpu);
    }
    for (u32 v = 0; v < h->vm_count; v++) {
        const struct shy_blob_vm *vm = blob_vm(v);
        if (vm->vcpu_count == 0 || vm->vcpu_count > h->cpu_count) violation("accepted vm %u with %u vCPUs", v, vm->vcpu_count);
        if ((u64)vm->first_region + vm->region_count > h->region_count || (u64)vm->first_irq + vm->irq_count > h->irq_count)
            violation("accepted vm %u whose tables run past their ends", v);
        if (!memchr(vm->name, 0, SHY_NAME_LEN)) violation("accepted vm %u with an unterminated name", v);
        for (u32 k = 0; k < vm->irq_count; k++) {
            u32 id = blob_irq(vm->first_irq + k)->intid;
            if (id < 32 || id >= h->gic_lines) violation("accepted vm %u owning INTID %u", v, id);
        }
        for (u32 k = 0; k < vm->region_count; k++) {
            const struct shy_blob_region *r = blob_region(vm->first_region + k);
            if (r->vm != v) violation("accepted region %u of vm %u naming vm %u", vm->first_region + k, v, r->vm);
            if (r->kind == SHY_REGION_VIRTIO && (r->irq < 32 || r->irq >= h->gic_lines)) violation("accepted virtio INTID %u", r->irq);
        }
    }
}

int LLVMFuzzerTestOneInput(const u8 *data, size_t n)
{
    u8 *b = (u8 *)BLOB_ADDR;
    if (n > SHY_MAX_BLOB_SIZE) n = SHY_MAX_BLOB_SIZE;
    mprotect(b, SHY_MAX_BLOB_SIZE, PROT_READ | PROT_WRITE);
    memset(b, 0, high);
    memcpy(b, data, n);
    struct shy_blob_header *h = (void *)b;
    u32 total = n >= 16 ? h->total_size : 0;
    /* A size past the input (and past 4 KiB) would only add zeros, and two bitwise CRC-32 passes over up to 1 MiB make
     * an input take a tenth of a second: such a size is cut to the input's. Sizes the header check refuses stay. */
    if (n >= 16 && total > n && total > 4096 && total <= SHY_MAX_BLOB_SIZE) h->total_size = total = (u32)n;
    if (n >= 20 && total >= 20 && total <= SHY_MAX_BLOB_SIZE) {
        h->crc32 = 0;
        h->crc32 = crc32(b, total);
    }
    high = n > total ? n : total;
    if (high > SHY_MAX_BLOB_SIZE) high = SHY_MAX_BLOB_SIZE;
    mprotect(b, SHY_MAX_BLOB_SIZE, PROT_READ);
    blob = 0;
    if (blob_check(b) == 0) accepted(blob);
    return 0;
}

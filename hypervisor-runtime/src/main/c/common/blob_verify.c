/* The config blob, re-checked before anything is built from it.
 *
 * shyperc writes blobs that keep every isolation invariant, but a blob with a valid CRC can still say that one VM
 * maps another's RAM, the hypervisor's own text or an interrupt someone else owns. The runtime does not take the
 * blob's word for any of it: blob_verify runs once, on the boot core with the MMU off, after the CRC check and before
 * the pool, the EL2 tables, stage 2 or any payload copy. The first broken invariant is reported
 * (`shyper: config blob refused: ...`) and the machine powers off with status 2.
 *
 * Overlaps are found by sorting intervals and sweeping them once (n log n): every mapped PA range of every VM and
 * everything the hypervisor keeps for itself, then each VM's IPA windows. The sort is a heap sort over a fixed table
 * in .bss: it needs no allocator (the pool does not exist yet), no recursion (8 KiB boot stack) and its worst case is
 * n log n whatever order the blob lists its regions in. Small fixed tables (at most 8 cores) are checked directly. */
#include "rt.h"

extern char _start[];

/* From the architecture's rt.h: GUEST_IPA_BITS (the stage-2 input range), HYP_MAP_LIMIT (what the hypervisor's own
 * map reaches), CPU_ID_MASK (the bits that name a core), FIRST_SHARED_IRQ (the first interrupt a VM may own),
 * SHARED_IRQ_NAME, STAGE2_NAME. The interrupt controller's checks are the architecture's (arch_verify_intc). */
#define IPA_LIMIT   (1ul << GUEST_IPA_BITS)
#define EL2_LIMIT   HYP_MAP_LIMIT
#define NOBODY      0xffu
#define KIND_COLOURED 0x80u             /* cache colouring: a span's kind | this = a coloured RAM region's PA stretch */
#define ALLOW_SHARED  1                 /* sweep: mappings of one shared region may coincide */
#define ALLOW_COLOURED 2                /* sweep: coloured stretches may interleave (each colour is swept on its own) */

static const struct shy_blob_header *h;
static u64 pa_limit;
static u32 pa_bits;

/* --- reporting --- */

static void say(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    kvprintf(fmt, ap);
    va_end(ap);
}

int verify_refuse(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    console_lock();
    console_puts_locked("shyper: config blob refused: ");
    kvprintf(fmt, ap);
    console_putc_locked('\n');
    console_unlock();
    va_end(ap);
    return -1;
}

static const char *kind_name(u32 kind)
{
    switch (kind) {
    case SHY_REGION_RAM: return "RAM";
    case SHY_REGION_MMIO: return "MMIO";
    case SHY_REGION_SHARED: return "shared";
    case SHY_REGION_VIRTIO: return "virtio";
    default: return "?";
    }
}

static const char *payload_name(u32 kind)
{
    return kind == SHY_PAYLOAD_KERNEL ? "kernel" : kind == SHY_PAYLOAD_DTB ? "dtb" : kind == SHY_PAYLOAD_INITRD ? "initrd" : "?";
}

/* --- ranges --- */

/* [base, base + size) does not wrap and ends at or below limit. */
int verify_fits(u64 base, u64 size, u64 limit) { return size <= limit && base <= limit - size; }
#define fits verify_fits
#define refuse verify_refuse
static int page_aligned(u64 v) { return (v & (PAGE_SIZE - 1)) == 0; }
static int terminated(const char *s, u32 n) { for (u32 i = 0; i < n; i++) if (!s[i]) return 1; return 0; }

static int in_one_dram_bank(u64 base, u64 size)
{
    for (u32 i = 0; i < h->dram_count; i++) {
        const struct shy_blob_dram *d = blob_dram(i);
        if (base >= d->base && fits(base - d->base, size, d->size)) return 1;
    }
    return 0;
}

/* --- intervals, sorted and swept --- */

struct span {
    u64 start, end;
    u16 index;                  /* region number inside its VM */
    u8 owner, vm, kind;         /* enum verify_owner; VM id (0xff: the hypervisor's); SHY_REGION_* */
};

static struct span spans[SHY_MAX_REGIONS + 16];
static u32 nspans;

void verify_add(u64 start, u64 size, u32 owner, u32 vm, u32 index, u32 kind)
{
    if (!size) return;
    spans[nspans++] = (struct span){ start, start + size, (u16)index, (u8)owner, (u8)vm, (u8)kind };
}
#define add verify_add

static void put_span(const struct span *s, const char *space)
{
    static const char *const what[] = {
        [OWN_RESERVE] = "the hypervisor's reservation", [OWN_IMAGE] = "the hypervisor's image",
        [OWN_POOL] = "the hypervisor's pool", [OWN_CONSOLE] = "the hypervisor's console",
        [OWN_GICD] = "the GIC distributor", [OWN_GICC] = "the GIC CPU interface",
        [OWN_GICH] = "the GIC hypervisor interface", [OWN_GICV] = "the GIC virtual CPU interface",
        [OWN_GICR] = "the GIC redistributors", [OWN_PLIC] = "the PLIC", [WIN_CONSOLE] = "emulated console",
        [WIN_GICD] = "emulated distributor", [WIN_GICC] = "GICV window", [WIN_GICR] = "emulated redistributors",
        [WIN_PLIC] = "emulated PLIC",
    };
    if (s->owner == OWN_REGION) {
        say("vm %u region %u (%s%s)", (u32)s->vm, (u32)s->index, (s->kind & KIND_COLOURED) ? "coloured " : "",
            kind_name(s->kind & ~KIND_COLOURED));
    }
    else if (s->owner >= WIN_CONSOLE) say("vm %u's %s", (u32)s->vm, what[s->owner]);
    else say("%s", what[s->owner]);
    say(" %s [0x%lx, 0x%lx)", space, s->start, s->end);
}

static int before(const struct span *a, const struct span *b)
{
    if (a->start != b->start) return a->start < b->start;
    if (a->end != b->end) return a->end < b->end;
    return a->vm < b->vm || (a->vm == b->vm && a->index < b->index);
}

static void sift_down(struct span *s, u32 root, u32 n)
{
    for (;;) {
        u32 big = root, l = 2 * root + 1, r = l + 1;
        if (l < n && before(&s[big], &s[l])) big = l;
        if (r < n && before(&s[big], &s[r])) big = r;
        if (big == root) return;
        struct span t = s[root];
        s[root] = s[big];
        s[big] = t;
        root = big;
    }
}

static void heap_sort(struct span *s, u32 n)
{
    for (u32 i = n / 2; i-- > 0;) sift_down(s, i, n);
    for (u32 end = n; end > 1; end--) {
        struct span t = s[0];
        s[0] = s[end - 1];
        s[end - 1] = t;
        sift_down(s, 0, end - 1);
    }
}

#define MEMORY_TYPE (SHY_REGION_NOCACHE | SHY_REGION_DEVICE)

static u32 memory_type(const struct span *s)
{
    return blob_region(blob_vm(s->vm)->first_region + s->index)->flags & MEMORY_TYPE;
}

/* Two VMs' mappings of one shared region: both shared, the very same pages, the same memory type (mismatched types
 * would lose coherency: Arm ARM, "Mismatched memory attributes"). */
static int one_shared_region(const struct span *a, const struct span *b)
{
    return a->owner == OWN_REGION && b->owner == OWN_REGION && a->kind == SHY_REGION_SHARED
           && b->kind == SHY_REGION_SHARED && a->start == b->start && a->end == b->end && memory_type(a) == memory_type(b);
}

/* Two coloured RAM regions' stretches: they interleave page by page; check_colours sweeps each colour on its own. */
static int both_coloured(const struct span *a, const struct span *b)
{
    return a->owner == OWN_REGION && b->owner == OWN_REGION && (a->kind & KIND_COLOURED) && (b->kind & KIND_COLOURED);
}

/* Sorted by start, an interval overlaps an earlier one iff it starts before the furthest end so far; comparing it with
 * the interval that reaches furthest finds a forbidden pair whenever there is one, because the allowed overlaps
 * (identical shared ranges; coloured stretches among themselves) are transitive: if that interval may overlap this
 * one, any earlier interval this one overlaps also overlaps it, and the pair was reported when the later of the two
 * was swept. */
static int sweep(const char *space, int allow)
{
    heap_sort(spans, nspans);
    u32 far = 0;
    for (u32 i = 1; i < nspans; i++) {
        const struct span *a = &spans[i], *b = &spans[far];
        if (a->start < b->end && !((allow & ALLOW_SHARED) && one_shared_region(a, b))
            && !((allow & ALLOW_COLOURED) && both_coloured(a, b))) {
            say("shyper: config blob refused: ");
            put_span(a, space);
            say(" overlaps ");
            put_span(b, space);
            say("\n");
            return -1;
        }
        if (a->end > b->end) far = i;
    }
    return 0;
}

/* --- the invariants --- */

/* The header's own facts; the interrupt controller's (its interrupt numbers and frames, which bound every later index
 * into the emulated controller's tables) are the architecture's. */
static int check_header(void)
{
    if (!terminated(h->system, SHY_NAME_LEN)) return refuse("the system name is not terminated");
    if (h->flags & ~SHY_BLOB_KNOWN_FLAGS) return refuse("unknown header flags 0x%x", h->flags);
    if (h->vm_count == 0) return refuse("it has no VMs");
    if (h->dram_count == 0) return refuse("it has no DRAM bank");
    if (h->region_count > SHY_MAX_REGIONS) return refuse("%u regions; this runtime checks at most %u", h->region_count, SHY_MAX_REGIONS);
    if (arch_verify_intc(h)) return -1;
    if (!h->console_size || !fits(h->console_base, h->console_size, EL2_LIMIT)) {
        return refuse("the console [0x%lx, +0x%lx) is outside the hypervisor's device map", h->console_base, h->console_size);
    }
    return 0;
}

static int check_dram(void)
{
    for (u32 i = 0; i < h->dram_count; i++) {
        const struct shy_blob_dram *d = blob_dram(i);
        if (!d->size || !fits(d->base, d->size, EL2_LIMIT)) {
            return refuse("DRAM bank %u [0x%lx, +0x%lx) is empty or beyond the hypervisor's 512 GiB map", i, d->base, d->size);
        }
    }
    return 0;
}

/* The runtime, the blob and the payload copies in the image, then the pool, all inside the reservation. */
static int check_image(void)
{
    u64 load = (u64)_start, blob_end = (u64)__blob_start - load + h->total_size;
    if (h->load_address != load) return refuse("image linked for 0x%lx but running at 0x%lx", h->load_address, load);
    if (h->image_size < blob_end || !fits(load, h->image_size, EL2_LIMIT)) {
        return refuse("an image of 0x%lx bytes cannot hold the runtime and the blob (0x%lx bytes)", h->image_size, blob_end);
    }
    u64 rb = h->reserve_base, rs = h->reserve_size;
    if (!rs || !page_aligned(rb) || !page_aligned(rs) || !in_one_dram_bank(rb, rs)) {
        return refuse("the hypervisor's reservation [0x%lx, +0x%lx) is not whole pages inside one DRAM bank", rb, rs);
    }
    if (load < rb || !fits(load - rb, h->image_size, rs) || load - rb + h->image_size == rs) {
        return refuse("the image [0x%lx, 0x%lx) leaves no pool inside the hypervisor's reservation [0x%lx, 0x%lx)",
                      load, load + h->image_size, rb, rb + rs);
    }
    return 0;
}

/* Table index ranges and back references: each region and interrupt belongs to the VM whose range holds it. */
static int check_vms(void)
{
    for (u32 v = 0; v < h->vm_count; v++) {
        const struct shy_blob_vm *vm = blob_vm(v);
        if (vm->id != v) return refuse("vm %u says it is vm %u", v, vm->id);
        if (!terminated(vm->name, SHY_NAME_LEN)) return refuse("vm %u's name is not terminated", v);
        if (vm->vcpu_count == 0 || vm->vcpu_count > h->cpu_count) {
            return refuse("vm %u has %u vCPUs; the board has %u cores", v, vm->vcpu_count, h->cpu_count);
        }
        if ((u64)vm->first_region + vm->region_count > h->region_count) {
            return refuse("vm %u's regions [%u, %lu) are beyond the region table (%u entries)", v, vm->first_region,
                          (u64)vm->first_region + vm->region_count, h->region_count);
        }
        if ((u64)vm->first_irq + vm->irq_count > h->irq_count) {
            return refuse("vm %u's interrupts [%u, %lu) are beyond the interrupt table (%u entries)", v, vm->first_irq,
                          (u64)vm->first_irq + vm->irq_count, h->irq_count);
        }
        for (u32 k = 0; k < vm->region_count; k++) {
            u32 owner = blob_region(vm->first_region + k)->vm;
            if (owner != v) return refuse("region %u is vm %u's region %u but names vm %u", vm->first_region + k, v, k, owner);
        }
        for (u32 k = 0; k < vm->irq_count; k++) {
            u32 owner = blob_irq(vm->first_irq + k)->vm;
            if (owner != v) return refuse("interrupt entry %u is vm %u's but names vm %u", vm->first_irq + k, v, owner);
        }
        if (vm->console_kind > SHY_CONSOLE_BCM2835_AUX) return refuse("vm %u's console is of unknown kind %u", v, vm->console_kind);
    }
    return 0;
}

/* Each core has one owner and runs one vCPU; each vCPU of each VM has exactly one core. */
static int check_cpus(void)
{
    u32 seen[SHY_MAX_VMS] = { 0 };
    for (u32 i = 0; i < h->cpu_count; i++) {
        const struct shy_blob_cpu *c = blob_cpu(i);
        if (c->index != i) return refuse("cpu %u says it is core %u", i, c->index);
        for (u32 j = 0; j < i; j++) {              /* at most 8 cores: 28 comparisons */
            if (!((blob_cpu(j)->mpidr ^ c->mpidr) & CPU_ID_MASK)) {
                return refuse("cpu %u and cpu %u are the same core (MPIDR 0x%lx): a core has one owner", j, i, c->mpidr);
            }
        }
        if (c->vm == SHY_NO_VM) continue;
        if (c->vm >= h->vm_count) return refuse("cpu %u runs vm %u; the blob has %u VMs", i, c->vm, h->vm_count);
        u32 n = blob_vm(c->vm)->vcpu_count;
        if (c->vcpu >= n) return refuse("cpu %u runs vm %u vcpu %u, but vm %u has %u vCPUs", i, c->vm, c->vcpu, c->vm, n);
        if (seen[c->vm] & (1u << c->vcpu)) return refuse("vm %u vcpu %u runs on two cores (cpu %u is the second)", c->vm, c->vcpu, i);
        seen[c->vm] |= 1u << c->vcpu;
    }
    if (h->console_kind < SHY_CONSOLE_PL011 || h->console_kind > SHY_CONSOLE_BCM2835_AUX) {
        return refuse("the hypervisor's console is of unknown kind %u", h->console_kind);
    }
    for (u32 v = 0; v < h->vm_count; v++) {
        u32 n = blob_vm(v)->vcpu_count, want = (1u << n) - 1;
        if (seen[v] != want) {
            return refuse("vm %u has %u vCPUs but cores run only %u of them (vcpu %u has none)", v, n,
                          (u32)__builtin_popcount(seen[v]), (u32)__builtin_ctz(~seen[v] & want));
        }
    }
    return 0;
}

/* The VM lifecycle (shy_blob_vm.lifecycle, SHY_VM_FLAG_WAITING): known bits only, and a VM that waits to be started
 * needs a management VM to start it and is not that VM. A runtime that does not implement lifecycles (riscv64 defines
 * RT_NO_LIFECYCLE) refuses any that is not the default, rather than ignore it. */
static int check_lifecycle(void)
{
    int management = 0;
    for (u32 v = 0; v < h->vm_count; v++) management |= (blob_vm(v)->flags & SHY_VM_FLAG_MANAGEMENT) != 0;
    for (u32 v = 0; v < h->vm_count; v++) {
        const struct shy_blob_vm *vm = blob_vm(v);
#ifdef RT_NO_LIFECYCLE
        if (vm->lifecycle || (vm->flags & SHY_VM_FLAG_WAITING)) {
            return refuse("vm %u has a lifecycle (0x%x, flags 0x%x) this runtime does not implement", v, vm->lifecycle, vm->flags);
        }
#endif
        if (vm->lifecycle & SHY_LIFE_RESERVED_BITS) return refuse("vm %u has unknown lifecycle bits 0x%x", v, vm->lifecycle);
        if (!(vm->flags & SHY_VM_FLAG_WAITING)) continue;
        if (vm->flags & SHY_VM_FLAG_MANAGEMENT) return refuse("vm %u is the management VM and waits to be started", v);
        if (!management) return refuse("vm %u waits to be started but no VM is the management VM", v);
    }
    return 0;
}

/* A core that waits in the firmware's spin table runs whatever address lands in its release word, at EL2: a release
 * word inside a VM's mapping would let that VM start an idle core on its own code. Release words lie outside every
 * VM's PA ranges and outside the image and pool (the runtime writes the word; the rest of its memory it must keep). */
static int check_spin_tables(void)
{
    u64 reserve_end = h->reserve_base + h->reserve_size;
    for (u32 i = 0; i < h->cpu_count; i++) {
        const struct shy_blob_cpu *c = blob_cpu(i);
        if (c->start == SHY_CPU_START_PSCI) {
            if (c->release_addr) return refuse("cpu %u starts with PSCI but has a spin-table release word 0x%lx", i, c->release_addr);
            continue;
        }
        if (c->start != SHY_CPU_START_SPIN_TABLE) return refuse("cpu %u starts in an unknown way (%u)", i, c->start);
        u64 a = c->release_addr;
        if ((a & 7) || !fits(a, 8, EL2_LIMIT)) {
            return refuse("cpu %u's spin-table release word 0x%lx is not an aligned word of the hypervisor's 512 GiB map", i, a);
        }
        if (a + 8 > h->load_address && a < reserve_end) {
            return refuse("cpu %u's spin-table release word 0x%lx is inside the hypervisor's image and pool [0x%lx, 0x%lx)", i, a,
                          h->load_address, reserve_end);
        }
        for (u32 v = 0; v < h->vm_count; v++) {
            const struct shy_blob_vm *vm = blob_vm(v);
            for (u32 k = 0; k < vm->region_count; k++) {
                const struct shy_blob_region *r = blob_region(vm->first_region + k);
                if (r->kind != SHY_REGION_VIRTIO && a + 8 > r->pa && a - r->pa < region_stretch(vm, r)) {
                    return refuse("cpu %u's spin-table release word 0x%lx is inside vm %u region %u (%s) PA [0x%lx, 0x%lx)", i,
                                  a, v, k, kind_name(r->kind), r->pa, r->pa + region_stretch(vm, r));
                }
            }
        }
    }
    return 0;
}

/* Each region on its own: whole pages, inside the IPA and PA ranges, a known kind. */
static int check_regions(void)
{
    for (u32 v = 0; v < h->vm_count; v++) {
        const struct shy_blob_vm *vm = blob_vm(v);
        for (u32 k = 0; k < vm->region_count; k++) {
            const struct shy_blob_region *r = blob_region(vm->first_region + k);
            const char *kn = kind_name(r->kind);
            if (r->kind == SHY_REGION_VIRTIO) {
                if (!r->size || !fits(r->ipa, r->size, IPA_LIMIT)) {
                    return refuse("vm %u region %u (virtio) IPA [0x%lx, +0x%lx) is beyond the %u-bit " STAGE2_NAME " input range", v, k,
                                  r->ipa, r->size, GUEST_IPA_BITS);
                }
                if (r->irq < FIRST_SHARED_IRQ || r->irq >= h->gic_lines) {
                    return refuse("vm %u region %u (virtio) raises INTID %u, not " SHARED_IRQ_NAME, v, k, r->irq);
                }
                continue;
            }
            if (r->kind != SHY_REGION_RAM && r->kind != SHY_REGION_MMIO && r->kind != SHY_REGION_SHARED) {
                return refuse("vm %u region %u is of unknown kind %u", v, k, r->kind);
            }
            if (!r->size || !page_aligned(r->ipa | r->pa | r->size)) {
                return refuse("vm %u region %u (%s) is not whole 4 KiB pages: IPA 0x%lx PA 0x%lx size 0x%lx", v, k, kn, r->ipa, r->pa, r->size);
            }
            if (!fits(r->ipa, r->size, IPA_LIMIT)) {
                return refuse("vm %u region %u (%s) IPA [0x%lx, 0x%lx) is beyond the %u-bit " STAGE2_NAME " input range", v, k, kn,
                              r->ipa, r->ipa + r->size, GUEST_IPA_BITS);
            }
            /* RAM is Normal write-back and may be coloured; shared and MMIO regions may have one other memory type;
             * any mapped region may be held to 4 KiB pages */
            u32 known = SHY_REGION_WRITABLE | SHY_REGION_PAGES
                        | (r->kind == SHY_REGION_RAM ? SHY_REGION_COLOURED : REGION_MEMORY_FLAGS);
            if (r->flags & ~known) return refuse("vm %u region %u (%s) has unknown flags 0x%x", v, k, kn, r->flags);
            if ((r->flags & MEMORY_TYPE) == MEMORY_TYPE) {
                return refuse("vm %u region %u (%s) is both non-cacheable and Device memory (flags 0x%x)", v, k, kn, r->flags);
            }
            if ((r->flags & SHY_REGION_COLOURED)
                && (r->kind != SHY_REGION_RAM || !(vm->flags & SHY_VM_FLAG_COLOURED) || r->pa % (vm->colours * PAGE_SIZE))) {
                return refuse("vm %u region %u (%s) is coloured but is not RAM of a coloured VM starting a colour period", v, k, kn);
            }
            if (!fits(r->pa, region_stretch(vm, r), pa_limit)) {
                return refuse("vm %u region %u (%s) PA [0x%lx, 0x%lx) is beyond this CPU's %u-bit physical addresses", v, k, kn,
                              r->pa, r->pa + region_stretch(vm, r), pa_bits);
            }
        }
    }
    return 0;
}

/* PA ranges of different owners are disjoint: VMs' RAM, devices and shared regions, the hypervisor's reservation
 * (image and pool), its console and GIC. Only mappings of one shared region coincide. */
static int check_pa_overlaps(void)
{
    nspans = 0;
    for (u32 v = 0; v < h->vm_count; v++) {
        const struct shy_blob_vm *vm = blob_vm(v);
        for (u32 k = 0; k < vm->region_count; k++) {
            const struct shy_blob_region *r = blob_region(vm->first_region + k);
            if (r->kind == SHY_REGION_VIRTIO) continue;
            u32 coloured = (r->flags & SHY_REGION_COLOURED) ? KIND_COLOURED : 0;
            add(r->pa, region_stretch(vm, r), OWN_REGION, v, k, r->kind | coloured);
        }
    }
    u64 image_end = h->load_address + h->image_size, reserve_end = h->reserve_base + h->reserve_size;
    add(h->reserve_base, h->load_address - h->reserve_base, OWN_RESERVE, SHY_NO_VM, 0, 0);
    add(h->load_address, h->image_size, OWN_IMAGE, SHY_NO_VM, 0, 0);
    add(image_end, reserve_end - image_end, OWN_POOL, SHY_NO_VM, 0, 0);
    add(h->console_base, h->console_size, OWN_CONSOLE, SHY_NO_VM, 0, 0);
    arch_hyp_frames(h);
    return sweep("PA", ALLOW_SHARED | ALLOW_COLOURED);
}

/* cache colouring: a coloured VM's colours are a non-empty set of its cache's colours (every VM's cache the same). */
static u32 colours;

static int check_colour_vms(void)
{
    u32 most = 0;
    for (u32 v = 0; v < h->vm_count; v++) {
        const struct shy_blob_vm *vm = blob_vm(v);
        if (!(vm->flags & SHY_VM_FLAG_COLOURED)) {
            if (vm->colour_mask || vm->colours) return refuse("vm %u is not coloured but has colours", v);
            continue;
        }
#ifndef ARCH_COLOURING
        return refuse("vm %u is coloured; this runtime cannot map coloured RAM", v);
#endif
        u32 n = vm->colours;
        if (n < 2 || n > 64 || (n & (n - 1))) return refuse("vm %u's cache has %u colours, not a power of two from 2 to 64", v, n);
        if (!vm->colour_mask || (n < 64 && vm->colour_mask >> n)) {
            return refuse("vm %u's colours 0x%lx are not a set of its cache's %u colours", v, vm->colour_mask, n);
        }
        if (most && n != most) return refuse("vm %u's cache has %u colours, another VM's %u", v, n, most);
        most = n;
    }
    colours = most;
    return 0;
}

/* cache colouring of the hypervisor itself: its colours a non-empty set of the cache's (the VMs' cache the same), none
 * of them a VM's; its cores started by PSCI (a core released from a spin table reads its stack from the image with its
 * MMU off, where the coloured runtime's copy is not); the reservation after the image holds the stack window and pages
 * of its colours for the image's copy. */
static u64 colour_pages(u64 a, u64 b, u64 mask, u64 n)
{
    u64 p = a / PAGE_SIZE, e = b / PAGE_SIZE, count = 0;
    for (; p < e && p % n; p++) count += mask >> (p % n) & 1;
    if (p >= e) return count;
    count += (e - p) / n * colour_bits(mask);
    for (p += (e - p) / n * n; p < e; p++) count += mask >> (p % n) & 1;
    return count;
}

static int check_hyp_colours(void)
{
    u64 m = h->hyp_colour_mask, n = h->hyp_colours;
    if (!m) return n ? refuse("the hypervisor has no colours but a cache of %u colours", (u32)n) : 0;
#ifndef ARCH_COLOURING
    return refuse("the hypervisor is coloured; this runtime cannot colour its own memory");
#endif
    if (n < 2 || n > 64 || (n & (n - 1))) return refuse("the hypervisor's cache has %u colours, not a power of two from 2 to 64", (u32)n);
    if (n < 64 && m >> n) return refuse("the hypervisor's colours 0x%lx are not a set of its cache's %u colours", m, (u32)n);
    if (colours && colours != n) return refuse("the hypervisor's cache has %u colours, the VMs' %u", (u32)n, colours);
    for (u32 v = 0; v < h->vm_count; v++) {
        const struct shy_blob_vm *vm = blob_vm(v);
        if ((vm->flags & SHY_VM_FLAG_COLOURED) && (vm->colour_mask & m)) {
            return refuse("vm %u uses colour %u, one of the hypervisor's", v, (u32)__builtin_ctzl(vm->colour_mask & m));
        }
    }
    for (u32 i = 0; i < h->cpu_count; i++) {
        if (blob_cpu(i)->start == SHY_CPU_START_SPIN_TABLE) {
            return refuse("cpu %u starts from a spin table; a coloured hypervisor starts its cores by PSCI only", i);
        }
    }
    u64 image_end = h->load_address + h->image_size, reserve_end = h->reserve_base + h->reserve_size;
    u64 copy = ((u64)__blob_start - (u64)_start + h->total_size + PAGE_SIZE - 1) / PAGE_SIZE;
    u64 window = (u64)SHY_MAX_CPUS * (STACK_SIZE + PAGE_SIZE);
    if (reserve_end - image_end < window || colour_pages(image_end, reserve_end - window, m, n) < copy + 2) {
        return refuse("the hypervisor's reservation after the image [0x%lx, 0x%lx) holds too few pages of its colours "
                      "for its copy (%lu pages) and stacks", image_end, reserve_end, copy);
    }
    return 0;
}

/* cache colouring: stretches of coloured regions that use one colour are disjoint (their pages of that colour are then
 * too: a coloured region uses a page of each of its colours in every period of its stretch). One sweep per colour. */
static int check_colour_pages(void)
{
    for (u32 c = 0; c < colours; c++) {
        nspans = 0;
        for (u32 v = 0; v < h->vm_count; v++) {
            const struct shy_blob_vm *vm = blob_vm(v);
            if (!(vm->flags & SHY_VM_FLAG_COLOURED) || !(vm->colour_mask >> c & 1)) continue;
            for (u32 k = 0; k < vm->region_count; k++) {
                const struct shy_blob_region *r = blob_region(vm->first_region + k);
                if (r->flags & SHY_REGION_COLOURED) add(r->pa, region_stretch(vm, r), OWN_REGION, v, k, r->kind | KIND_COLOURED);
            }
        }
        if (sweep("PA", 0)) return -1;
    }
    return 0;
}

/* Memory is memory: RAM and shared regions lie in DRAM (the EL2 map and stage 2 treat them as Normal memory). */
static int check_ram_in_dram(void)
{
    for (u32 v = 0; v < h->vm_count; v++) {
        const struct shy_blob_vm *vm = blob_vm(v);
        for (u32 k = 0; k < vm->region_count; k++) {
            const struct shy_blob_region *r = blob_region(vm->first_region + k);
            if ((r->kind == SHY_REGION_RAM || r->kind == SHY_REGION_SHARED) && !in_one_dram_bank(r->pa, region_stretch(vm, r))) {
                return refuse("vm %u region %u (%s) PA [0x%lx, 0x%lx) is not inside one DRAM bank", v, k, kind_name(r->kind),
                              r->pa, r->pa + region_stretch(vm, r));
            }
        }
    }
    return 0;
}

/* Inside one VM: emulated windows are where the VM traps, mapped regions where it does not; none may overlap. The
 * interrupt controller's windows (and what they may map) are the architecture's: arch_vm_windows adds them, after
 * refusing a bad one. */
static int check_ipa_windows(void)
{
    for (u32 v = 0; v < h->vm_count; v++) {
        const struct shy_blob_vm *vm = blob_vm(v);
        nspans = 0;
        if (vm->console_size && !fits(vm->console_ipa, vm->console_size, IPA_LIMIT)) {
            return refuse("vm %u's window IPA [0x%lx, +0x%lx) is beyond the %u-bit " STAGE2_NAME " input range", v,
                          vm->console_ipa, vm->console_size, GUEST_IPA_BITS);
        }
        add(vm->console_ipa, vm->console_size, WIN_CONSOLE, v, 0, 0);
        if (arch_vm_windows(vm, v)) return -1;
        for (u32 k = 0; k < vm->region_count; k++) {
            const struct shy_blob_region *r = blob_region(vm->first_region + k);
            add(r->ipa, r->size, OWN_REGION, v, k, r->kind);
        }
        if (sweep("IPA", 0)) return -1;
    }
    return 0;
}

/* Each SPI has one owner, and the hypervisor's console interrupt none. */
static int check_irqs(void)
{
    static u8 owner[1024];
    memset(owner, NOBODY, sizeof(owner));
    for (u32 v = 0; v < h->vm_count; v++) {
        const struct shy_blob_vm *vm = blob_vm(v);
        for (u32 k = 0; k < vm->irq_count; k++) {
            u32 id = blob_irq(vm->first_irq + k)->intid;
            if (id < FIRST_SHARED_IRQ || id >= h->gic_lines) {
                return refuse("vm %u owns INTID %u, not " SHARED_IRQ_NAME " (%u to %u)", v, id, FIRST_SHARED_IRQ, h->gic_lines - 1);
            }
            if (id == h->console_irq) return refuse("vm %u owns " SHARED_IRQ " %u, the hypervisor console's interrupt", v, id);
            if (owner[id] != NOBODY) return refuse(SHARED_IRQ " %u is owned by vm %u and by vm %u", id, owner[id], v);
            owner[id] = (u8)v;
        }
    }
    for (u32 v = 0; v < h->vm_count; v++) {
        const struct shy_blob_vm *vm = blob_vm(v);
        for (u32 k = 0; k < vm->region_count; k++) {
            const struct shy_blob_region *r = blob_region(vm->first_region + k);
            if (r->kind == SHY_REGION_VIRTIO && owner[r->irq] == v) {
                return refuse("vm %u region %u (virtio) raises " SHARED_IRQ " %u, which vm %u also owns as a device's", v, k, r->irq, v);
            }
        }
    }
    return 0;
}

/* Doorbells (issue 13): between two different VMs, each a virtual SPI of the receiver that none of the receiver's
 * devices (passthrough or virtio) uses and that is not the hypervisor console's. The riscv64 runtime has none yet. */
static int check_doorbells(void)
{
    if (h->doorbell_count && h->gic_version == SHY_INTC_PLIC) return refuse("it has %u doorbells; this runtime has none",
                                                                            h->doorbell_count);
    for (u32 i = 0; i < h->doorbell_count; i++) {
        const struct shy_blob_doorbell *d = blob_doorbell(i);
        if (d->from >= h->vm_count || d->to >= h->vm_count || d->from == d->to) {
            return refuse("doorbell %u goes from vm %u to vm %u; the blob has %u VMs", i, d->from, d->to, h->vm_count);
        }
        if (d->intid < FIRST_SHARED_IRQ || d->intid >= h->gic_lines || d->intid >= SHY_MAX_INTIDS || d->intid == h->console_irq) {
            return refuse("doorbell %u rings INTID %u, not a free " SHARED_IRQ_NAME, i, d->intid);
        }
        const struct shy_blob_vm *vm = blob_vm(d->to);
        for (u32 k = 0; k < vm->irq_count; k++) {
            if (blob_irq(vm->first_irq + k)->intid == d->intid) {
                return refuse("doorbell %u rings " SHARED_IRQ " %u, which vm %u owns as a device's", i, d->intid, d->to);
            }
        }
        for (u32 k = 0; k < vm->region_count; k++) {
            const struct shy_blob_region *r = blob_region(vm->first_region + k);
            if (r->kind == SHY_REGION_VIRTIO && r->irq == d->intid) {
                return refuse("doorbell %u rings " SHARED_IRQ " %u, which vm %u's virtio device raises", i, d->intid, d->to);
            }
        }
    }
    return 0;
}

/* Payloads come from the image (after the runtime and the blob) and go into RAM of their own VM. */
static int check_payloads(void)
{
    u64 first = (u64)__blob_start - (u64)_start + h->total_size;
    for (u32 i = 0; i < h->payload_count; i++) {
        const struct shy_blob_payload *p = blob_payload(i);
        if (p->vm >= h->vm_count) return refuse("payload %u belongs to vm %u; the blob has %u VMs", i, p->vm, h->vm_count);
        if (p->kind < SHY_PAYLOAD_KERNEL || p->kind > SHY_PAYLOAD_INITRD) return refuse("payload %u is of unknown kind %u", i, p->kind);
        const char *pn = payload_name(p->kind);
        if (p->offset < first || !fits(p->offset, p->size, h->image_size)) {
            return refuse("payload %u (vm %u %s) source [0x%lx, 0x%lx) is not in the image's payload area [0x%lx, 0x%lx)", i,
                          p->vm, pn, p->offset, p->offset + p->size, first, h->image_size);
        }
        const struct shy_blob_vm *vm = blob_vm(p->vm);
        int inside = 0;
        for (u32 k = 0; k < vm->region_count && !inside; k++) {
            const struct shy_blob_region *r = blob_region(vm->first_region + k);
            u64 off;
            inside = r->kind == SHY_REGION_RAM && region_offset(vm, r, p->pa, &off) && fits(off, p->size, r->size);
        }
        if (!inside) {
            return refuse("payload %u (vm %u %s) PA [0x%lx, 0x%lx) is not inside a RAM region of vm %u", i, p->vm, pn, p->pa,
                          p->pa + p->size, p->vm);
        }
    }
    return 0;
}

int blob_verify(void)
{
    pa_bits = arch_pa_bits();
    pa_limit = 1ul << pa_bits;
    h = blob;
    if (check_header() || check_dram() || check_image() || check_vms() || check_cpus() || check_colour_vms() || check_hyp_colours() || check_regions()
        || check_spin_tables() || check_lifecycle() || check_pa_overlaps() || check_colour_pages() || check_ram_in_dram()
        || check_ipa_windows() || check_irqs() || check_payloads() || check_doorbells()) {
        return -1;
    }
    return 0;
}

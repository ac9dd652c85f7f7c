/* The small system the guest-facing harnesses run: a config blob built here and checked by the runtime's own
 * blob_check, booted the way main.c boots (vm_setup and vm_load, the GIC, vCPU 0 of every VM entered), then driven by a fuzz
 * input read as a sequence of guest actions, each on one core: an access to an emulated window (distributor,
 * redistributors, console UART, virtio-mmio), any data abort, a system-register trap, HVC or SMC, a write to the
 * guest's own RAM, an end of interrupt in a list register, console input, a pending interrupt taken.
 *
 * After every action: no VM other than the acting one changed (its struct vm, the pcpus of its cores, its RAM, its
 * virtio devices' registers), the blob did not change (it is read-only), and every write to the physical GIC
 * during the action kept to the acting VM's interrupts and cores (model.c). Memory outside the VMs' RAM, the shared
 * page, the stacks and the blob is poisoned: ASan reports any access to it. */
#include "harness.h"
#include <sys/mman.h>
#include <sanitizer/asan_interface.h>

static u32 gic_version;

/* --- the blob --- */

static void name(char *d, const char *s) { memset(d, 0, SHY_NAME_LEN); strcpy(d, s); }

void sys_build_blob(void *at, u32 version, u32 *size)
{
    u8 *b = at;
    struct shy_blob_header *h = at;
    u32 off = (sizeof(*h) + 7) & ~7u;
    memset(b, 0, 0x4000);
    h->magic = SHY_BLOB_MAGIC;
    h->version = SHY_BLOB_VERSION;
    h->header_size = sizeof(*h);
    h->console_base = UART_PA;
    h->console_size = 0x1000;
    h->console_kind = SHY_CONSOLE_PL011;
    h->console_irq = UART_IRQ;
    h->load_address = MEM_BASE;
    h->image_size = IMAGE_SIZE;
    h->reserve_base = MEM_BASE;
    h->reserve_size = RESERVE_SIZE;
    h->gic_version = version;
    h->gic_lines = 288;
    h->gicd_base = GICD_PA;
    h->gicd_size = 0x10000;
    if (version == 2) {
        h->gicc_base = GICC_PA; h->gicc_size = 0x10000;
        h->gich_base = GICH_PA; h->gich_size = 0x10000;
        h->gicv_base = GICV_PA; h->gicv_size = 0x10000;
    } else {
        h->gicr_base = GICR_PA; h->gicr_size = NCORES * 0x20000ul;
    }
    h->maintenance_irq = 25;
    h->vtimer_irq = 27;
    h->hyp_timer_irq = 26;
    h->ipi_sgi = 1;
    name(h->system, "fuzz");

    static const u32 vcpus[NVMS] = { 2, 2, 1 };
    h->cpu_count = NCORES;
    h->cpu_off = off;
    struct shy_blob_cpu *cpu = (void *)(b + off);
    for (u32 c = 0; c < NCORES; c++) {
        cpu[c].mpidr = c;
        cpu[c].index = c;
        cpu[c].vm = c < 4 ? c / 2 : c == 4 ? 2 : SHY_NO_VM;
        cpu[c].vcpu = c < 4 ? c % 2 : 0;
        cpu[c].start = SHY_CPU_START_PSCI;
    }
    off += NCORES * sizeof(*cpu);

    h->dram_count = 1;
    h->dram_off = off;
    struct shy_blob_dram *dram = (void *)(b + off);
    dram->base = MEM_BASE;
    dram->size = MEM_SIZE;
    off += sizeof(*dram);

    /* regions: per VM its RAM, a virtio console and a virtio block transport (no device behind it); VMs 0 and 1 share
     * a page */
    h->region_off = off;
    struct shy_blob_region *r = (void *)(b + off);
    u32 nr = 0, first_region[NVMS], region_count[NVMS];
    for (u32 v = 0; v < NVMS; v++) {
        first_region[v] = nr;
        r[nr++] = (struct shy_blob_region){ RAM_IPA, RAM_PA(v), RAM_SIZE, v, SHY_REGION_RAM, SHY_REGION_WRITABLE, 0 };
        r[nr++] = (struct shy_blob_region){ VIRTIO_IPA, 0, VIRTIO_SLOT, v, SHY_REGION_VIRTIO, SHY_VIRTIO_CONSOLE, 48 + 2 * v };
        r[nr++] = (struct shy_blob_region){ VIRTIO_IPA + VIRTIO_SLOT, 0, VIRTIO_SLOT, v, SHY_REGION_VIRTIO, SHY_VIRTIO_BLOCK, 49 + 2 * v };
        if (v < 2) r[nr++] = (struct shy_blob_region){ SHARED_IPA, SHARED_PA, SHARED_SIZE, v, SHY_REGION_SHARED, SHY_REGION_WRITABLE, 0 };
        region_count[v] = nr - first_region[v];
    }
    h->region_count = nr;
    off += nr * sizeof(*r);

    /* passthrough SPIs */
    static const u32 irqs[][2] = { { 40, 0 }, { 41, 0 }, { 42, 1 }, { 70, 1 }, { 100, 2 } };
    h->irq_count = 5;
    h->irq_off = off;
    struct shy_blob_irq *irq = (void *)(b + off);
    for (u32 i = 0; i < 5; i++) irq[i] = (struct shy_blob_irq){ irqs[i][0], irqs[i][1] };
    off += 5 * sizeof(*irq);

    h->vm_count = NVMS;
    h->vm_off = off;
    struct shy_blob_vm *vm = (void *)(b + off);
    static const u32 first_irq[NVMS] = { 0, 2, 4 }, irq_count[NVMS] = { 2, 2, 1 };
    for (u32 v = 0; v < NVMS; v++) {
        struct shy_blob_vm *x = &vm[v];
        static const char *const names[NVMS] = { "mgmt", "linux", "rtos" };
        name(x->name, names[v]);
        x->id = v;
        x->kind = SHY_VM_KIND_BAREMETAL;
        x->flags = v == 0 ? SHY_VM_FLAG_MANAGEMENT : 0;
        x->vcpu_count = vcpus[v];
        x->first_region = first_region[v];
        x->region_count = region_count[v];
        x->first_irq = first_irq[v];
        x->irq_count = irq_count[v];
        x->entry_ipa = RAM_IPA;
        x->dtb_ipa = RAM_IPA + 0x3000;
        x->console_kind = v == 1 ? SHY_CONSOLE_NS16550 : SHY_CONSOLE_PL011;
        x->console_ipa = UART_PA;
        x->console_size = 0x1000;
        x->gicd_ipa = GICD_PA;
        x->gicd_size = 0x10000;
        if (version == 2) { x->gicc_ipa = GICC_PA; x->gicc_size = 0x2000; }
        else { x->gicr_ipa = GICR_PA; x->gicr_size = vcpus[v] * 0x20000ul; }
    }
    off += NVMS * sizeof(*vm);
    h->payload_off = off;
    h->doorbell_off = off;                  /* no doorbells (issue 13): an empty table after the payloads */
    h->total_size = off;
    h->crc32 = 0;
    h->crc32 = crc32(b, off);
    if (size) *size = off;
}

void sys_blob_dump(const char *path)
{
    FILE *f = fopen(path, "wb");
    if (!f) { perror(path); exit(2); }
    fwrite((void *)BLOB_ADDR, 1, blob->total_size, f);
    fclose(f);
}

/* --- boot, as main.c does it on the real machine --- */

static void boot_core_part(void *unused)
{
    (void)unused;
    gic_init_dist();
    gic_init_cpu();
    if (virtio_input_init()) gic_console_irq_on();
}

static void core_part(void *unused)
{
    (void)unused;
    struct pcpu *pc = this_cpu();
    if (pc->index != BOOT_CORE) gic_init_cpu();
}

static void vcpu0_part(void *unused)
{
    (void)unused;
    struct pcpu *pc = this_cpu();
    vgic_reset_vm(pc->vm);
    if (pc->state == VCPU_ON_PENDING) enter_vcpu();
    park();
}

static void boot(void *unused)
{
    (void)unused;
    for (u32 c = 0; c < NCORES; c++) {
        const struct shy_blob_cpu *bc = blob_cpu(c);
        pcpus[c].index = c;
        pcpus[c].vm = bc->vm;
        pcpus[c].vcpu = bc->vcpu;
        pcpus[c].state = VCPU_OFF;
        pcpus[c].stack_top = STACKS + (c + 1) * STACK_SIZE;
    }
    for (u32 v = 0; v < NVMS; v++) vm_setup(v);
    for (u32 v = 0; v < NVMS; v++) vm_load(v);     /* on the VMs' cores in main.c, at once */
    /* every core's GIC interface first (main.c: the cores meet in core_start), without entering a guest */
    cur_core = BOOT_CORE;
    boot_core_part(0);
    for (u32 c = 0; c < NCORES; c++) {
        cur_core = c;
        core_part(0);
    }
    for (u32 c = 0; c < NCORES; c++) {
        if (pcpus[c].vm != SHY_NO_VM && pcpus[c].vcpu == 0) run_on(c, vcpu0_part, 0);
    }
}

void sys_boot(u32 version)
{
    gic_version = version;
    void *mem = mmap((void *)MEM_BASE, MEM_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
    if (mem != (void *)MEM_BASE) { perror("mmap of the modelled memory"); exit(2); }
    sys_build_blob((void *)BLOB_ADDR, version, 0);
    model_reset();
    if (blob_check((void *)BLOB_ADDR)) { fprintf(stderr, "the harness's own blob was refused\n"); exit(2); }
    model_reset();
    if (run_base(boot, 0)) { fprintf(stderr, "the machine powered off during boot\n"); exit(2); }
    for (u32 v = 0; v < NVMS; v++) {
        u32 c = vms[v].core_of_vcpu[0];
        if (pcpus[c].state != VCPU_RUNNING) { fprintf(stderr, "vm %u did not start\n", v); exit(2); }
    }
    model_check_routes();
    mprotect((void *)(BLOB_ADDR & ~0xffful), 0x4000, PROT_READ);   /* the blob is read-only after the check */
    /* Of the modelled memory only the blob, the stacks, each VM's RAM and the shared page may be touched from now on:
     * the rest is poisoned, so that ASan reports any access a guest's address leads the runtime to outside them. */
    ASAN_POISON_MEMORY_REGION((void *)MEM_BASE, MEM_SIZE);
    ASAN_UNPOISON_MEMORY_REGION((void *)BLOB_ADDR, 0x4000);
    ASAN_UNPOISON_MEMORY_REGION((void *)STACKS, NCORES * STACK_SIZE);
    for (u32 v = 0; v < NVMS; v++) ASAN_UNPOISON_MEMORY_REGION((void *)RAM_PA(v), RAM_SIZE);
    ASAN_UNPOISON_MEMORY_REGION((void *)SHARED_PA, SHARED_SIZE);
    model_save();
    if (getenv("SHY_FUZZ_DUMP_BLOB")) sys_blob_dump(getenv("SHY_FUZZ_DUMP_BLOB"));
}

/* --- the invariant --- */

struct others {
    struct vm vm[NVMS];
    struct pcpu pc[NCORES];
    u64 vio[NVMS][2];
    u8 ram[NVMS][RAM_SIZE];
};
static struct others snaps[2], *before = &snaps[0], *after = &snaps[1];
static u32 before_of = ~0u;         /* the acting VM *before was taken for, if it is still the state */

static const struct shy_blob_region *console_slot(u32 v)
{
    const struct shy_blob_vm *c = blob_vm(v);
    return blob_region(c->first_region + 1);
}

static void snapshot(struct others *s, u32 acting)
{
    for (u32 v = 0; v < NVMS; v++) {
        if (v == acting) continue;
        s->vm[v] = vms[v];
        memcpy(s->ram[v], (void *)RAM_PA(v), RAM_SIZE);
        u64 st = 0, isr = 0;
        u32 saved = check_vm;
        check_vm = v;                               /* reading another VM's registers as that VM, with its rules */
        virtio_access(v, console_slot(v), 0x70, 0, 4, &st);
        virtio_access(v, console_slot(v), 0x60, 0, 4, &isr);
        check_vm = saved;
        s->vio[v][0] = st;
        s->vio[v][1] = isr;
    }
    for (u32 c = 0; c < NCORES; c++) {
        if (pcpus[c].vm != acting) s->pc[c] = pcpus[c];
    }
}

static void compare(u32 acting, const char *action)
{
    snapshot(after, acting);
    for (u32 v = 0; v < NVMS; v++) {
        if (v == acting) continue;
        if (memcmp(&before->vm[v], &after->vm[v], sizeof(struct vm))) violation("%s changed vm %u's struct vm", action, v);
        if (memcmp(before->ram[v], after->ram[v], RAM_SIZE)) violation("%s wrote vm %u's RAM", action, v);
        if (memcmp(before->vio[v], after->vio[v], sizeof(before->vio[v]))) violation("%s changed vm %u's virtio console", action, v);
    }
    for (u32 c = 0; c < NCORES; c++) {
        if (pcpus[c].vm != acting && memcmp(&before->pc[c], &after->pc[c], sizeof(struct pcpu))) {
            violation("%s changed core %u's struct pcpu (vm %d)", action, c, (int)pcpus[c].vm);
        }
    }
    /* what the others look like now is the next action's "before" if the same VM acts */
    struct others *t = before;
    before = after;
    after = t;
    before_of = acting;
}

/* --- actions --- */

#define EC_DABT 0x24u

struct action { struct in *in; enum op op; u32 core; };

static u32 running_core(struct in *in)
{
    u32 c = (u32)in_get(in, 1) % NCORES;
    if (c == BOOT_CORE) c = 0;
    return c;
}

static const u64 fids[] = {
    0x84000000, 0x84000001, 0xc4000001, 0x84000002, 0x84000003, 0xc4000003, 0x84000004, 0xc4000004, 0x84000006,
    0x84000008, 0x84000009, 0x8400000a, 0xc6000001, 0xc6000003, 0x86000000, 0x80000000,
};

/* A data abort at ipa: ISV, the access's size, sign extension, register and direction from the input; with a rare
 * input bit the syndrome is raw. */
static void dabt(u32 c, u64 ipa, struct in *in)
{
    u32 b = (u32)in_get(in, 2);
    u32 sas = b & 3, sse = (b >> 2) & 1, srt = (b >> 3) & 31, wnr = (b >> 8) & 1, sf = (b >> 9) & 1;
    u32 dfsc = 4 | ((b >> 10) & 3);
    u64 e = ((u64)EC_DABT << 26) | (1u << 24) | (sas << 22) | (sse << 21) | (srt << 16) | (sf << 15) | (wnr << 6) | dfsc;
    if ((b >> 12) == 0xf) e = ((u64)EC_DABT << 26) | (u32)in_get(in, 4);
    u64 val = in_get(in, 8);
    if (srt != 31) gframe[c].x[srt] = val;
    esr[c] = e;
    far[c] = ipa & 0xfff;
    hpfar[c] = (ipa >> 12) << 4;
}

static int visible(u32 vm, u32 id)
{
    return id < 32 || (id < 1024 && ((vms[vm].owned[id / 32] | vms[vm].vspi[id / 32]) & (1u << (id % 32))));
}

/* What a read of the emulated distributor returned shows nothing of interrupts the VM does not own: their enable,
 * pending and active bits, priorities, targets, trigger modes and routes read as zero. */
static void check_gicd_read(u32 vm, u64 off, u32 size, u64 val)
{
    if (size < 8) val &= (1ul << (8 * size)) - 1;
    if (off >= 0x100 && off < 0x400 && (off & 0x7f) >= 4) {
        u32 b = (u32)(off & 0x7f) / 4;
        for (u32 i = 0; i < 8 * size; i++) {
            if ((val >> i) & 1 && !visible(vm, b * 32 + (u32)(off & 3) * 8 + i)) violation("a read of GICD 0x%lx shows INTID %u", off, b * 32 + i);
        }
    } else if (off >= 0x400 && off < 0xc00) {
        u32 base = (u32)((off - 0x400) & 0x3ff);
        for (u32 i = 0; i < size; i++) {
            if ((val >> (8 * i)) & 0xff && !visible(vm, base + i)) violation("a read of GICD 0x%lx shows INTID %u", off, base + i);
        }
    } else if (off >= 0xc08 && off < 0xd00) {
        u32 base = (u32)(off - 0xc00) * 4;
        for (u32 i = 0; i < 4 * size; i++) {
            if ((val >> (2 * i)) & 3 && !visible(vm, base + i)) violation("a read of GICD 0x%lx shows INTID %u", off, base + i);
        }
    } else if (off >= 0x6100 && off < 0x8000) {
        u32 id = (u32)(off - 0x6000) / 8;
        if (val && !visible(vm, id)) violation("a read of GICD 0x%lx shows INTID %u's route", off, id);
    }
}

static void do_action(void *arg)
{
    struct action *a = arg;
    struct in *in = a->in;
    u32 c = a->core;
    const struct shy_blob_vm *cfg = vms[pcpus[c].vm].cfg;
    switch (a->op) {
    case OP_GICD: {
        u64 off = in_get(in, 2) % (cfg->gicd_size ? cfg->gicd_size : 0x10000);
        dabt(c, cfg->gicd_ipa + off, in);
        u64 e = esr[c];
        u32 srt = (e >> 16) & 31, size = 1u << ((e >> 22) & 3);
        trap_guest_sync(&gframe[c]);
        /* a read that reached the distributor emulation (valid syndrome, translation fault, not a table walk) */
        if (!((e >> 6) & 1) && ((e >> 24) & 1) && (e & 0x3c) == 0x04 && !((e >> 7) & 1) && srt != 31) {
            u64 v = gframe[c].x[srt];
            check_gicd_read(pcpus[c].vm, off, size, v);
        }
        return;
    }
    case OP_GICR: dabt(c, GICR_PA + (in_get(in, 3) % (NVMS * 0x20000ul)), in); break;
    case OP_UART: dabt(c, cfg->console_ipa + in_get(in, 2) % 0x1000, in); break;
    case OP_VIRTIO: dabt(c, VIRTIO_IPA + in_get(in, 2) % (2 * VIRTIO_SLOT), in); break;
    case OP_DABT: {
        static const u64 bases[] = { GICD_PA, GICR_PA, UART_PA, VIRTIO_IPA, RAM_IPA, SHARED_IPA, GICC_PA, 0 };
        u32 k = (u32)in_get(in, 1);
        dabt(c, (k & 8) ? in_get(in, 8) : bases[k & 7] + in_get(in, 3), in);
        break;
    }
    case OP_SGI1R: {
        u64 v = in_get(in, 8);
        u32 rt = (u32)in_get(in, 1) % 31, asgi = (u32)in_get(in, 1) & 1;
        gframe[c].x[rt] = v;
        /* MSR ICC_SGI1R_EL1 (op0 3, op1 0, CRn 12, CRm 11, op2 5) or ICC_ASGI1R_EL1 (op2 6) */
        esr[c] = (0x18ull << 26) | (1u << 25) | ((5u + asgi) << 17) | (3u << 20) | (12u << 10) | (rt << 5) | (11u << 1);
        break;
    }
    case OP_SYSREG: {
        u32 iss = (u32)in_get(in, 4) & 0x1ffffff;
        u64 v = in_get(in, 8);
        if (((iss >> 5) & 31) != 31) gframe[c].x[(iss >> 5) & 31] = v;
        esr[c] = (0x18ull << 26) | iss;
        break;
    }
    case OP_HVC:
    case OP_SMC: {
        u32 k = (u32)in_get(in, 1);
        gframe[c].x[0] = (k & 0x80) ? in_get(in, 4) : fids[k % (sizeof(fids) / sizeof(fids[0]))];
        for (u32 i = 1; i < 4; i++) gframe[c].x[i] = in_get(in, 1) & 1 ? in_get(in, 8) : in_get(in, 1) % 4;
        esr[c] = (u64)(a->op == OP_HVC ? 0x16 : 0x17) << 26;
        break;
    }
    default: return;
    }
    trap_guest_sync(&gframe[c]);
}

/* Takes every pending interrupt of every core not in the hypervisor, a bounded number of times (a transmit queue
 * with work left sends its core an interrupt after every round). */
static void settle(void)
{
    for (u32 round = 0; round < 8; round++) {
        int any = 0;
        for (u32 c = 0; c < NCORES; c++) {
            if (!in_el2[c] && model_pending(c)) { run_on(c, take_irq, 0); any = 1; }
        }
        if (!any) return;
    }
}

struct run { struct in in; const enum op *ops; u32 nops; };

static void console_irq(void *unused)
{
    (void)unused;
    model_raise(BOOT_CORE, UART_IRQ);
}

static void run_input(void *arg)
{
    struct run *r = arg;
    struct in *in = &r->in;
    static const char *const names[OP_COUNT] = {
        "a distributor access", "a redistributor access", "an ICC_SGI1R_EL1 write", "a system-register trap", "a data abort",
        "an HVC", "an SMC", "a virtio-mmio access", "a RAM write", "console input", "an EOI", "an interrupt", "a UART access",
    };
    for (u32 steps = 0; in->n && steps < 256; steps++) {
        enum op op = r->ops[in_get(in, 1) % r->nops];
        u32 c = running_core(in);
        u32 acting = pcpus[c].vm;
        if (op == OP_CONSOLE_IN) acting = 0;        /* console input goes to vm 0's virtio console */
        if (before_of != acting) snapshot(before, acting);
        check_vm = acting;
        switch (op) {
        case OP_RAM: {
            u64 o = in_get(in, 2) % RAM_SIZE;
            u32 n = (u32)in_get(in, 1) % 64;
            u8 *ram = (u8 *)RAM_PA(acting);
            for (u32 i = 0; i < n && o + i < RAM_SIZE; i++) ram[o + i] = (u8)in_get(in, 1);
            break;
        }
        case OP_CONSOLE_IN: {
            u8 buf[32];
            u32 n = (u32)in_get(in, 1) % sizeof(buf);
            for (u32 i = 0; i < n; i++) buf[i] = (u8)in_get(in, 1);
            model_console_input(buf, n);
            console_irq(0);
            break;
        }
        case OP_EOI:
            model_guest_eoi(c, (u32)in_get(in, 1));
            break;
        case OP_IRQ:
            break;
        default:
            if (pcpus[c].state != VCPU_RUNNING) break;     /* the vCPU is off: its guest does nothing */
            {
                struct action a = { in, op, c };
                run_on(c, do_action, &a);
            }
        }
        settle();
        compare(acting, names[op]);
        check_vm = SHY_NO_VM;
    }
}

int sys_run(const u8 *data, size_t n, const enum op *ops, u32 nops)
{
    model_restore();
    before_of = ~0u;
    struct run r = { { data, n }, ops, nops };
    run_base(run_input, &r);
    return 0;
}

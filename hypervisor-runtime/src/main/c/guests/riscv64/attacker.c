/* attacker (riscv64): the RISC-V equivalents of the isolation attacks; prints CONTAINED/ESCAPED for each.
 * Faulting accesses are armed with the test build's probe (SBI extension 0x0a000000, function 1): the hypervisor
 * injects the guest-page fault back as an access fault instead of stopping this VM, and the next attack runs.
 * Attacks on the victim's liveness are judged by its heartbeat gap, which it publishes in the channel.
 * bootargs (hex): shm= channel GPA, victim_ram= the victim's RAM PA, hyp= the hypervisor's PA, fw= OpenSBI's PA,
 * victim_dev= the victim's RTC PA, unassigned= MMIO nobody has, src= the victim's PLIC source, table= 64 KiB of own
 * RAM for page tables and virtqueues, ro= a shared page this VM may only read, own_src= its virtio console's source,
 * virtio= its virtio-console transport. vCPU 1 only follows vCPU 0's orders (flood, reset race). */
#include "channel.h"

#define EXT_BASE    0x10
#define EXT_IPI     0x735049u
#define EXT_RFENCE  0x52464e43u
#define EXT_HSM     0x48534du
#define EXT_TEST    0x0a000000u
#define ERR_NOT_SUPPORTED (-2l)
#define ERR_INVALID_PARAM (-3l)

#define csr_read(c) ({ u64 _v; __asm__ volatile("csrr %0, " #c : "=r"(_v) : : "memory"); _v; })
#define csr_write(c, v) __asm__ volatile("csrw " #c ", %0" : : "r"((u64)(v)) : "memory")

static u32 escapes, ipis_seen, foreign_irqs, timer_irqs;
static struct channel *ch;
static volatile u32 race_ready, race_go, flood;

void guest_irq(u32 irq)
{
    if (irq == 0) ipis_seen++;
    else if (irq == TIMER_IRQ) timer_irqs++;
    else if (irq != TIMER_IRQ) foreign_irqs++;
}

static void verdict(int contained, const char *attack)
{
    printf_("%s %s\n", contained ? "CONTAINED" : "ESCAPED", attack);
    if (!contained) escapes++;
}

/* One access that must fault at the G-stage: 1 if it was stopped (the fault came back), 0 if it went through. */
static int probe(u64 gpa, int write)
{
    probe_hit = 0;
    probe_armed = 1;
    sbi(EXT_TEST, 1, 0, 0, 0);
    if (write) w32(gpa, 0x41414141);
    else (void)r32(gpa);
    probe_armed = 0;
    return probe_hit;
}

static u32 rw32(u64 a, u32 v) { w32(a, v); return r32(a); }

/* --- the victim's heartbeat as seen through the channel --- */

static void watch_begin(void)
{
    u32 w = ch->watch + 1;
    ch->watch = w;
    u64 t0 = now_us();
    while (ch->watch_seen != w && now_us() - t0 < 2000000) { }
}

static int victim_kept_beating(const char *attack)
{
    u32 b = ch->victim_beats;
    u64 t0 = now_us();
    u32 gap = 0;
    while (ch->victim_beats == b) {
        if (now_us() - t0 > 10000000) { gap = ~0u; break; }
    }
    if (gap == 0) gap = ch->victim_gap_ms;
    printf_("%s: the victim's longest heartbeat gap was %u ms\n", attack, gap);
    return gap < 1000;
}

static void copy_str(volatile char *d, const char *s) { u32 i = 0; for (; s[i] && i < 63; i++) d[i] = s[i]; d[i] = 0; }

/* --- the emulated PLIC --- */

static void attack_plic(u32 src, u32 own_src)
{
    u64 p = cfg.gicd;
    u64 en0 = p + 0x2000 + 4 * (src / 32);                   /* this vCPU's context 0 */
    verdict((rw32(en0, 1u << (src % 32)) & (1u << (src % 32))) == 0, "plic-enable-foreign-source");
    verdict(rw32(p + 4 * src, 7) == 0, "plic-priority-foreign-source");
    /* Contexts of harts this VM does not have (it has vCPUs 0 and 1): enable bits and thresholds. */
    int others = 1;
    for (u32 ctx = 2; ctx < 8; ctx++) {
        if (rw32(p + 0x2000 + 0x80ul * ctx + 4 * (own_src / 32), ~0u) != 0) others = 0;
        if (rw32(p + 0x200000 + 0x1000ul * ctx, 5) != 0) others = 0;
    }
    verdict(others, "plic-context-of-other-hart");
    /* Widths: a byte write to its own enable word does nothing; the aligned word still works. */
    u64 en_own = p + 0x2000 + 4 * (own_src / 32);
    w32(en_own, 0);
    w8(en_own + (own_src % 32) / 8, (u8)(1u << (own_src % 8)));
    u32 by_byte = r32(en_own) & (1u << (own_src % 32));
    u32 by_word = rw32(en_own, 1u << (own_src % 32)) & (1u << (own_src % 32));
    w32(en_own, 0);
    verdict(by_byte == 0 && by_word != 0, "plic-byte-writes");
    /* The pending bits show no foreign source, even while the victim's is pending or in service. */
    u32 seen = 0;
    for (u32 i = 0; i < 300; i++) { seen |= r32(p + 0x1000 + 4 * (src / 32)) & (1u << (src % 32)); delay_ms(10); }
    verdict(seen == 0, "plic-pending-foreign-source");
}

/* --- SBI --- */

static void attack_sbi(void)
{
    /* IPIs: only to its own harts (0 and 1); a mask naming others is refused, nothing reaches the victim. */
    u32 before = ipis_seen;
    long a = sbi(EXT_IPI, 0, 0xc, 0, 0).error, b = sbi(EXT_IPI, 0, 1, 2, 0).error, c = sbi(EXT_IPI, 0, 1, 0x40, 0).error;
    delay_ms(20);
    u32 foreign = ipis_seen - before;
    long self = sbi(EXT_IPI, 0, 1, 0, 0).error;
    delay_ms(20);
    verdict(a == ERR_INVALID_PARAM && b == ERR_INVALID_PARAM && c == ERR_INVALID_PARAM && foreign == 0 && self == 0
            && ipis_seen - before == 1, "ipi-to-other-vm-hart");
    /* HSM on harts it does not have. */
    int hsm = 1;
    for (u64 h = 2; h < 4; h++) {
        if (sbi(EXT_HSM, 0, h, (u64)_start, 0).error != ERR_INVALID_PARAM) hsm = 0;
        if (sbi(EXT_HSM, 2, h, 0, 0).error != ERR_INVALID_PARAM) hsm = 0;
    }
    if (sbi(EXT_HSM, 0, 0x100, (u64)_start, 0).error != ERR_INVALID_PARAM) hsm = 0;
    verdict(hsm, "hsm-start-foreign-hart");
    verdict(sbi(EXT_RFENCE, 1, 0x20, 0, 0).error == ERR_INVALID_PARAM, "rfence-foreign-hart");
    /* Calls a firmware would act on in M-mode: legacy IPI, clear-IPI and remote fences, PMU, system suspend, CPPC,
     * vendor and firmware extensions. None reaches M-mode: each is answered NOT_SUPPORTED (legacy ones -1 or -2). */
    static const u32 eids[] = { 0x03, 0x04, 0x05, 0x06, 0x07, 0x504d55, 0x53555350, 0x43505043, 0x09000000, 0x0a000001 };
    int refused = 1;
    for (u32 i = 0; i < sizeof(eids) / sizeof(eids[0]); i++) {
        long e = sbi(eids[i], 0, 0, 0, 0).error;
        if (e != ERR_NOT_SUPPORTED) { refused = 0; printf_("SBI extension 0x%x answered %d\n", eids[i], (int)e); }
        if (sbi(EXT_BASE, 3, eids[i], 0, 0).value != 0) refused = 0;      /* probe_extension: absent */
    }
    verdict(refused, "sbi-calls-reaching-m-mode");
}

/* Hypervisor and machine CSRs from VS-mode: an illegal instruction for the guest itself, nothing read or written (v
 * keeps its 0 when the instruction is skipped). */
static int csr_faults(int which)
{
    probe_hit = 0;
    probe_esr = 0;
    probe_armed = 1;
    u64 v = 0;
    if (which == 0) __asm__ volatile("csrr %0, 0x600" : "+r"(v));       /* hstatus */
    else if (which == 1) __asm__ volatile("csrr %0, 0x680" : "+r"(v));  /* hgatp */
    else if (which == 2) __asm__ volatile("csrw 0x680, %0" : : "r"(0ul)); /* hgatp */
    else __asm__ volatile("csrr %0, 0x300" : "+r"(v));                  /* mstatus */
    probe_armed = 0;
    printf_("CSR access %u: %s, cause %lu, read 0x%lx\n", which, probe_hit ? "trapped" : "went through", probe_esr, v);
    return probe_hit && probe_esr == 2 && v == 0;
}

/* Cycles counted across 100 SBI calls: counting the hypervisor's work would be a timing channel into it. */
static void attack_counters(void)
{
    u64 traps0 = (u64)sbi(EXT_TEST, 2, 0, 0, 0).value;
    u64 c0 = csr_read(cycle), i0 = csr_read(instret);
    for (u32 i = 0; i < 100; i++) sbi(EXT_BASE, 0, 0, 0, 0);
    u64 c1 = csr_read(cycle), i1 = csr_read(instret);
    u64 traps = (u64)sbi(EXT_TEST, 2, 0, 0, 0).value - traps0;
    printf_("counters: %lu cycles, %lu instructions across 100 SBI calls (%lu reads trapped)\n", c1 - c0, i1 - i0, traps);
    verdict(c1 == c0 && i1 == i0 && traps == 4, "cycle-counter-timing");
}

/* A misaligned atomic on its own RAM (AMOADD.W, LR.W): QEMU, like most harts, faults on it (store/AMO and load address
 * misaligned, causes 6 and 4), and OpenSBI, which cannot emulate an atomic, hands the fault down. Any of this VM's
 * programs, a user one too, can do it: the guest's own trap handler must get it (cause as raised, nothing written).
 * The hypervisor used to take it as an unknown trap and stop the whole VM. */
static void attack_misaligned_atomics(u64 table)
{
    volatile u32 *w = (volatile u32 *)(table + 0x100);
    w[0] = w[1] = 0x5a5a5a5au;
    u64 a = table + 0x102, old = 0;
    u64 amo = 0, lr = 0;
    probe_hit = 0;
    probe_esr = 0;
    probe_armed = 1;
    __asm__ volatile("amoadd.w %0, %1, (%2)" : "+r"(old) : "r"(1ul), "r"(a) : "memory");
    probe_armed = 0;
    if (probe_hit) amo = probe_esr;
    probe_hit = 0;
    probe_esr = 0;
    probe_armed = 1;
    __asm__ volatile("lr.w %0, (%1)" : "+r"(old) : "r"(a) : "memory");
    probe_armed = 0;
    if (probe_hit) lr = probe_esr;
    printf_("misaligned atomics: AMOADD.W cause %lu, LR.W cause %lu, words 0x%x 0x%x\n", amo, lr, w[0], w[1]);
    verdict(amo == 6 && lr == 4 && w[0] == 0x5a5a5a5au && w[1] == 0x5a5a5a5au, "misaligned-atomic");
}

/* Its own Sv39 table maps 0-4 GiB identity (1 GiB pages): its guest physical addresses are still all it reaches. */
static void stage1_on(u64 table)
{
    volatile u64 *root = (volatile u64 *)table;
    for (u32 i = 0; i < 512; i++) root[i] = 0;
    for (u64 g = 0; g < 4; g++) root[g] = ((g << 30) >> 12 << 10) | 0xcf;     /* V R W X A D */
    __asm__ volatile("sfence.vma" ::: "memory");
    csr_write(satp, (8ul << 60) | (table >> 12));
    __asm__ volatile("sfence.vma" ::: "memory");
}

static void stage1_off(void)
{
    csr_write(satp, 0);
    __asm__ volatile("sfence.vma" ::: "memory");
}

/* --- virtio-console transmit --- */

struct vq_desc { u64 addr; u32 len; u16 flags, next; };
#define VQ_NUM 64
#define VQ_NEXT 1

struct vq_mem {
    struct vq_desc desc[VQ_NUM];
    volatile u16 avail_flags, avail_idx, avail_ring[VQ_NUM], avail_pad;
    u8 pad0[4096 - 16 * VQ_NUM - 2 * (VQ_NUM + 3)];
    volatile u16 used_flags, used_idx;
    volatile u32 used_ring[2 * VQ_NUM];
};

static void vq_setup(u64 v, u32 q, struct vq_mem *m)
{
    w32(v + 0x030, q);
    w32(v + 0x038, VQ_NUM);
    w32(v + 0x080, (u32)(u64)m->desc);
    w32(v + 0x084, (u32)((u64)m->desc >> 32));
    w32(v + 0x090, (u32)(u64)&m->avail_flags);
    w32(v + 0x094, (u32)((u64)&m->avail_flags >> 32));
    w32(v + 0x0a0, (u32)(u64)&m->used_flags);
    w32(v + 0x0a4, (u32)((u64)&m->used_flags >> 32));
    w32(v + 0x044, 1);
}

/* A chain that loops, 65535 heads: the notify must return at once and the device call itself broken. */
static void attack_virtio_loop(u64 v, u64 table, u64 buf)
{
    struct vq_mem *tx = (struct vq_mem *)(table + 0x2000);
    for (u32 i = 0; i < VQ_NUM; i++) tx->desc[i] = (struct vq_desc){ buf, 1u << 20, VQ_NEXT, (u16)((i + 1) % VQ_NUM) };
    for (u32 i = 0; i < VQ_NUM; i++) tx->avail_ring[i] = 0;
    tx->used_idx = 0;
    tx->avail_idx = 0xffff;
    w32(v + 0x070, 0);
    w32(v + 0x070, 1 | 2);
    w32(v + 0x024, 1);
    w32(v + 0x020, 1);
    w32(v + 0x070, 1 | 2 | 8);
    vq_setup(v, 1, tx);
    w32(v + 0x070, 1 | 2 | 8 | 4);
    watch_begin();
    u64 t0 = now_us();
    w32(v + 0x050, 1);
    u64 us = now_us() - t0;
    u32 status = r32(v + 0x070);
    int alive = victim_kept_beating("virtio descriptor loop");
    printf_("virtio descriptor loop: the notify took %u ms, device status 0x%x\n", (u32)(us / 1000), status);
    verdict(alive && us < 1000000 && (status & 0x40), "virtio-descriptor-loop");
    w32(v + 0x070, 0);
}

/* --- narrow stores to emulated registers --- */

/* sw, sh and sb store rs2's low 32, 16 or 8 bits; the hypervisor decodes them itself and must hand its devices only
 * those (as the aarch64 runtime once did not): a halfword QueueSel of queue 1 with junk above selects queue 1, a byte
 * Status of ACKNOWLEDGE is 1, a word threshold of 1 is 1. A store of x0 stores zero; a 64-bit store to DeviceFeatures
 * does not write DeviceFeaturesSel beside it. */
#define NARROW_JUNK 0xdeadbeefcafebabeul

static void st32(u64 a, u64 x) { __asm__ volatile("sw %0, 0(%1)" : : "r"(x), "r"(a) : "memory"); }
static void st16(u64 a, u64 x) { __asm__ volatile("sh %0, 0(%1)" : : "r"(x), "r"(a) : "memory"); }
static void st8(u64 a, u64 x) { __asm__ volatile("sb %0, 0(%1)" : : "r"(x), "r"(a) : "memory"); }
static void st64(u64 a, u64 x) { __asm__ volatile("sd %0, 0(%1)" : : "r"(x), "r"(a) : "memory"); }
static void st32_zero(u64 a) { __asm__ volatile("sw zero, 0(%0)" : : "r"(a) : "memory"); }

static void attack_narrow_stores(u64 v)
{
    u64 threshold = cfg.gicd + 0x200000 + 0x1000ul * vcpu_id();     /* its own context's threshold */
    u32 before = r32(threshold);
    st32(threshold, (NARROW_JUNK & ~0xfffffffful) | 1);
    u32 th = r32(threshold);
    st32_zero(threshold);
    u32 th0 = r32(threshold);
    w32(threshold, before);
    w32(v + 0x070, 0);                                 /* virtio: reset */
    st16(v + 0x030, (NARROW_JUNK & ~0xfffful) | 1);    /* QueueSel: queue 1, which has a QueueNumMax */
    u32 num_max = r32(v + 0x034);
    st8(v + 0x070, (NARROW_JUNK & ~0xfful) | 1);       /* Status: ACKNOWLEDGE */
    u32 status = r32(v + 0x070);
    st32_zero(v + 0x070);                              /* Status 0: reset */
    u32 status0 = r32(v + 0x070);
    w32(v + 0x014, 0);                                 /* DeviceFeaturesSel: word 0 (no feature there) */
    st64(v + 0x010, (1ul << 32) | 0x55555555u);        /* DeviceFeatures is read-only; word 1 would select the next */
    u32 features = r32(v + 0x010);
    printf_("narrow stores: threshold %u then %u, QueueNumMax %u, status 0x%x then 0x%x, DeviceFeatures 0x%x\n",
            th, th0, num_max, status, status0, features);
    verdict(th == 1 && th0 == 0 && num_max != 0 && status == 1 && status0 == 0 && features == 0,
            "mmio-narrow-store-upper-bits");
}

/* --- misaligned and page-crossing accesses to emulated registers --- */

static u64 fault_cause;

/* One access with the probe armed: its cause if it came back as a fault, 0 if it went through. */
#define TRAPS(stmt) ({ probe_hit = 0; probe_esr = 0; probe_armed = 1; stmt; probe_armed = 0; \
                       fault_cause = probe_hit ? probe_esr : 0; fault_cause; })
/* The same for an access the G-stage refuses: the hypervisor's probe injects it back instead of stopping the VM. */
#define FAULTS(stmt) ({ sbi(EXT_TEST, 1, 0, 0, 0); TRAPS(stmt); })

static u64 ld32(u64 a) { u64 v = 0x77; __asm__ volatile("lw %0, 0(%1)" : "+r"(v) : "r"(a) : "memory"); return v; }
static u64 ld64(u64 a) { u64 v = 0x77; __asm__ volatile("ld %0, 0(%1)" : "+r"(v) : "r"(a) : "memory"); return v; }
static u64 ld16(u64 a) { u64 v = 0x77; __asm__ volatile("lh %0, 0(%1)" : "+r"(v) : "r"(a) : "memory"); return v; }

/* Not aligned to their width, inside one emulated page: QEMU does not trap them as misaligned, the G-stage does; the
 * hypervisor must not emulate some other register (nor stop the system). Each must come back as an access fault. */
static void attack_mmio_misaligned(void)
{
    u64 th = cfg.gicd + 0x200000 + 0x1000ul * vcpu_id();
    w32(th, 0);
    u64 v = 0x77;
    u64 c1 = FAULTS(v = ld32(cfg.gicd + 4 * 46 + 2));                  /* priority of its own source, halfway */
    u64 c2 = FAULTS(st32(th + 2, 5));                                  /* its threshold, halfway */
    u64 c3 = FAULTS(v = ld64(th + 4));                                 /* 4-aligned, not 8 */
    u64 c4 = FAULTS(st16(cfg.uart + 1, 0x4141));                       /* the console window */
    u64 c5 = FAULTS(v = ld16(cfg.uart + 1));
    u32 t = r32(th);
    printf_("misaligned MMIO: causes %lu %lu %lu %lu %lu, register 0x%lx, threshold %u\n", c1, c2, c3, c4, c5, v, t);
    verdict(c1 == 5 && c2 == 7 && c3 == 5 && c4 == 7 && c5 == 5 && v == 0x77 && t == 0, "mmio-misaligned-access");
}

/* Its own Sv39 table: VA 4 GiB is a page of its RAM followed by the page of its own PLIC context (threshold at 0);
 * VA 5 GiB has its second-level table in that PLIC page. A word access that crosses from the RAM page into the PLIC
 * page faults at the G-stage at the PLIC page's start (the hart fetches the second part there), and a walk of the
 * table in the PLIC page faults at the PTE's address (its threshold) with the load or store's cause: neither is the
 * instruction's own access, and emulating it would act on a register the instruction did not name (threshold 5). */
static void attack_mmio_translation(u64 table)
{
    volatile u64 *root = (volatile u64 *)(table + 0x8000), *l1 = (volatile u64 *)(table + 0x9000);
    volatile u64 *l0 = (volatile u64 *)(table + 0xa000);
    u64 data = table + 0xb000, ctx = cfg.gicd + 0x200000 + 0x1000ul * vcpu_id();
    for (u32 i = 0; i < 512; i++) root[i] = l1[i] = l0[i] = 0;
    for (u64 g = 0; g < 4; g++) root[g] = ((g << 30) >> 12 << 10) | 0xcf;
    root[4] = ((u64)l1 >> 12 << 10) | 1;
    l1[0] = ((u64)l0 >> 12 << 10) | 1;
    l0[0] = (data >> 12 << 10) | 0xc7;                                 /* V R W A D */
    l0[1] = (ctx >> 12 << 10) | 0xc7;
    root[5] = (ctx >> 12 << 10) | 1;                                   /* a table in the PLIC */
    *(volatile u32 *)(data + 0xffc) = 0xaaaaaaaau;
    w32(ctx, 0);
    __asm__ volatile("sfence.vma" ::: "memory");
    csr_write(satp, (8ul << 60) | ((u64)root >> 12));
    __asm__ volatile("sfence.vma" ::: "memory");
    u64 cross = (4ul << 30) + 0x1000 - 2, walk = (5ul << 30) + 0x10;
    u64 c1 = FAULTS(st32(cross, 5));
    u32 t1 = r32(ctx);
    w32(ctx, 3);
    u64 v1 = 0x77, v2 = 0x77;
    u64 c2 = FAULTS(v1 = ld32(cross));
    w32(ctx, 0);
    u64 c3 = FAULTS(st32(walk, 5));
    u32 t3 = r32(ctx);
    w32(ctx, 3);
    u64 c4 = FAULTS(v2 = ld32(walk));
    w32(ctx, 0);
    stage1_off();
    printf_("page-crossing MMIO: store cause %lu (threshold %u), load cause %lu (0x%lx)\n", c1, t1, c2, v1);
    printf_("table in the PLIC: store cause %lu (threshold %u), load cause %lu (0x%lx)\n", c3, t3, c4, v2);
    verdict(c1 == 7 && t1 == 0 && c2 == 5 && v1 == 0x77, "mmio-access-crossing-page");
    /* QEMU 7.2 reports the entry's read as a load fault for a store too */
    verdict((c3 == 5 || c3 == 7) && t3 == 0 && c4 == 5 && v2 == 0x77, "mmio-page-table-walk");
}

/* --- virtual instructions: hypervisor instructions and VS CSRs from VS-mode, and what this QEMU does not know --- */

static u64 vinsn(int which, u64 victim_ram, u64 table)
{
    u64 v = 0;
    probe_hit = 0;
    probe_esr = 0;
    probe_armed = 1;
    switch (which) {
    case 0: __asm__ volatile(".insn r 0x73, 0, 0x11, x0, x0, x0" ::: "memory"); break;          /* hfence.vvma */
    case 1: __asm__ volatile(".insn r 0x73, 0, 0x31, x0, x0, x0" ::: "memory"); break;          /* hfence.gvma */
    case 2: __asm__ volatile(".insn r 0x73, 4, 0x34, %0, %1, x0" : "+r"(v) : "r"(victim_ram) : "memory"); break; /* hlv.w */
    case 3: __asm__ volatile(".insn r 0x73, 4, 0x35, x0, %0, %1" : : "r"(table + 0x100), "r"(0x41ul) : "memory"); break; /* hsv.w */
    case 4: __asm__ volatile("csrr %0, 0x200" : "+r"(v)); break;                                 /* vsstatus */
    case 5: __asm__ volatile("csrr %0, 0x24d" : "+r"(v)); break;                                 /* vstimecmp */
    case 6: __asm__ volatile("csrr %0, 0xe12" : "+r"(v)); break;                                 /* hgeip */
    case 7: __asm__ volatile("csrw 0x606, %0" : : "r"(~0ul)); break;                             /* hcounteren */
    case 8: __asm__ volatile(".insn r 0x73, 0, 0x0b, x0, x0, x0" ::: "memory"); break;          /* sinval.vma */
    default: __asm__ volatile(".4byte 0x00d00073" ::: "memory"); break;                          /* wrs.nto */
    }
    probe_armed = 0;
    if (which >= 8 && !probe_hit) return 0;         /* Svinval and Zawrs allow these in VS-mode where a hart has them */
    return probe_hit && probe_esr == 2 && v == 0 ? 0 : (probe_hit ? probe_esr : 99) | 0x100;
}

static void attack_virtual_insns(u64 victim_ram, u64 table)
{
    volatile u32 *w = (volatile u32 *)(table + 0x100);
    w[0] = 0;
    int ok = 1, trapped = 0;
    for (int i = 0; i < 10; i++) {
        u64 r = vinsn(i, victim_ram, table);
        if (r) { ok = 0; printf_("virtual instruction %d: cause %lu\n", i, r & 0xff); }
        trapped += probe_hit;
    }
    u64 c0 = csr_read(cycle);                                            /* the counter trap still works after them */
    printf_("virtual instructions: 10 tried, %d trapped, word 0x%x, cycle %lu\n", trapped, w[0], c0);
    verdict(ok && w[0] == 0 && c0 == 0, "virtual-instructions");
}

/* --- SBI calls that name physical addresses, and out-of-range IDs --- */

#define EXT_DBCN 0x4442434eu
#define EXT_STA  0x535441u

static void attack_sbi_addresses(u64 victim_ram, u64 hyp, u64 table)
{
    int ok = 1;
    /* Steal-time shared memory in the victim's RAM (a firmware would write it in M-mode): not there. */
    if (sbi(EXT_STA, 0, victim_ram, 0, 0).error != ERR_NOT_SUPPORTED) ok = 0;
    if (sbi(EXT_BASE, 3, EXT_STA, 0, 0).value != 0) ok = 0;
    /* The debug console prints only from its own RAM: not the victim's, the hypervisor's, a wrapping range, nor one
     * that base_hi moves out of its RAM. */
    static const u64 bad[][3] = { { 16, 0, 0 }, { 16, 0, 0 }, { 100, ~0ul - 10, 0 }, { 16, 0, 1 }, { 0x1000, 0, 0 } };
    for (u32 i = 0; i < 5; i++) {                   /* the last runs 2 KiB past the end of its RAM (table + 16 MiB) */
        u64 lo = i == 0 ? victim_ram : i == 1 ? hyp : i == 3 ? table : i == 4 ? table + (16ul << 20) - 0x800 : bad[i][1];
        struct sbiret r = sbi(EXT_DBCN, 0, bad[i][0], lo, bad[i][2]);
        if (r.error != ERR_INVALID_PARAM) { ok = 0; printf_("DBCN write %u answered %d (%d bytes)\n", i, (int)r.error, (int)r.value); }
        r = sbi(EXT_DBCN, 1, bad[i][0], lo, bad[i][2]);     /* a read, into the same places */
        if (r.error != ERR_INVALID_PARAM) { ok = 0; printf_("DBCN read %u answered %d (%d bytes)\n", i, (int)r.error, (int)r.value); }
    }
    struct sbiret own = sbi(EXT_DBCN, 1, 16, table + 0x200, 0);   /* into its own RAM: nothing to read */
    if (own.error != 0 || own.value != 0) { ok = 0; printf_("DBCN read of its own RAM answered %d (%d bytes)\n", (int)own.error, (int)own.value); }
    /* Out-of-range function and extension IDs. */
    if (sbi(EXT_BASE, ~0ul, 0, 0, 0).error != ERR_NOT_SUPPORTED || sbi(EXT_BASE, 0x80000000ul, 0, 0, 0).error != ERR_NOT_SUPPORTED
        || sbi(~0ul, 0, 0, 0, 0).error != ERR_NOT_SUPPORTED || sbi(0xffffffffu, ~0ul, 0, 0, 0).error != ERR_NOT_SUPPORTED
        || sbi(0x54494d45u, 1, 0, 0, 0).error != ERR_NOT_SUPPORTED || sbi(EXT_RFENCE, 3, 1, 0, 0).error != ERR_NOT_SUPPORTED)
        ok = 0;
    /* hart_mask_base -1 (all harts), whatever the mask: only its own. */
    u32 before = ipis_seen;
    long ipi = sbi(EXT_IPI, 0, ~0ul, ~0ul, 0).error, fence = sbi(EXT_RFENCE, 1, ~0ul, ~0ul, 0).error;
    delay_ms(20);
    printf_("SBI addresses: IPI to all %d (%u arrived), fence to all %d\n", (int)ipi, ipis_seen - before, (int)fence);
    verdict(ok && ipi == 0 && fence == 0 && ipis_seen - before == 1, "sbi-physical-addresses-and-ids");
}

/* --- its own timer at the extremes --- */

/* Deadlines in the past (0) and at the end of time, by SBI and by writing stimecmp itself (Sstc: vstimecmp): its own
 * timer interrupt comes at once and then never; the victim's timer and the hypervisor's go on. */
static void attack_timer_extremes(void)
{
    watch_begin();
    u32 t0 = timer_irqs;
    sbi(0x54494d45u, 0, 0, 0, 0);
    delay_ms(20);
    u32 by_sbi = timer_irqs - t0;
    u64 c = TRAPS(csr_write(0x14d, 0));
    delay_ms(20);
    u32 by_csr = timer_irqs - t0 - by_sbi;
    sbi(0x54494d45u, 0, ~0ul, 0, 0);
    u64 c2 = TRAPS(csr_write(0x14d, ~0ul));
    u32 t1 = timer_irqs;
    delay_ms(50);
    int alive = victim_kept_beating("timer extremes");
    printf_("timer extremes: %u interrupt(s) by SBI, %u by stimecmp (cause %lu, %lu), %u after ~0\n", by_sbi, by_csr, c, c2,
            timer_irqs - t1);
    verdict(alive && by_sbi == 1 && (c ? c == 2 && c2 == 2 : by_csr == 1) && timer_irqs == t1, "timer-extremes");
}

/* --- counters from its own user mode --- */

/* One counter read in VU-mode (satp bare), back to S by an ecall (cause 8, delegated to its own handler): the trap
 * cause (0 if it read), the value read. */
#define USER_CSR(name) ({ u64 _v = 0x77; probe_hit = 0; probe_esr = 0; probe_armed = 1; \
    __asm__ volatile("lla t0, 1f\n sd t0, 0(%1)\n lla t0, 2f\n csrw sepc, t0\n li t0, 0x100\n csrc sstatus, t0\n sret\n" \
                     "2: csrr %0, " #name "\n ecall\n1:\n" : "+r"(_v) : "r"(&user_resume) : "t0", "memory"); \
    probe_armed = 0; user_val = _v; probe_hit ? probe_esr : 0; })

static u64 user_val;

/* Its kernel's scounteren decides what its user mode may read; the hypervisor's trap of cycle and instret (they read
 * zero) comes after that: a bit the kernel cleared is an illegal instruction for the kernel, also for cycle. */
static void attack_user_counters(void)
{
    csr_write(scounteren, 0);
    u64 cy0 = USER_CSR(cycle), v0 = user_val;
    u64 tm0 = USER_CSR(time);
    csr_write(scounteren, 7);
    u64 cy1 = USER_CSR(cycle), v1 = user_val;
    u64 tm1 = USER_CSR(time), t1 = user_val;
    csr_write(scounteren, 0);
    printf_("user counters, scounteren 0: cycle cause %lu (0x%lx), time cause %lu\n", cy0, v0, tm0);
    printf_("user counters, scounteren 7: cycle cause %lu (0x%lx), time cause %lu (%s)\n", cy1, v1, tm1, t1 && t1 != 0x77 ? "read" : "not read");
    verdict(cy0 == 2 && v0 == 0x77 && tm0 == 2 && cy1 == 0 && v1 == 0 && tm1 == 0 && t1 != 0x77 && t1 != 0,
            "user-mode-counters");
}

/* --- vCPU 1: flood and reset race --- */

static void finish(void)
{
    printf_("%u escape(s); now SBI shutdown, which must stop only this VM\n", escapes);
    ch->escapes = escapes;
    ch->attacker_done = 1;
    system_off();
}

static void unfinished_line(char c) { for (u32 i = 0; i < 100; i++) putc_(c); }

static void vcpu1_main(void)
{
    if (flood) {
        while (flood) printf_("x\n");
        cpu_off();
    }
    unfinished_line('1');
    race_ready = 1;
    while (!race_go) { }
    system_reset();
    for (;;) wfi();
}

static void attack_console_flood(void)
{
    watch_begin();
    flood = 1;
    if (cpu_on(1, 0) != 0) { flood = 0; verdict(0, "console-flood"); return; }
    u64 t0 = now_us();
    while (now_us() - t0 < 500000) printf_("x\n");
    flood = 0;
    while (sbi(EXT_HSM, 2, 1, 0, 0).value != 1) { }   /* until vCPU 1 is stopped again */
    verdict(victim_kept_beating("console flood"), "console-flood");
}

#define RESET_ROUNDS 5

static void attack_reset_race(u32 boot)
{
    if (boot > RESET_ROUNDS) {
        verdict(1, "sbi-system-reset-race");
        finish();
    }
    printf_("SBI reboot from both vCPUs at once, round %u of %u\n", boot, RESET_ROUNDS);
    race_ready = race_go = 0;
    if (cpu_on(1, 0) != 0) { verdict(0, "sbi-system-reset-race"); return; }
    while (!race_ready) { }
    ch->escapes = escapes;
    unfinished_line('0');
    race_go = 1;
    system_reset();
    printf_("\nSBI reboot returned\n");
    verdict(0, "sbi-system-reset-race");
}

void guest_main(u64 arg, u32 vcpu)
{
    if (vcpu != 0) vcpu1_main();
    arg_keys = "shm victim_ram hyp fw victim_dev unassigned src table ro own_src virtio";
    guest_init(arg);
    for (u32 i = 0; i < 11; i++) {
        if (!cfg.has[i]) { printf_("bootargs lack key %u of \"%s\"\n", i, arg_keys); vm_exit(1); }
    }
    ch = (struct channel *)cfg.arg[0];
    u64 victim_ram = cfg.arg[1], hyp = cfg.arg[2], fw = cfg.arg[3], victim_dev = cfg.arg[4], unassigned = cfg.arg[5];
    u32 src = (u32)cfg.arg[6], own_src = (u32)cfg.arg[9];
    u64 table = cfg.arg[7], virtio = cfg.arg[10], buf = table - (16ul << 20);

    while (ch->magic != CHANNEL_MAGIC) { }
    if (sbi(EXT_TEST, 4, 0, 0, 0).error != 0) {
        printf_("this runtime has no test extension (build with --test-hooks to run every attack); reading the victim's RAM\n");
        copy_str(ch->to_victim, "hello victim, attacker here");
        ch->attacker_done = 1;
        (void)r32(victim_ram);
        printf_("ESCAPED read-other-vm-ram\n");
        system_off();
    }
    u32 boot = ++ch->attacker_boots;
    if (boot > 1) {
        escapes = ch->escapes;
        attack_reset_race(boot);
    }
    char msg[64];
    for (u32 i = 0; i < 64; i++) msg[i] = ch->to_attacker[i];
    msg[63] = 0;
    printf_("message from the victim: %s\n", msg);
    copy_str(ch->to_victim, "hello victim, attacker here");

    gic_cpu_init();
    irq_enable();

    verdict(probe(victim_ram, 0), "read-other-vm-ram");
    verdict(probe(victim_ram, 1), "write-other-vm-ram");
    verdict(probe(hyp, 0), "read-hypervisor-memory");
    verdict(probe(hyp, 1), "write-hypervisor-memory");
    verdict(probe(fw, 0) && probe(fw, 1), "firmware-memory");
    verdict(probe(victim_dev, 0), "read-other-vm-device");
    verdict(probe(victim_dev, 1), "write-other-vm-device");
    verdict(probe(unassigned, 0), "read-unassigned-mmio");
    verdict(probe(unassigned, 1), "write-unassigned-mmio");
    volatile u32 *ro = (volatile u32 *)cfg.arg[8];
    int readable = !probe(cfg.arg[8], 0) && ro[0] == RO_MAGIC;
    verdict(readable && probe(cfg.arg[8], 1) && ro[0] == RO_MAGIC, "write-read-only-shared-window");

    attack_plic(src, own_src);
    attack_sbi();
    int c0 = csr_faults(0), c1 = csr_faults(1), c2 = csr_faults(2), c3 = csr_faults(3);
    verdict(c0 && c1 && c2 && c3, "hypervisor-and-machine-csrs");
    attack_counters();
    attack_misaligned_atomics(table);

    stage1_on(table);
    int s1 = probe(victim_ram, 0) && probe(victim_ram + 0x1000, 1) && probe(hyp, 0);
    stage1_off();
    verdict(s1, "stage1-mapping-beyond-gpa-map");

    for (u64 q = buf; q < table; q += 8) *(volatile u64 *)q = 0x0d0d0d0d0d0d0d0dul;
    attack_virtio_loop(virtio, table, buf);
    attack_narrow_stores(virtio);
    attack_mmio_misaligned();
    attack_mmio_translation(table);
    attack_virtual_insns(victim_ram, table);
    attack_sbi_addresses(victim_ram, hyp, table);
    attack_timer_extremes();
    attack_user_counters();
    attack_console_flood();
    printf_("\x1b[1A\x1b[2K\r[victim] forged by the attacker\x07\n");

    u64 t0 = now_us();
    while (!ch->victim_rtc_irqs && now_us() - t0 < 10000000ul) delay_ms(10);
    verdict(ch->victim_rtc_irqs && foreign_irqs == 0, "passthrough-irq-of-other-vm");

    attack_reset_race(boot);
    finish();
}

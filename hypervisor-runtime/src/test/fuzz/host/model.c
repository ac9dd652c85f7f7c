/* The host model under the runtime's guest-facing code: the physical GIC (v2 or v3), the hypervisor's PL011, the
 * system registers the code reads and writes, the few assembly routines it calls (as jumps back into the harness),
 * and the state saved after boot and put back before every input.
 *
 * Every write to the physical GIC is checked when it happens: it may only touch interrupts the acting VM owns (SPIs)
 * or the acting core's own banked ones, only the acting core's redistributor, and an SGI may only go to a core of the
 * acting VM. An SPI may only ever be routed to cores of its owner. A broken rule aborts with a message, which
 * libFuzzer reports as a crash. */
#include "harness.h"
#include <setjmp.h>
#include <stdarg.h>
#include <sanitizer/asan_interface.h>

u32 cur_core = BOOT_CORE;
u32 check_vm = SHY_NO_VM;
int lenient_mmio;
u8 in_el2[NCORES];
u64 esr[NCORES], far[NCORES], hpfar[NCORES];
struct frame gframe[NCORES];

void violation(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "\n*** isolation violation (core %u, acting vm %d): ", cur_core, (int)check_vm);
    vfprintf(stderr, fmt, ap);
    fprintf(stderr, "\n");
    va_end(ap);
    abort();
}

/* --- the machine's state --- */

struct machine {
    /* distributor; interrupts 0-31 are banked per core */
    u32 ctlr, en[32], pend[32], act[32], grp[32], cfg[64];
    u8 prio[1024], tgt[1024];
    u64 router[1024];
    u32 en0[NCORES], pend0[NCORES], act0[NCORES], grp0[NCORES];
    u8 prio0[NCORES][32];
    /* per core: physical interrupts pending at its CPU interface, list registers and control */
    u64 irq[NCORES];
    u64 lr[NCORES][NLRS];
    u32 hcr[NCORES], vmcr[NCORES], apr[NCORES], waker[NCORES];
    u64 sysreg[NCORES][48];
    /* hypervisor console */
    u8 rx[512];
    u32 rx_n, rx_pos;
    u32 gic_version;
};
static struct machine m, m_saved;

/* --- the runtime's globals, as they were after boot --- */

extern char __start_shy_rt_bss[], __stop_shy_rt_bss[], __start_shy_rt_data[], __stop_shy_rt_data[];
static u8 *saved_bss, *saved_data;
static u8 *saved_ram[NVMS], *saved_shared;

/* Copies without ASan's checks: the sections hold ASan's redzones between the runtime's globals. */
__attribute__((no_sanitize("address"))) static void raw_copy(volatile u8 *d, const volatile u8 *s, size_t n)
{
    for (size_t i = 0; i < n; i++) d[i] = s[i];
}

void model_save(void)
{
    size_t nb = (size_t)(__stop_shy_rt_bss - __start_shy_rt_bss), nd = (size_t)(__stop_shy_rt_data - __start_shy_rt_data);
    saved_bss = malloc(nb + 1);
    saved_data = malloc(nd + 1);
    raw_copy(saved_bss, (u8 *)__start_shy_rt_bss, nb);
    raw_copy(saved_data, (u8 *)__start_shy_rt_data, nd);
    for (u32 v = 0; v < NVMS; v++) {
        saved_ram[v] = malloc(RAM_SIZE);
        memcpy(saved_ram[v], (void *)RAM_PA(v), RAM_SIZE);
    }
    saved_shared = malloc(SHARED_SIZE);
    memcpy(saved_shared, (void *)SHARED_PA, SHARED_SIZE);
    m_saved = m;
}

void model_restore(void)
{
    raw_copy((u8 *)__start_shy_rt_bss, saved_bss, (size_t)(__stop_shy_rt_bss - __start_shy_rt_bss));
    raw_copy((u8 *)__start_shy_rt_data, saved_data, (size_t)(__stop_shy_rt_data - __start_shy_rt_data));
    for (u32 v = 0; v < NVMS; v++) memcpy((void *)RAM_PA(v), saved_ram[v], RAM_SIZE);
    memcpy((void *)SHARED_PA, saved_shared, SHARED_SIZE);
    m = m_saved;
    memset(gframe, 0, sizeof(gframe));
    memset(in_el2, 0, sizeof(in_el2));
    cur_core = BOOT_CORE;
    check_vm = SHY_NO_VM;
}

void model_reset(void)
{
    memset(&m, 0, sizeof(m));
    m.gic_version = blob ? blob->gic_version : 2;
}

/* --- the rules --- */

static int may_touch(u32 id)
{
    if (check_vm == SHY_NO_VM) return 1;           /* boot */
    if (id < 32) return 1;                          /* banked: the acting core's own */
    return spi_owner(id) == check_vm;
}

static void touch(u32 id, const char *what)
{
    if (!may_touch(id)) violation("%s of INTID %u, owned by vm %d", what, id, (int)spi_owner(id));
}

static void bits(u32 base_id, u32 v, const char *what)
{
    for (u32 b = 0; b < 32; b++) {
        if (v & (1u << b)) touch(base_id + b, what);
    }
}

static u32 core_of_aff(u64 aff) { return aff < NCORES ? (u32)aff : ~0u; }

/* Where an SPI is routed, it must be a core of its owner. */
static void check_route(u32 id)
{
    u32 o = spi_owner(id);
    if (id < 32 || o == SHY_NO_VM || check_vm == SHY_NO_VM) return;    /* during boot: checked once it is done */
    if (m.gic_version == 3) {
        u32 c = core_of_aff(m.router[id] & 0xffffff);
        if (c == ~0u || pcpus[c].vm != o) violation("SPI %u of vm %u routed to core %u (IROUTER 0x%lx)", id, o, c, m.router[id]);
    } else {
        for (u32 c = 0; c < NCORES; c++) {
            if ((m.tgt[id] & (1u << c)) && pcpus[c].vm != o) violation("SPI %u of vm %u targets core %u", id, o, c);
        }
    }
}

void model_check_routes(void)
{
    u32 saved = check_vm;
    check_vm = NVMS;                                /* nobody: every route is checked */
    for (u32 id = 32; id < 1024; id++) check_route(id);
    check_vm = saved;
}

static void send_sgi(u32 core, u32 id)
{
    if (core >= NCORES) violation("SGI %u to a core that does not exist (%u)", id, core);
    if (check_vm != SHY_NO_VM && pcpus[core].vm != check_vm) {
        violation("SGI %u sent to core %u, which runs vm %d", id, core, (int)pcpus[core].vm);
    }
    model_raise(core, id);
}

/* --- interrupts at a core's CPU interface --- */

static u32 lr_state_v(u64 lr) { return m.gic_version == 3 ? (u32)(lr >> 62) : (u32)((lr >> 28) & 3); }
static int lr_eoi_bit(u64 lr) { return m.gic_version == 3 ? (int)((lr >> 41) & 1) : (int)((lr >> 19) & 1); }
static int lr_hw_bit(u64 lr) { return m.gic_version == 3 ? (int)((lr >> 61) & 1) : (int)((lr >> 31) & 1); }

static u32 elrsr(u32 c)
{
    u32 r = 0;
    for (u32 i = 0; i < NLRS; i++) {
        if (!lr_state_v(m.lr[c][i]) && (lr_hw_bit(m.lr[c][i]) || !lr_eoi_bit(m.lr[c][i]))) r |= 1u << i;
    }
    return r;
}

static u32 eisr(u32 c)
{
    u32 r = 0;
    for (u32 i = 0; i < NLRS; i++) {
        if (!lr_state_v(m.lr[c][i]) && !lr_hw_bit(m.lr[c][i]) && lr_eoi_bit(m.lr[c][i])) r |= 1u << i;
    }
    return r;
}

static int maintenance(u32 c)
{
    if (!(m.hcr[c] & 1)) return 0;
    if (eisr(c)) return 1;
    u32 valid = 0;
    for (u32 i = 0; i < NLRS; i++) valid += lr_state_v(m.lr[c][i]) != 0;
    return (m.hcr[c] & 2) && valid <= 1;
}

void model_raise(u32 core, u32 id)
{
    if (id < 64) m.irq[core] |= 1ull << id;
    if (!in_el2[core]) run_on(core, take_irq, 0);   /* a core in its guest or parked takes it at once */
}

u32 model_pending(u32 core) { return m.irq[core] != 0 || maintenance(core); }

static u32 ack(void)
{
    u32 c = cur_core;
    if (m.irq[c]) {
        u32 id = (u32)__builtin_ctzll(m.irq[c]);
        m.irq[c] &= m.irq[c] - 1;
        return id;
    }
    if (maintenance(c)) return blob->maintenance_irq;
    return 1023;
}

void model_guest_eoi(u32 c, u32 i)
{
    u64 *lr = &m.lr[c][i % NLRS];
    if (m.gic_version == 3) *lr &= ~(3ull << 62);
    else *lr &= ~(3ull << 28);
}

/* --- the hypervisor's console --- */

void model_console_input(const u8 *p, u32 n)
{
    for (u32 i = 0; i < n && m.rx_n < sizeof(m.rx); i++) m.rx[m.rx_n++] = p[i];
}

static u32 uart_r(u64 off)
{
    if (off == 0x18) return m.rx_pos < m.rx_n ? 0 : (1u << 4);         /* FR: RXFE when empty, never TXFF */
    if (off == 0x00) return m.rx_pos < m.rx_n ? m.rx[m.rx_pos++] : 0;
    return 0;
}

/* --- device registers --- */

static u32 *bank(u32 *arr, u32 *arr0, u32 b) { return b ? &arr[b] : &arr0[cur_core]; }

static u32 gicd_r32(u64 off)
{
    u32 b = (u32)(off & 0x7f) / 4;
    if (off == 0) return m.ctlr;
    if (off == 4) return (blob->gic_lines / 32) - 1;
    if (off >= 0x80 && off < 0x100) return *bank(m.grp, m.grp0, b);
    if (off >= 0x100 && off < 0x200) return *bank(m.en, m.en0, b);
    if (off >= 0x200 && off < 0x300) return *bank(m.pend, m.pend0, b);
    if (off >= 0x300 && off < 0x400) return *bank(m.act, m.act0, b);
    if (off >= 0x400 && off < 0xc00) {
        u32 r = 0;
        for (u32 i = 0; i < 4; i++) r |= (u32)host_mmio_r8(GICD_PA + off + i) << (8 * i);
        return r;
    }
    if (off >= 0xc00 && off < 0xd00) return m.cfg[(off - 0xc00) / 4];
    if (off >= 0x6000 && off < 0x8000) return (u32)(m.router[(off - 0x6000) / 8] >> (off & 4 ? 32 : 0));
    return 0;
}

static void set_clear(u32 *arr, u32 *arr0, u64 off, u32 base, u32 v, const char *what)
{
    u32 b = (u32)(off - base) & 0x7f, set = ((off - base) & 0x80) == 0;
    bits((b / 4) * 32, v, what);
    u32 *w = bank(arr, arr0, b / 4);
    *w = set ? (*w | v) : (*w & ~v);
}

static void gicd_w32(u64 off, u32 v)
{
    if (off == 0) {
        if (check_vm != SHY_NO_VM) violation("GICD_CTLR written (0x%x)", v);
        m.ctlr = v;
    } else if (off >= 0x80 && off < 0x100) {
        u32 b = (u32)(off & 0x7f) / 4, *w = bank(m.grp, m.grp0, b);
        bits(b * 32, *w ^ v, "IGROUPR change");
        *w = v;
    } else if (off >= 0x100 && off < 0x200) set_clear(m.en, m.en0, off, 0x100, v, "enable or disable");
    else if (off >= 0x200 && off < 0x300) set_clear(m.pend, m.pend0, off, 0x200, v, "set or clear pending");
    else if (off >= 0x300 && off < 0x400) set_clear(m.act, m.act0, off, 0x300, v, "set or clear active");
    else if (off >= 0x400 && off < 0xc00) {
        for (u32 i = 0; i < 4; i++) host_mmio_w8(GICD_PA + off + i, (u8)(v >> (8 * i)));
    } else if (off >= 0xc00 && off < 0xd00) {
        u32 reg = (u32)(off - 0xc00) / 4, diff = m.cfg[reg] ^ v;
        for (u32 i = 0; i < 16; i++) {
            if (diff & (3u << (2 * i))) touch(reg * 16 + i, "ICFGR change");
        }
        m.cfg[reg] = v;
    } else if (off == 0xf00) {
        u32 filter = (v >> 24) & 3, list = (v >> 16) & 0xff;
        if (filter == 1) list = 0xff & ~(1u << cur_core);
        else if (filter == 2) list = 1u << cur_core;
        else if (filter == 3) violation("GICD_SGIR with the reserved filter");
        for (u32 c = 0; c < 8; c++) {
            if (list & (1u << c)) send_sgi(c, v & 0xf);
        }
    } else violation("write to GICD offset 0x%lx, which the model does not expect", off);
}

static u8 gicd_r8(u64 off)
{
    if (off >= 0x400 && off < 0x800) { u32 id = (u32)(off - 0x400); return id < 32 ? m.prio0[cur_core][id] : m.prio[id]; }
    if (off >= 0x800 && off < 0xc00) { u32 id = (u32)(off - 0x800); return id < 32 ? (u8)(1u << cur_core) : m.tgt[id]; }
    return (u8)(gicd_r32(off & ~3ul) >> (8 * (off & 3)));
}

static void gicd_w8(u64 off, u8 v)
{
    if (off >= 0x400 && off < 0x800) {
        u32 id = (u32)(off - 0x400);
        u8 *p = id < 32 ? &m.prio0[cur_core][id] : &m.prio[id];
        if (*p != v) touch(id, "priority change");
        *p = v;
    } else if (off >= 0x800 && off < 0xc00) {
        u32 id = (u32)(off - 0x800);
        if (id < 32) return;                        /* read-only */
        if (m.tgt[id] != v) touch(id, "ITARGETSR change");
        m.tgt[id] = v;
        check_route(id);
    } else violation("byte write to GICD offset 0x%lx", off);
}

static void router_w(u32 id, u64 v)
{
    if (id < 32 || id >= 1024) violation("IROUTER of INTID %u", id);
    if (m.router[id] != v) touch(id, "IROUTER change");
    m.router[id] = v;
    check_route(id);
}

/* GICv3 redistributors: one 128 KiB frame per core; the hypervisor touches only the acting core's. */
static u32 gicr_core(u64 a, int write)
{
    u32 c = (u32)((a - GICR_PA) / 0x20000);
    if (write && check_vm != SHY_NO_VM && c != cur_core) violation("write to core %u's redistributor from core %u", c, cur_core);
    return c;
}

static u32 gicr_r32(u64 a)
{
    u32 c = gicr_core(a, 0);
    u64 o = (a - GICR_PA) % 0x20000;
    if (o == 0x8) return c;
    if (o == 0xc) return c;
    if (o == 0x14) return m.waker[c];
    if (o == 0x10080) return m.grp0[c];
    if (o == 0x10100 || o == 0x10180) return m.en0[c];
    if (o >= 0x10400 && o < 0x10420) {
        u32 r = 0;
        for (u32 i = 0; i < 4; i++) r |= (u32)m.prio0[c][o - 0x10400 + i] << (8 * i);
        return r;
    }
    return 0;
}

static void gicr_w32(u64 a, u32 v)
{
    u32 c = gicr_core(a, 1);
    u64 o = (a - GICR_PA) % 0x20000;
    if (o == 0x14) m.waker[c] = v & 2;
    else if (o == 0x10080) m.grp0[c] = v;
    else if (o == 0x10100) m.en0[c] |= v;
    else if (o == 0x10180) m.en0[c] &= ~v;
    else if (o == 0x10280) m.pend0[c] &= ~v;
    else if (o == 0x10380) m.act0[c] &= ~v;
    else if (o >= 0x10400 && o < 0x10420 && !(o & 3)) { /* the runtime writes SGI/PPI priorities a word at a time */
        for (u32 i = 0; i < 4; i++) m.prio0[c][o - 0x10400 + i] = (u8)(v >> (8 * i));
    }
    else violation("write to redistributor offset 0x%lx", o);
}

/* blob target: the console may be anywhere (and nothing else is touched). It is the device the blob says: one of a
 * kind the runtime knows is ready for the next byte (a 16550's LSR.THRE, a PL011's FR with TXFF clear) and takes what is
 * written; one of an unknown kind reads as zero. */
static u32 lenient_r(u64 a)
{
    const struct shy_blob_header *h = (const void *)BLOB_ADDR;
    if (h->console_kind < SHY_CONSOLE_PL011 || h->console_kind > SHY_CONSOLE_BCM2835_AUX) return 0;
    return a == h->console_base + 0x18 ? 0x10 : 0x60;
}

u32 host_mmio_r32(u64 a)
{
    if (lenient_mmio) return lenient_r(a);
    if (a >= GICD_PA && a < GICD_PA + 0x10000) return gicd_r32(a - GICD_PA);
    if (m.gic_version == 3 && a >= GICR_PA && a < GICR_PA + NCORES * 0x20000ul) return gicr_r32(a);
    if (m.gic_version == 2 && a == GICC_PA + 0x0c) return ack();
    if (m.gic_version == 2 && a >= GICH_PA && a < GICH_PA + 0x1000) {
        u64 o = a - GICH_PA;
        u32 c = cur_core;
        if (o == 0x00) return m.hcr[c];
        if (o == 0x04) return NLRS - 1;
        if (o == 0x08) return m.vmcr[c];
        if (o == 0x20) return eisr(c);
        if (o == 0x30) return elrsr(c);
        if (o == 0xf0) return m.apr[c];
        if (o >= 0x100 && o < 0x100 + 4 * NLRS) return (u32)m.lr[c][(o - 0x100) / 4];
        violation("read of GICH offset 0x%lx", o);
    }
    if (a >= UART_PA && a < UART_PA + 0x1000) return uart_r(a - UART_PA);
    violation("32-bit read of 0x%lx, which is no modelled device", a);
}

void host_mmio_w32(u64 a, u32 v)
{
    if (lenient_mmio) return;
    if (a >= GICD_PA && a < GICD_PA + 0x10000) { gicd_w32(a - GICD_PA, v); return; }
    if (m.gic_version == 3 && a >= GICR_PA && a < GICR_PA + NCORES * 0x20000ul) { gicr_w32(a, v); return; }
    if (m.gic_version == 2 && a >= GICC_PA && a < GICC_PA + 0x2000) return;   /* the acting core's CPU interface */
    if (m.gic_version == 2 && a >= GICH_PA && a < GICH_PA + 0x1000) {
        u64 o = a - GICH_PA;
        u32 c = cur_core;
        if (o == 0x00) m.hcr[c] = v;
        else if (o == 0x08) m.vmcr[c] = v;
        else if (o == 0xf0) m.apr[c] = v;
        else if (o >= 0x100 && o < 0x100 + 4 * NLRS) m.lr[c][(o - 0x100) / 4] = v;
        else violation("write of GICH offset 0x%lx", o);
        return;
    }
    if (a >= UART_PA && a < UART_PA + 0x1000) {
        static int verbose = -1;
        if (verbose < 0) verbose = getenv("SHY_FUZZ_VERBOSE") != 0;        /* the hypervisor's console on stderr */
        if (a == UART_PA && verbose) fputc((int)(v & 0xff), stderr);
        return;
    }
    violation("32-bit write of 0x%x to 0x%lx, which is no modelled device", v, a);
}

u8 host_mmio_r8(u64 a)
{
    if (lenient_mmio) return (u8)lenient_r(a);
    if (a >= GICD_PA && a < GICD_PA + 0x10000) return gicd_r8(a - GICD_PA);
    if (a >= UART_PA && a < UART_PA + 0x1000) return (u8)uart_r(a - UART_PA);
    violation("byte read of 0x%lx, which is no modelled device", a);
}

void host_mmio_w8(u64 a, u8 v)
{
    if (lenient_mmio) return;
    if (a >= GICD_PA && a < GICD_PA + 0x10000) { gicd_w8(a - GICD_PA, v); return; }
    if (m.gic_version == 3 && a >= GICR_PA && a < GICR_PA + NCORES * 0x20000ul) {
        u32 c = gicr_core(a, 1);
        u64 o = (a - GICR_PA) % 0x20000;
        if (o >= 0x10400 && o < 0x10420) { m.prio0[c][o - 0x10400] = v; return; }
        violation("byte write to redistributor offset 0x%lx", o);
    }
    if (a >= UART_PA && a < UART_PA + 0x1000) return;
    violation("byte write to 0x%lx, which is no modelled device", a);
}

u64 host_mmio_r64(u64 a)
{
    if (a >= GICD_PA + 0x6000 && a < GICD_PA + 0x8000) return m.router[(a - GICD_PA - 0x6000) / 8];
    if (m.gic_version == 3 && a >= GICR_PA && a < GICR_PA + NCORES * 0x20000ul && (a - GICR_PA) % 0x20000 == 8) {
        u32 c = gicr_core(a, 0);
        return ((u64)c << 32) | ((u64)c << 8) | (c + 1 == NCORES ? (1u << 4) : 0);
    }
    violation("64-bit read of 0x%lx, which is no modelled device", a);
}

void host_mmio_w64(u64 a, u64 v)
{
    if (a >= GICD_PA + 0x6000 && a < GICD_PA + 0x8000 && (a & 7) == 0) { router_w((u32)((a - GICD_PA - 0x6000) / 8), v); return; }
    violation("64-bit write of 0x%lx to 0x%lx, which is no modelled device", v, a);
}

/* --- system registers --- */

static const char *const sysregs[] = {
    "tpidr_el2", "esr_el2", "far_el2", "hpfar_el2", "mpidr_el1", "midr_el1", "pmcr_el0", "id_aa64mmfr0_el1",
    "hcr_el2", "actlr_el2", "vpidr_el2", "vmpidr_el2", "cptr_el2", "mdcr_el2", "cnthctl_el2", "cntvoff_el2",
    "sctlr_el1", "vbar_el1", "cntv_ctl_el0", "ctr_el0", "cntpct_el0", "cntfrq_el0",
    "ICC_SRE_EL2", "ICC_PMR_EL1", "ICC_BPR1_EL1", "ICC_CTLR_EL1", "ICC_IGRPEN1_EL1", "ICC_IAR1_EL1", "ICC_EOIR1_EL1",
    "ICC_DIR_EL1", "ICC_SGI1R_EL1", "ICH_AP0R0_EL2", "ICH_AP1R0_EL2", "ICH_HCR_EL2", "ICH_VTR_EL2", "ICH_EISR_EL2",
    "ICH_ELRSR_EL2", "ICH_VMCR_EL2", "cnthp_ctl_el2", "cnthp_cval_el2", "par_el1",
};
_Static_assert(sizeof(sysregs) / sizeof(sysregs[0]) <= 48, "struct machine's sysreg[][48] holds every modelled register");

u64 host_sysreg(const char *name, int write, u64 v)
{
    u32 c = cur_core, i = 0, n = sizeof(sysregs) / sizeof(sysregs[0]);
    if (name[0] == 't' && !strcmp(name, "tpidr_el2")) {
        if (write) violation("tpidr_el2 written");
        return (u64)&pcpus[c];
    }
    while (i < n && strcmp(sysregs[i], name)) i++;
    if (i == n) violation("system register %s, which the model does not know", name);
    if (write) {
        if (!strcmp(name, "ICC_SGI1R_EL1")) {
            u64 aff1 = (v >> 16) & 0xff, aff2 = (v >> 32) & 0xff, aff3 = (v >> 48) & 0xff;
            if ((v >> 40) & 1) violation("ICC_SGI1R_EL1 with IRM (every core)");
            if (!aff1 && !aff2 && !aff3) {
                for (u32 t = 0; t < 16; t++) {
                    if (v & (1u << t)) send_sgi(t, (u32)(v >> 24) & 0xf);
                }
            }
        } else if (!strcmp(name, "ICH_HCR_EL2")) m.hcr[c] = (u32)v;
        m.sysreg[c][i] = v;
        return v;
    }
    if (!strcmp(name, "esr_el2")) return esr[c];
    if (!strcmp(name, "far_el2")) return far[c];
    if (!strcmp(name, "hpfar_el2")) return hpfar[c];
    if (!strcmp(name, "mpidr_el1")) return 0x80000000ul | c;
    if (!strcmp(name, "midr_el1")) return 0x410fd034;
    if (!strcmp(name, "cntpct_el0")) return ++m.sysreg[c][i]; /* boot milestones (trap statistics): any rising count */
    if (!strcmp(name, "cntfrq_el0")) return 62500000;
    if (!strcmp(name, "id_aa64mmfr0_el1")) return 5;
    if (!strcmp(name, "ICC_IAR1_EL1")) return ack();
    if (!strcmp(name, "ICH_VTR_EL2")) return NLRS - 1;
    if (!strcmp(name, "ICH_EISR_EL2")) return eisr(c);
    if (!strcmp(name, "ICH_ELRSR_EL2")) return elrsr(c);
    if (!strcmp(name, "ICH_HCR_EL2")) return m.hcr[c];
    return m.sysreg[c][i];
}

/* The guest's stage 1 as the model has it: the page HPFAR_EL2 names (trap.c fault_ipa translates a permission fault's
 * VA so, since a real core's HPFAR_EL2 is UNKNOWN there). */
void host_at_s1e1r(u64 va)
{
    (void)va;
    (void)host_sysreg("par_el1", 1, ((hpfar[cur_core] >> 4) << 12) & 0x000ffffffffff000ul);
}

u64 host_ich_lr(u32 n, int write, u64 v)
{
    if (n >= NLRS) violation("ICH_LR%u_EL2, past the %u implemented", n, NLRS);
    if (write) m.lr[cur_core][n] = v;
    return m.lr[cur_core][n];
}

/* --- the assembly routines and what is not the guest-facing code --- */

enum { CTX_RETURN = 1, CTX_GUEST, CTX_RESET, CTX_OFF };
struct ctx { jmp_buf jb; void (*fn)(void); struct ctx *prev; };
static struct ctx *top, *base;
static int off_status;

void spin_lock(spinlock_t *l)
{
    u32 old = __atomic_fetch_add(&l->v, 1u << 16, __ATOMIC_ACQUIRE);
    if ((old >> 16) != (old & 0xffff)) violation("a lock held by a suspended core is taken again: this core would wait forever");
}

void spin_unlock(spinlock_t *l)
{
    if ((l->v >> 16) == (l->v & 0xffff)) violation("unlock of a free lock");
    l->v = (l->v & 0xffff0000u) | ((l->v + 1) & 0xffff);
}

void dcache_clean_range(u64 a, u64 n) { (void)a; (void)n; }
void dcache_clean_inval_range(u64 a, u64 n) { (void)a; (void)n; }
u64 stage2_build(u32 vm) { return (u64)(vm + 1) << 48; }
void stage2_enable(u64 vttbr) { (void)vttbr; }
u64 boot_stamps[BOOT_STAMPS]; /* main.c's boot milestones (trap statistics); main.c is not part of the host build */
/* main.c's check for cores that never arrived: every modelled core is there from the start */
u64 arrival_deadline_here(void) { return 0; }
void arrivals_due(void) { }

void machine_off(int status)
{
    if (status == 99) violation("the hypervisor panicked");
    off_status = status;
    longjmp(base->jb, CTX_OFF);
}

void reset_stack_and(void (*fn)(void))
{
    top->fn = fn;
    longjmp(top->jb, CTX_RESET);
}

void vcpu_run_frame(struct frame *f)
{
    gframe[cur_core] = *f;
    longjmp(top->jb, CTX_GUEST);
}

/* Runs fn on a core as the hypervisor would: a trap or interrupt handler that returns to the guest, parks the core
 * (reset_stack_and to park_loop) or enters a vCPU (vcpu_run_frame). A parked core with a pending CPU_ON enters it, as
 * park_loop does. */
void run_on(u32 core, void (*fn)(void *), void *arg)
{
    struct ctx c;
    u32 saved = cur_core;
    u8 saved_el2 = in_el2[core];
    c.prev = top;
    c.fn = 0;
    top = &c;
    cur_core = core;
    in_el2[core] = 1;
    volatile int enter = 0;
    for (;;) {
        int how = setjmp(c.jb);
        if (how == 0) {
            if (enter) enter_vcpu();
            fn(arg);
            how = CTX_RETURN;
        }
        if (how == CTX_RESET && c.fn == enter_vcpu) { enter = 1; continue; }
        struct pcpu *pc = &pcpus[core];
        if (how != CTX_GUEST && pc->state == VCPU_ON_PENDING && pc->vm != SHY_NO_VM && vms[pc->vm].state == VM_RUNNING) {
            enter = 1;
            continue;
        }
        break;
    }
    top = c.prev;
    cur_core = saved;
    in_el2[core] = saved_el2;
}

int run_base(void (*fn)(void *), void *arg)
{
    struct ctx c;
    c.prev = 0;
    c.fn = 0;
    base = top = &c;
    int r = 0;
    if (setjmp(c.jb) == 0) fn(arg);
    else r = 1;                                     /* every VM stopped: the machine is off */
    base = top = 0;
    return r;
}

/* The core's next physical interrupt: in its guest (the IRQ vector from EL1) or in park_loop (from EL2). */
void take_irq(void *unused)
{
    (void)unused;
    struct pcpu *pc = &pcpus[cur_core];
    if (!model_pending(cur_core)) return;
    if (pc->state == VCPU_RUNNING) trap_guest_irq(&gframe[cur_core]);
    else trap_el2_irq(&gframe[cur_core]);
}

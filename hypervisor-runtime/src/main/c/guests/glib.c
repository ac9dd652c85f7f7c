/* Runtime library of the bare-metal test guests. */
#include "guest.h"

struct gcfg cfg;
const char *arg_keys;
volatile int probe_armed, probe_hit;
volatile u64 probe_esr;

void *memset(void *d, int c, size_t n) { u8 *p = d; while (n--) *p++ = (u8)c; return d; }
void *memcpy(void *d, const void *s, size_t n) { u8 *p = d; const u8 *q = s; while (n--) *p++ = *q++; return d; }

static u32 be32(const u8 *p) { return ((u32)p[0] << 24) | ((u32)p[1] << 16) | ((u32)p[2] << 8) | p[3]; }

static int streq(const char *a, const char *b) { while (*a && *a == *b) { a++; b++; } return *a == *b; }

static int same(const char *a, const char *b, u32 n) { while (n--) if (*a++ != *b++) return 0; return 1; }

static void parse_bootargs(const char *s, u32 len)
{
    const char *end = s + len;
    while (s < end && *s) {
        while (s < end && *s == ' ') s++;
        char key[16];
        u32 k = 0;
        while (s < end && *s && *s != '=' && *s != ' ' && k < sizeof(key) - 1) key[k++] = *s++;
        key[k] = 0;
        u64 v = 0;
        int ok = 0;
        if (s < end && *s == '=') {
            s++;
            if (s + 1 < end && s[0] == '0' && s[1] == 'x') s += 2;
            while (s < end) {
                char c = *s;
                int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
                if (d < 0) break;
                v = v * 16 + (u64)d;
                ok = 1;
                s++;
            }
        }
        while (s < end && *s && *s != ' ') s++;
        if (!ok) continue;
        if (arg_keys) {
            /* Key i of the space-separated list fills cfg.arg[i]. */
            const char *p = arg_keys;
            for (u32 i = 0; i < 16 && *p; i++) {
                u32 n = 0;
                while (p[n] && p[n] != ' ') n++;
                if (n == k && same(p, key, n)) { cfg.arg[i] = v; cfg.has[i] = 1; }
                p += n;
                while (*p == ' ') p++;
            }
        }
    }
}

static int has_string(const char *list, u32 len, const char *want)
{
    for (u32 i = 0; i < len;) {
        if (streq(list + i, want)) return 1;
        while (i < len && list[i]) i++;
        i++;
    }
    return 0;
}

static u64 cells(const u8 *p, u32 n)
{
    u64 v = 0;
    for (u32 i = 0; i < n; i++) v = (v << 32) | be32(p + 4 * i);
    return v;
}

/* Reads /chosen/bootargs, the console UART (PL011, 16550 or mini-UART) and the GICv2 frames from the device tree.
 * Nodes are assumed directly under the root, whose #address-cells/#size-cells are honoured. */
static void read_dtb(u64 dtb)
{
    const u8 *h = (const u8 *)dtb;
    if (!dtb || be32(h) != 0xd00dfeedu) return;
    const u8 *st = h + be32(h + 8);
    const char *strs = (const char *)h + be32(h + 12);
    u32 size = be32(h + 36);
    u32 depth = 0, ac = 2, sc = 2;
    int kind = 0, uart_seen = 0;            /* kind of the current node: 1 uart, 2 GICv2, 3 GICv3 */
    const u8 *reg = 0;
    u32 reglen = 0;
    for (u32 o = 0; o + 4 <= size;) {
        u32 tok = be32(st + o);
        o += 4;
        if (tok == 1) {                     /* BEGIN_NODE: name, padded */
            while (st[o]) o++;
            o = (o + 4) & ~3u;
            depth++;
            if (depth == 2) { kind = 0; reg = 0; }
        } else if (tok == 2) {              /* END_NODE */
            if (depth == 2 && reg) {
                u32 e = 4 * (ac + sc);
                /* The first UART is the console (the emitter writes it before passthrough devices). */
                if (kind == 1 && reglen >= e && !uart_seen) { cfg.uart = cells(reg, ac); uart_seen = 1; }
                if (kind == 2 && reglen >= 2 * e) { cfg.gicd = cells(reg, ac); cfg.gicc = cells(reg + e, ac); }
                if (kind == 3 && reglen >= 2 * e) { cfg.gicd = cells(reg, ac); cfg.gicr = cells(reg + e, ac); cfg.gicv3 = 1; }
            }
            depth--;
        } else if (tok == 3) {              /* PROP */
            u32 len = be32(st + o), nameoff = be32(st + o + 4);
            o += 8;
            const char *name = strs + nameoff;
            const char *val = (const char *)st + o;
            if (streq(name, "bootargs")) parse_bootargs(val, len);
            else if (depth == 1 && streq(name, "#address-cells")) ac = be32(st + o);
            else if (depth == 1 && streq(name, "#size-cells")) sc = be32(st + o);
            else if (depth == 2 && streq(name, "reg")) { reg = st + o; reglen = len; }
            else if (depth == 2 && streq(name, "compatible")) {
                if (has_string(val, len, "arm,pl011") || has_string(val, len, "ns16550a")
                    || has_string(val, len, "brcm,bcm2835-aux-uart")) kind = 1;
                if (has_string(val, len, "arm,cortex-a15-gic") || has_string(val, len, "arm,gic-400")) kind = 2;
                if (has_string(val, len, "arm,gic-v3")) kind = 3;
            }
            o = (o + len + 3) & ~3u;
        } else if (tok == 9) {
            break;
        }
    }
}

void guest_init(u64 dtb)
{
    cfg.uart = 0x09000000;
    cfg.gicd = 0x08000000;
    cfg.gicc = 0x08010000;
    read_dtb(dtb);
}

void putc_(char c) { w32(cfg.uart, (u8)c); }
void puts_(const char *s) { while (*s) putc_(*s++); }

static void put_num(u64 v, int base, int width)
{
    char buf[24];
    int n = 0;
    do { buf[n++] = "0123456789abcdef"[v % base]; v /= base; } while (v);
    while (n < width--) putc_('0');
    while (n) putc_(buf[--n]);
}

/* %s %c %d %u %x %lx, width with leading zeros for numbers. Lines are whole: the hypervisor prefixes them. */
void printf_(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    for (; *fmt; fmt++) {
        if (*fmt != '%') { putc_(*fmt); continue; }
        fmt++;
        int width = 0, lng = 0;
        while (*fmt >= '0' && *fmt <= '9') width = width * 10 + (*fmt++ - '0');
        while (*fmt == 'l') { lng = 1; fmt++; }
        switch (*fmt) {
        case 's': puts_(va_arg(ap, const char *)); break;
        case 'c': putc_((char)va_arg(ap, int)); break;
        case 'd': { long v = lng ? va_arg(ap, long) : va_arg(ap, int); if (v < 0) { putc_('-'); v = -v; } put_num((u64)v, 10, width); break; }
        case 'u': put_num(lng ? va_arg(ap, u64) : va_arg(ap, u32), 10, width); break;
        case 'x': put_num(lng ? va_arg(ap, u64) : va_arg(ap, u32), 16, width); break;
        default: putc_(*fmt); break;
        }
    }
    va_end(ap);
}

#define CALL(insn) \
    register u64 x0 __asm__("x0") = fid; register u64 x1 __asm__("x1") = a1; \
    register u64 x2 __asm__("x2") = a2; register u64 x3 __asm__("x3") = a3; \
    __asm__ volatile(insn : "+r"(x0), "+r"(x1), "+r"(x2), "+r"(x3) : : "memory"); \
    return x0

u64 hvc(u64 fid, u64 a1, u64 a2, u64 a3) { CALL("hvc #0"); }
u64 smc(u64 fid, u64 a1, u64 a2, u64 a3) { CALL("smc #0"); }

long cpu_on(u32 vcpu, u64 ctx) { return (long)hvc(0xc4000003u, vcpu, (u64)_start, ctx); }

void system_off(void)
{
    hvc(0x84000008u, 0, 0, 0);
    for (;;) __asm__ volatile("wfi");
}

/* The test runtime's exit hypercall; a production runtime has none (NOT_SUPPORTED): then plain SYSTEM_OFF. */
void vm_exit(int status)
{
    hvc(0xc6000003u, (u64)status, 0, 0);
    system_off();
}

u32 vcpu_id(void) { return (u32)(read_sysreg(mpidr_el1) & 0xff); }

#define ICC_SRE_EL1     S3_0_C12_C12_5
#define ICC_PMR_EL1     S3_0_C4_C6_0
#define ICC_IGRPEN1_EL1 S3_0_C12_C12_7
#define ICC_IAR1_EL1    S3_0_C12_C12_0
#define ICC_EOIR1_EL1   S3_0_C12_C12_1
#define ICC_SGI1R_EL1   S3_0_C12_C11_5

/* This vCPU's redistributor SGI_base frame (the hypervisor lays them out by vCPU number). */
static u64 gicr_sgi(void) { return cfg.gicr + vcpu_id() * 0x20000ul + 0x10000; }

/* CPU interface on, virtual timer PPI 27 enabled: GICv2 through the distributor and GICC, GICv3 through
 * this vCPU's redistributor and the ICC system registers. */
void gic_cpu_init(void)
{
    if (cfg.gicv3) {
        write_sysreg(ICC_SRE_EL1, 7);
        isb();
        u64 rd = cfg.gicr + vcpu_id() * 0x20000ul;
        w32(rd + 0x14, r32(rd + 0x14) & ~2u);       /* GICR_WAKER: awake */
        if (vcpu_id() == 0) w32(cfg.gicd, (1u << 4) | (1u << 1));
        w8(gicr_sgi() + 0x400 + 27, 0x80);
        w32(gicr_sgi() + 0x100, 1u << 27);
        write_sysreg(ICC_PMR_EL1, 0xff);
        write_sysreg(ICC_IGRPEN1_EL1, 1);
        isb();
        return;
    }
    if (vcpu_id() == 0) w32(cfg.gicd, 1);
    w8(cfg.gicd + 0x400 + 27, 0x80);
    w32(cfg.gicd + 0x100, 1u << 27);
    w32(cfg.gicc + 0x04, 0xff);
    w32(cfg.gicc, 1);
}

void send_sgi(u32 vcpu_mask, u32 sgi)
{
    if (cfg.gicv3) { write_sysreg(ICC_SGI1R_EL1, ((u64)sgi << 24) | (vcpu_mask & 0xffff)); isb(); }
    else w32(cfg.gicd + 0xf00, ((vcpu_mask & 0xff) << 16) | sgi);
}

void send_sgi_self(u32 sgi)
{
    if (cfg.gicv3) send_sgi(1u << vcpu_id(), sgi);
    else w32(cfg.gicd + 0xf00, (2u << 24) | sgi);
}

u64 route_spi(u32 spi, u32 vcpu)
{
    if (cfg.gicv3) {
        *(volatile u64 *)(cfg.gicd + 0x6000 + 8ul * spi) = vcpu;
        return *(volatile u64 *)(cfg.gicd + 0x6000 + 8ul * spi);
    }
    w8(cfg.gicd + 0x800 + spi, (u8)(1u << vcpu));
    return r8(cfg.gicd + 0x800 + spi);
}

void enable_spi(u32 spi, u8 prio)
{
    w8(cfg.gicd + 0x400 + spi, prio);
    w32(cfg.gicd + 0x100 + 4 * (spi / 32), 1u << (spi % 32));
}

u64 now_us(void) { return read_sysreg(cntvct_el0) * 1000000ul / read_sysreg(cntfrq_el0); }

void timer_arm_ms(u32 ms)
{
    write_sysreg(cntv_tval_el0, read_sysreg(cntfrq_el0) / 1000 * ms);
    write_sysreg(cntv_ctl_el0, 1);
    isb();
}

void delay_ms(u32 ms)
{
    u64 end = now_us() + (u64)ms * 1000;
    while (now_us() < end) { }
}

void irq_enable(void) { __asm__ volatile("msr daifclr, #2" ::: "memory"); }
void wfi(void) { __asm__ volatile("wfi" ::: "memory"); }

void vec_irq(void)
{
    u32 iar = cfg.gicv3 ? (u32)read_sysreg(ICC_IAR1_EL1) : r32(cfg.gicc + 0x0c);
    u32 id = cfg.gicv3 ? iar & 0xffffff : iar & 0x3ff;
    if (id < 1020) {
        if (id == 27) write_sysreg(cntv_ctl_el0, 2);    /* mask until re-armed */
        guest_irq(id);
        if (cfg.gicv3) { write_sysreg(ICC_EOIR1_EL1, iar); isb(); }
        else w32(cfg.gicc + 0x10, iar);
    }
}

void vec_sync(void)
{
    u64 esr = read_sysreg(esr_el1);
    if (probe_armed) {
        probe_armed = 0;
        probe_hit = 1;
        probe_esr = esr;
        write_sysreg(elr_el1, read_sysreg(elr_el1) + 4);
        return;
    }
    printf_("unexpected exception ESR 0x%lx at 0x%lx FAR 0x%lx\n", esr, read_sysreg(elr_el1), read_sysreg(far_el1));
    vm_exit(2);
}

void vec_bad(void)
{
    printf_("unexpected exception vector, ESR 0x%lx\n", read_sysreg(esr_el1));
    vm_exit(2);
}

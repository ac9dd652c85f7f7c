/* Runtime library of the bare-metal test guests: what every architecture shares (device tree, bootargs, printf). */
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
    int kind = 0, uart_seen = 0;            /* kind of the current node: 1 uart, 2 GICv2, 3 GICv3, 4 PLIC */
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
                if (kind == 4 && reglen >= e) cfg.gicd = cells(reg, ac);     /* the PLIC */
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
                if (has_string(val, len, "riscv,plic0") || has_string(val, len, "sifive,plic-1.0.0")) kind = 4;
            }
            o = (o + len + 3) & ~3u;
        } else if (tok == 9) {
            break;
        }
    }
}

void guest_init(u64 dtb)
{
    arch_defaults();
    read_dtb(dtb);
}

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

/* Polls the counter: under QEMU's TCG each read takes QEMU's global lock, so a guest that waits long beside other
 * busy VMs sleeps on its timer instead (life.c, sleep_ms). */
void delay_ms(u32 ms)
{
    u64 end = now_us() + (u64)ms * 1000;
    while (now_us() < end) { }
}

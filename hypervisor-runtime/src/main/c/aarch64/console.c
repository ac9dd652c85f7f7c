/* The hypervisor's own console (PL011 or 16550) and a small printf. */
#include "rt.h"

static u64 uart;
static u32 uart_kind;
static spinlock_t lock;
static int locking;

void console_init(u64 base, u32 kind)
{
    uart = base;
    uart_kind = kind;
}

/* Spinlocks need the MMU on (exclusives on Normal memory). */
void console_enable_lock(void) { locking = 1; }
void console_lock(void) { if (locking) spin_lock(&lock); }
void console_unlock(void) { if (locking) spin_unlock(&lock); }

static void raw_putc(char c)
{
    if (!uart) return;
    if (uart_kind == SHY_CONSOLE_PL011) {
        while (mmio_r32(uart + 0x18) & (1u << 5)) { }      /* FR.TXFF */
        mmio_w32(uart, (u8)c);
    } else {
        while (!(mmio_r32(uart + 0x14) & 0x20)) { }         /* LSR.THRE, reg-shift 2 */
        mmio_w32(uart, (u8)c);
    }
}

void console_putc_locked(char c)
{
    if (c == '\n') raw_putc('\r');
    raw_putc(c);
}

void console_puts_locked(const char *s)
{
    while (*s) console_putc_locked(*s++);
}

static void put_num(u64 v, int base, int width, char pad, int neg)
{
    char buf[24];
    int n = 0;
    do { buf[n++] = "0123456789abcdef"[v % base]; v /= base; } while (v);
    if (neg) buf[n++] = '-';
    while (n < width) { console_putc_locked(pad); width--; }
    while (n) console_putc_locked(buf[--n]);
}

/* %s %c %d %u %x %p, optional '0', width and 'l' (ignored: everything is printed as 64 bits where given). */
void kvprintf(const char *fmt, va_list ap)
{
    for (; *fmt; fmt++) {
        if (*fmt != '%') { console_putc_locked(*fmt); continue; }
        fmt++;
        char pad = ' ';
        int width = 0, lng = 0;
        if (*fmt == '0') { pad = '0'; fmt++; }
        while (*fmt >= '0' && *fmt <= '9') width = width * 10 + (*fmt++ - '0');
        while (*fmt == 'l') { lng = 1; fmt++; }
        switch (*fmt) {
        case 's': { const char *s = va_arg(ap, const char *); console_puts_locked(s ? s : "(null)"); break; }
        case 'c': console_putc_locked((char)va_arg(ap, int)); break;
        case 'd': {
            long long v = lng ? va_arg(ap, long long) : va_arg(ap, int);
            put_num(v < 0 ? (u64)-v : (u64)v, 10, width, pad, v < 0);
            break;
        }
        case 'u': put_num(lng ? va_arg(ap, u64) : va_arg(ap, u32), 10, width, pad, 0); break;
        case 'x': put_num(lng ? va_arg(ap, u64) : va_arg(ap, u32), 16, width, pad, 0); break;
        case 'p': console_puts_locked("0x"); put_num(va_arg(ap, u64), 16, width, pad, 0); break;
        case '%': console_putc_locked('%'); break;
        default: console_putc_locked('?'); break;
        }
    }
}

void kprintf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    console_lock();
    kvprintf(fmt, ap);
    console_unlock();
    va_end(ap);
}

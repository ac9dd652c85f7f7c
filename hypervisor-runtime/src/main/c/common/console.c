/* The hypervisor's own console (PL011 or 16550) and a small printf. */
#include "rt.h"

static u64 uart;
static u32 uart_kind;
static u32 shift;           /* 16550: registers 4 bytes apart (reg-shift 2, 32-bit accesses) or 1 byte apart */

static u32 reg_r(u32 r) { return shift ? mmio_r32(uart + (r << shift)) : mmio_r8(uart + r); }
static void reg_w(u32 r, u32 v) { if (shift) mmio_w32(uart + (r << shift), v); else mmio_w8(uart + r, (u8)v); }
static spinlock_t lock;
static int locking;

void console_init(u64 base, u32 kind)
{
    uart = base;
    uart_kind = kind;
    shift = kind == SHY_CONSOLE_NS16550_R1 ? 0 : 2;
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
        while (!(reg_r(5) & 0x20)) { }                      /* LSR.THRE */
        reg_w(0, (u8)c);
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

/* Input: the console's receive interrupt (taken on the boot core) drains the UART into a ring, which the
 * input VM's virtio-console takes from. */
static volatile char rx_ring[512];
static volatile u32 rx_head, rx_tail;
static spinlock_t rx_lock;

void console_rx_enable(void)
{
    if (!uart) return;
    if (uart_kind == SHY_CONSOLE_PL011) mmio_w32(uart + 0x38, mmio_r32(uart + 0x38) | (1u << 4) | (1u << 6));
    else reg_w(1, reg_r(1) | 1u);                                               /* IER.ERBFI */
}

void console_rx_irq(void)
{
    spin_lock(&rx_lock);
    /* Acknowledge before draining, never after: QEMU's PL011 raises RX only when its FIFO goes
     * from empty to one character, so clearing it after the drain loses a character that came
     * in meanwhile, and every one behind it waits for an interrupt that never comes. */
    if (uart_kind == SHY_CONSOLE_PL011) mmio_w32(uart + 0x44, (1u << 4) | (1u << 6));   /* UARTICR */
    for (;;) {
        int ready = uart_kind == SHY_CONSOLE_PL011 ? !(mmio_r32(uart + 0x18) & (1u << 4)) : (reg_r(5) & 1);
        if (!ready) break;
        char c = (char)(uart_kind == SHY_CONSOLE_PL011 ? mmio_r32(uart) : reg_r(0));
        if (rx_head - rx_tail < sizeof(rx_ring)) rx_ring[rx_head++ % sizeof(rx_ring)] = c;
    }
    spin_unlock(&rx_lock);
}

/* Up to n received characters, oldest first. */
u32 console_rx_take(char *buf, u32 n)
{
    spin_lock(&rx_lock);
    u32 got = 0;
    while (got < n && rx_tail != rx_head) buf[got++] = rx_ring[rx_tail++ % sizeof(rx_ring)];
    spin_unlock(&rx_lock);
    return got;
}

/* Puts characters back at the front (a guest buffer was shorter than what was taken). */
void console_rx_untake(const char *buf, u32 n)
{
    spin_lock(&rx_lock);
    while (n--) rx_ring[--rx_tail % sizeof(rx_ring)] = buf[n];
    spin_unlock(&rx_lock);
}

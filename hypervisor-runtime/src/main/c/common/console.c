/* The hypervisor's own console (PL011, 16550 with registers 4 or 1 bytes apart, or the BCM2835 mini-UART) and a small printf.
 *
 * The mini-UART (Raspberry Pi's AUX UART1, at +0x40 in the AUX block) has a 16550's registers 4 bytes apart (IO, IER,
 * IIR, LCR, MCR, LSR at 0x00..0x14; LSR bit 5 "can take a byte", bit 0 "data ready") and is driven by the same code,
 * with one difference: which IER bit enables the receive interrupt (console_rx_enable). Its clock, baud rate and pins are the
 * firmware's to set up (config.txt `enable_uart=1`); the runtime sets none of them. */
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
    /* A kind this runtime does not know (a blob it is about to refuse for it) is no console: driven as a 16550 it
     * would wait forever for a transmit-ready bit, and the refusal would hang instead of powering off. */
    uart = kind >= SHY_CONSOLE_PL011 && kind <= SHY_CONSOLE_BCM2835_AUX ? base : 0;
    uart_kind = kind;
    shift = kind == SHY_CONSOLE_NS16550_R1 ? 0 : 2;
    if (kind == SHY_CONSOLE_BCM2835_AUX) {
        /* The console device is the AUX block (the page of AUX_IRQ and AUX_ENABLES); the mini-UART is at +0x40. One the
         * firmware left disabled (AUX_ENABLES bit 0) never reports room for a byte: print nothing rather than hang. */
        u64 aux = base & ~(PAGE_SIZE - 1);
        uart = (mmio_r32(aux + 0x04) & 1) ? aux + 0x40 : 0;
    }
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

/* kprintf for a caller that holds the console lock (a table printed in one piece). */
void kprintf_locked(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    kvprintf(fmt, ap);
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
    if (uart_kind == SHY_CONSOLE_BCM2835_AUX && !(reg_r(2) & 1) && !(reg_r(5) & 1)) {
        /* The BCM2835 manual gives IER bit 0 to the transmit interrupt and bit 1 to receive; its errata (and the
         * silicon, and Linux) swap them, QEMU's model follows the manual. With nothing received, an interrupt pending
         * now (IIR bit 0 clear) is "transmitter empty": this UART takes bit 1 for receive. */
        reg_w(1, 2u);
    }
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

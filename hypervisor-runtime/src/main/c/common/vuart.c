/* The emulated console UART: the guest's writes trap here and are printed line by line, prefixed by the VM's name. */
#include "rt.h"

static void flush_line(struct pcpu *pc)
{
    pc->line[pc->line_len] = 0;
    console_lock();
    console_puts_locked("[");
    console_puts_locked(vms[pc->vm].cfg->name);
    console_puts_locked("] ");
    console_puts_locked(pc->line);
    console_putc_locked('\n');
    console_unlock();
    pc->line_len = 0;
}

void vuart_flush_vcpu(void)
{
    struct pcpu *pc = this_cpu();
    if (pc->line_len) flush_line(pc);
}

/* A guest's byte for its console line. Control characters are shown as '.': an escape sequence could otherwise move
 * the terminal's cursor over the prefix and forge another VM's line (or the hypervisor's). */
static void put(struct pcpu *pc, char c)
{
    if (c == '\r') return;
    if (c == '\n') { flush_line(pc); return; }
    if ((u8)c < 0x20 && c != '\t') c = '.';
    else if ((u8)c == 0x7f) c = '.';
    pc->line[pc->line_len++] = c;
    if (pc->line_len == sizeof(pc->line) - 1) flush_line(pc);
}

/* A character from another console device of the VM (virtio-console): same line buffer, same prefix. */
void vuart_putc(char c)
{
    put(this_cpu(), c);
}

int vuart_access(u32 vm, u64 off, int write, u32 size, u64 *val)
{
    struct pcpu *pc = this_cpu();
    (void)size;
    if (vms[vm].cfg->console_kind == SHY_CONSOLE_PL011) {
        static const u8 id[8] = {0x11, 0x10, 0x14, 0x00, 0x0d, 0xf0, 0x05, 0xb1};
        if (write) {
            if (off == 0) put(pc, (char)*val);
            return 0;                               /* control registers: accepted, no effect */
        }
        if (off == 0x18) *val = 0x90;               /* FR: TX empty, RX empty */
        else if (off >= 0xfe0 && off < 0x1000) *val = id[(off - 0xfe0) / 4];
        else *val = 0;
        return 0;
    }
    /* 16550, registers 4 bytes apart (reg-shift 2) or 1 apart. */
    if (write) {
        if (off == 0) put(pc, (char)*val);
        return 0;
    }
    *val = (off == 0x14 || off == 5) ? 0x60 : 0;    /* LSR: THR empty, transmitter empty */
    return 0;
}

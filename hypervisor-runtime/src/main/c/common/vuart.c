/* The emulated console UART: the guest's writes trap here and are printed line by line, prefixed by the VM's name;
 * and the line collection every console stream of a VM uses. */
#include "rt.h"

static void print_locked(struct con_line *l, u32 vm)
{
    l->buf[l->len] = 0;
    console_lock();
    console_puts_locked("[");
    console_puts_locked(vms[vm].cfg->name);
    console_puts_locked("] ");
    console_puts_locked(l->buf);
    console_putc_locked('\n');
    console_unlock();
    l->len = 0;
}

/* A guest's bytes for a console line. Control characters are shown as '.': an escape sequence could otherwise move
 * the terminal's cursor over the prefix and forge another VM's line (or the hypervisor's). */
void con_line_write(struct con_line *l, u32 vm, const u8 *p, u64 n)
{
    spin_lock(&l->lock);
    for (u64 i = 0; i < n; i++) {
        char c = (char)p[i];
        if (c == '\r') continue;
        if (c == '\n') { print_locked(l, vm); continue; }
        if (((u8)c < 0x20 && c != '\t') || (u8)c == 0x7f) c = '.';
        l->buf[l->len++] = c;
        if (l->len == sizeof(l->buf) - 1) print_locked(l, vm);
    }
    spin_unlock(&l->lock);
}

/* A line without its newline yet: printed as it is (the VM stops or restarts). */
void con_line_flush(struct con_line *l, u32 vm)
{
    spin_lock(&l->lock);
    if (l->len) print_locked(l, vm);
    spin_unlock(&l->lock);
}

/* The console UART (riscv64: the SBI console) keeps a line per vCPU: each core's writes trap on that core, and a
 * bare-metal guest's cores, which need not take turns, still get whole lines. */
void vuart_putc(char c)
{
    struct pcpu *pc = this_cpu();
    con_line_write(&pc->line, pc->vm, (const u8 *)&c, 1);
}

void vuart_flush_vcpu(void)
{
    struct pcpu *pc = this_cpu();
    con_line_flush(&pc->line, pc->vm);
}

/* The VM ends or restarts (called on a core of it): the lines of every vCPU of it and of its virtio consoles, before
 * the message that says so. Its other vCPUs' too, under their locks: one may hold the start of a line whose end came
 * on this one (a Linux task moved between CPUs mid-line), and when this VM is the last the machine powers off before
 * they leave their guests, which lost that text. */
void vuart_flush_vm(u32 vm)
{
    vuart_flush_vcpu();
    for (u32 v = 0; v < vms[vm].cfg->vcpu_count; v++) {
        struct pcpu *pc = &pcpus[vms[vm].core_of_vcpu[v]];
        if (pc != this_cpu()) con_line_flush(&pc->line, vm);
    }
    virtio_flush_vm(vm);
}

/* What byte o of the console's window reads: PL011 FR = TX empty, RX empty and the PrimeCell ID registers; 16550 LSR =
 * THR empty, transmitter empty (registers 4 bytes apart, or 1 apart for SHY_CONSOLE_NS16550_R1); everything else zero.
 * Reads have no side effects, so the aarch64 runtime maps these bytes as a read-only page at a VM's console window
 * (vuart_read_page) and only writes trap; where it cannot, vuart_access answers reads with the same bytes. */
static u8 read_byte(u32 kind, u64 o)
{
    static const u8 id[8] = {0x11, 0x10, 0x14, 0x00, 0x0d, 0xf0, 0x05, 0xb1};
    if (kind == SHY_CONSOLE_PL011) {
        if (o == 0x18) return 0x90;
        if (o >= 0xfe0 && o < 0x1000 && !(o & 3)) return id[(o - 0xfe0) / 4];
        return 0;
    }
    return o == (kind == SHY_CONSOLE_NS16550_R1 ? 5 : 0x14) ? 0x60 : 0;
}

/* read_byte gives a non-zero byte only in the page's first and last 32 bytes (FR, LSR; the PrimeCell IDs): zero the
 * page, then ask it about those (asking about every byte was about 57,000 instructions at boot). */
void vuart_read_page(u32 kind, u8 *page, u64 size)
{
    memset(page, 0, size);
    for (u64 o = 0; o < size; o++) {
        if (o == 0x20 && size > 0xfe0) o = 0xfe0;
        page[o] = read_byte(kind, o);
    }
}

int vuart_access(u32 vm, u64 off, int write, u32 size, u64 *val)
{
    if (write) {
        if (off == 0) vuart_putc((char)*val);
        return 0;                                   /* control registers: accepted, no effect */
    }
    u64 v = 0;
    for (u32 i = 0; i < size && i < 8; i++) v |= (u64)read_byte(vms[vm].cfg->console_kind, off + i) << (8 * i);
    *val = v;
    return 0;
}

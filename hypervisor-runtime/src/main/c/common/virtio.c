/* Emulated virtio-mmio (version 2) transports. The console (device 3): what the guest queues on its transmit queue
 * is printed as its console lines, and what is typed on the hypervisor's console fills its receive queue. Other
 * device types answer with device ID 0, "no device", so drivers probe them and move on.
 *
 * Bounded work: the rings are the guest's, so nothing here trusts them. A notify handles at most the queue size of
 * buffers and about TX_BUDGET bytes, then returns to the guest and continues on the next trap (a kick this core sends
 * itself); a transmit buffer prints at most CHAIN_MAX bytes; a driver more than the queue size ahead of the device, a
 * descriptor index past the queue or a chain longer than the queue (a loop) marks the device DEVICE_NEEDS_RESET, and
 * it does nothing more until the driver resets it. The device lock is taken only on the cores of the VM that owns
 * the device: console input, whose interrupt the boot core takes, is handed over with a kick to one of them. */
#include "rt.h"

#define QUEUE_MAX 64u
#define VIRTQ_DESC_F_NEXT 1u
#define VIRTQ_DESC_F_WRITE 2u
#define STATUS_NEEDS_RESET 0x40u
#define TX_BUDGET (64u << 10)
#define CHAIN_MAX (64u << 10)

struct vq {
    u32 num, ready;
    u64 desc, avail, used;
    u16 last_avail;
};

struct vdev {
    const struct shy_blob_region *r;
    spinlock_t lock;
    u32 status, dev_sel, drv_sel, queue_sel, isr;
    u32 tx_more;                /* the transmit queue has buffers left over from the last notify */
    struct con_line line;       /* what it printed since its last newline: a device's own stream */
    u64 drv_features;
    struct vq q[2];
};

#define MAX_VDEVS 8
static struct vdev vdevs[SHY_MAX_VMS][MAX_VDEVS];

static struct vdev *vdev_of(u32 vm, const struct shy_blob_region *r)
{
    for (u32 i = 0; i < MAX_VDEVS; i++) {
        if (vdevs[vm][i].r == r) return &vdevs[vm][i];
    }
    return 0;
}

/* Binds the VM's emulated virtio devices to their state, at boot, before any core can touch them. */
void virtio_init_vm(u32 vm)
{
    const struct shy_blob_vm *c = blob_vm(vm);
    u32 n = 0;
    for (u32 i = 0; i < c->region_count && n < MAX_VDEVS; i++) {
        const struct shy_blob_region *r = blob_region(c->first_region + i);
        if (r->kind == SHY_REGION_VIRTIO && r->flags == SHY_VIRTIO_CONSOLE) vdevs[vm][n++].r = r;
    }
}

/* The PA of [ipa, ipa+len) if it lies in one RAM or shared region of the VM (writable if asked), else 0:
 * a descriptor can never make the hypervisor touch memory the VM does not own. */
static u8 *guest_ptr(u32 vm, u64 ipa, u64 len, int write)
{
    const struct shy_blob_vm *c = vms[vm].cfg;
    for (u32 i = 0; i < c->region_count; i++) {
        const struct shy_blob_region *r = blob_region(c->first_region + i);
        if (r->kind != SHY_REGION_RAM && r->kind != SHY_REGION_SHARED) continue;
        if (write && !(r->flags & SHY_REGION_WRITABLE)) continue;
        if (!(ipa >= r->ipa && len <= r->size && ipa - r->ipa <= r->size - len)) continue;
        /* cache colouring: a coloured region is contiguous in PA only inside a run of its pages */
        u64 pa = region_pa(c, r, ipa - r->ipa);
        if (len && region_pa(c, r, ipa - r->ipa + len - 1) != pa + len - 1) return 0;
        return (u8 *)pa;
    }
    return 0;
}

static void reset(struct vdev *d)
{
    d->status = d->dev_sel = d->drv_sel = d->queue_sel = d->isr = d->tx_more = 0;
    d->drv_features = 0;
    memset(d->q, 0, sizeof(d->q));
}

/* The VM that gets console input: the management VM if it has a virtio console, else the first that has one. */
static const struct shy_blob_region *input_dev;
static u32 input_vm = SHY_NO_VM;

int virtio_input_init(void)
{
    for (int pass = 0; pass < 2 && input_vm == SHY_NO_VM; pass++) {
        for (u32 v = 0; v < blob->vm_count && input_vm == SHY_NO_VM; v++) {
            const struct shy_blob_vm *c = blob_vm(v);
            if (pass == 0 && !(c->flags & SHY_VM_FLAG_MANAGEMENT)) continue;
            for (u32 i = 0; i < c->region_count; i++) {
                const struct shy_blob_region *r = blob_region(c->first_region + i);
                if (r->kind == SHY_REGION_VIRTIO && r->flags == SHY_VIRTIO_CONSOLE) { input_vm = v; input_dev = r; break; }
            }
        }
    }
    if (input_vm == SHY_NO_VM) return 0;
    kprintf("shyper: console input goes to vm %s (virtio-console)\n", blob_vm(input_vm)->name);
    console_rx_enable();
    return 1;
}

/* The rings of a queue, if they lie in the VM's own memory (the used ring writable). */
struct rings {
    volatile u16 *avail;
    volatile u8 *used;
    const volatile u8 *desc;
};

static int rings_of(u32 vm, struct vq *q, struct rings *g)
{
    if (!q->ready || !q->num) return 0;
    g->avail = (volatile u16 *)guest_ptr(vm, q->avail, 4 + 2ul * q->num, 0);
    g->used = guest_ptr(vm, q->used, 4 + 8ul * q->num, 1);
    g->desc = guest_ptr(vm, q->desc, 16ul * q->num, 0);
    return g->avail && g->used && g->desc;
}

static void broken(struct vdev *d) { d->status |= STATUS_NEEDS_RESET; }

/* The next available head, or -1 when there is none (or the driver broke the queue). */
static int next_head(struct vdev *d, struct vq *q, struct rings *g)
{
    u16 ahead = (u16)(g->avail[1] - q->last_avail);
    if (!ahead) return -1;
    u16 head = g->avail[2 + q->last_avail % q->num];
    if (ahead > q->num || head >= q->num) { broken(d); return -1; }
    return head;
}

static void put_used(struct vq *q, struct rings *g, u16 head, u32 len)
{
    volatile u16 *uidx = (volatile u16 *)(g->used + 2);
    volatile u32 *elem = (volatile u32 *)(g->used + 4 + 8ul * (*uidx % q->num));
    elem[0] = head;
    elem[1] = len;
    mb();
    *uidx = *uidx + 1;
    q->last_avail++;
}

/* Fills receive buffers the guest has posted with pending console input; returns 1 if any was used. Bounded by the
 * input there is (the ring holds 512 characters). */
static int receive(u32 vm, struct vdev *d)
{
    struct vq *q = &d->q[0];
    struct rings g;
    if ((d->status & STATUS_NEEDS_RESET) || !rings_of(vm, q, &g)) return 0;
    int any = 0, head;
    while ((head = next_head(d, q, &g)) >= 0) {
        const volatile u8 *e = g.desc + 16ul * (u32)head;
        u64 addr = *(const volatile u64 *)e;
        u32 len = *(const volatile u32 *)(e + 8);
        u16 flags = *(const volatile u16 *)(e + 12);
        u8 *p = (flags & VIRTQ_DESC_F_WRITE) ? guest_ptr(vm, addr, len, 1) : 0;
        if (!p) break;
        char buf[64];
        u32 got = console_rx_take(buf, len < sizeof(buf) ? len : sizeof(buf));
        if (!got) break;
        memcpy(p, buf, got);
        put_used(q, &g, (u16)head, got);
        any = 1;
    }
    return any;
}

/* Prints what the guest queued on its transmit queue: at most the queue size of buffers and about TX_BUDGET bytes;
 * *more says there is more to do. Returns 1 if buffers were used (the guest gets an interrupt). */
static int transmit(u32 vm, struct vdev *d, int *more)
{
    struct vq *q = &d->q[1];
    struct rings g;
    if ((d->status & STATUS_NEEDS_RESET) || !rings_of(vm, q, &g)) return 0;
    int any = 0, head;
    u32 printed = 0, heads = 0;
    while ((head = next_head(d, q, &g)) >= 0) {
        if (printed >= TX_BUDGET || heads == q->num) { *more = 1; break; }
        u32 d_i = (u32)head, chain = 0;
        for (u32 hops = 0;; hops++) {
            if (hops == q->num || d_i >= q->num) { broken(d); return any; }     /* a loop, or past the table */
            const volatile u8 *e = g.desc + 16ul * d_i;
            u64 addr = *(const volatile u64 *)e;
            u32 len = *(const volatile u32 *)(e + 8);
            u16 flags = *(const volatile u16 *)(e + 12), next = *(const volatile u16 *)(e + 14);
            if (!(flags & VIRTQ_DESC_F_WRITE) && chain < CHAIN_MAX) {
                u32 n = len < CHAIN_MAX - chain ? len : CHAIN_MAX - chain;   /* the rest of a huge buffer is dropped */
                const u8 *p = guest_ptr(vm, addr, n, 0);
                if (p) con_line_write(&d->line, vm, p, n);
                chain += n;
            }
            if (!(flags & VIRTQ_DESC_F_NEXT)) break;
            d_i = next;
        }
        printed += chain;
        heads++;
        put_used(q, &g, (u16)head, 0);
        any = 1;
    }
    return any;
}

/* Runs the transmit queue of a device on this core and, if buffers are left, asks this core to come back to it at
 * its next trap (an interrupt it sends itself, taken right after the return to the guest). */
static int transmit_some(u32 vm, struct vdev *d)
{
    int more = 0, used = transmit(vm, d, &more);
    d->tx_more = (u32)more;
    if (more) kick_self(KICK_VIRTIO);
    return used;
}

/* New console input (the UART's interrupt, on the boot core): the input VM's core fills its receive queue. */
void virtio_input(void)
{
    if (input_vm == SHY_NO_VM || vms[input_vm].state != VM_RUNNING) return;
    kick_core(virq_target_core(input_vm, input_dev->irq), KICK_VIRTIO);
}

/* KICK_VIRTIO on a core of a VM: console input to deliver, or transmit work left over. */
void virtio_continue(void)
{
    struct pcpu *pc = this_cpu();
    if (pc->vm == SHY_NO_VM || pc->state != VCPU_RUNNING) return;
    for (u32 i = 0; i < MAX_VDEVS; i++) {
        struct vdev *d = &vdevs[pc->vm][i];
        if (!d->r) break;
        spin_lock(&d->lock);
        int raise = 0;
        if (d->tx_more) raise |= transmit_some(pc->vm, d);
        if (pc->vm == input_vm && d->r == input_dev) raise |= receive(pc->vm, d);
        if (raise) d->isr |= 1;
        spin_unlock(&d->lock);
        if (raise) virq_raise(pc->vm, d->r->irq);
    }
}

/* The partial lines of the VM's virtio consoles, printed (vuart_flush_vm). */
void virtio_flush_vm(u32 vm)
{
    for (u32 i = 0; i < MAX_VDEVS && vdevs[vm][i].r; i++) con_line_flush(&vdevs[vm][i].line, vm);
}

/* The VM restarts (none of its vCPUs runs): its consoles' partial lines printed, then every device as at power-on. A
 * device left running kept the rings of the run before and wrote console input into RAM the new run had reloaded. */
void virtio_reset_vm(u32 vm)
{
    virtio_flush_vm(vm);
    for (u32 i = 0; i < MAX_VDEVS && vdevs[vm][i].r; i++) {
        spin_lock(&vdevs[vm][i].lock);
        reset(&vdevs[vm][i]);
        spin_unlock(&vdevs[vm][i].lock);
    }
}

int virtio_access(u32 vm, const struct shy_blob_region *r, u64 off, int write, u32 size, u64 *val)
{
    u32 id = r->flags, v = (u32)*val;
    u64 out = 0;
    if (id != SHY_VIRTIO_CONSOLE) {                 /* a transport with no device behind it */
        if (!write) *val = off == 0 ? 0x74726976 : off == 4 ? 2 : off == 0xc ? 0x554d4551 : 0;
        return 0;
    }
    struct vdev *d = vdev_of(vm, r);
    if (!d) return 0;
    (void)size;
    spin_lock(&d->lock);
    struct vq *q = d->queue_sel < 2 ? &d->q[d->queue_sel] : 0;
    int raise = 0;
    switch (off) {
    case 0x000: out = 0x74726976; break;            /* "virt" */
    case 0x004: out = 2; break;
    case 0x008: out = id; break;
    case 0x00c: out = 0x554d4551; break;            /* "QEMU", as drivers expect of a generic transport */
    case 0x010: out = d->dev_sel == 1 ? 1 : 0; break;   /* VIRTIO_F_VERSION_1 only */
    case 0x014: if (write) d->dev_sel = v; break;
    case 0x020: if (write) d->drv_features = d->drv_sel ? (d->drv_features & 0xffffffffu) | ((u64)v << 32)
                                                  : (d->drv_features & ~0xffffffffull) | v; break;
    case 0x024: if (write) d->drv_sel = v; break;
    case 0x030: if (write) d->queue_sel = v; break;
    case 0x034: out = q ? QUEUE_MAX : 0; break;
    case 0x038: if (write && q && v <= QUEUE_MAX) q->num = v; break;
    case 0x044: if (q) { if (write) q->ready = v & 1; out = q->ready; } break;
    case 0x050:
        if (write && v == 1) raise = transmit_some(vm, d);
        if (write && v == 0 && vm == input_vm) raise = receive(vm, d);          /* new buffers: pending input */
        break;
    case 0x060: out = d->isr; break;
    case 0x064: if (write) d->isr &= ~v; break;
    case 0x070:                                     /* DEVICE_NEEDS_RESET stays until the driver resets the device */
        if (write) { if (v == 0) reset(d); else d->status = v | (d->status & STATUS_NEEDS_RESET); }
        out = d->status;
        break;
    case 0x080: if (write && q) q->desc = (q->desc & ~0xffffffffull) | v; break;
    case 0x084: if (write && q) q->desc = (q->desc & 0xffffffffu) | ((u64)v << 32); break;
    case 0x090: if (write && q) q->avail = (q->avail & ~0xffffffffull) | v; break;
    case 0x094: if (write && q) q->avail = (q->avail & 0xffffffffu) | ((u64)v << 32); break;
    case 0x0a0: if (write && q) q->used = (q->used & ~0xffffffffull) | v; break;
    case 0x0a4: if (write && q) q->used = (q->used & 0xffffffffu) | ((u64)v << 32); break;
    default: break;                                 /* config space (cols, rows, ports): zeros */
    }
    if (raise) d->isr |= 1;
    spin_unlock(&d->lock);
    if (raise) virq_raise(vm, r->irq);
    if (!write) *val = out;
    return 0;
}

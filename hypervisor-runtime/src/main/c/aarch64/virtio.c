/* Emulated virtio-mmio (version 2) transports. The console (device 3) is implemented for output: what the
 * guest queues on its transmit queue is printed as its console lines; its receive queue never fills. Other
 * device types answer with device ID 0, "no device", so drivers probe them and move on. */
#include "rt.h"

#define QUEUE_MAX 64u
#define VIRTQ_DESC_F_NEXT 1u
#define VIRTQ_DESC_F_WRITE 2u

struct vq {
    u32 num, ready;
    u64 desc, avail, used;
    u16 last_avail;
};

struct vdev {
    const struct shy_blob_region *r;
    spinlock_t lock;
    u32 status, dev_sel, drv_sel, queue_sel, isr;
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
        if (ipa >= r->ipa && len <= r->size && ipa - r->ipa <= r->size - len) return (u8 *)(r->pa + (ipa - r->ipa));
    }
    return 0;
}

static void reset(struct vdev *d)
{
    d->status = d->dev_sel = d->drv_sel = d->queue_sel = d->isr = 0;
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

/* Fills receive buffers the guest has posted with pending console input; returns 1 if any was used. */
static int receive(u32 vm, struct vq *q)
{
    if (!q->ready || !q->num) return 0;
    volatile u16 *avail = (volatile u16 *)guest_ptr(vm, q->avail, 4 + 2ul * q->num, 0);
    volatile u8 *used = guest_ptr(vm, q->used, 4 + 8ul * q->num, 1);
    const u8 *desc = guest_ptr(vm, q->desc, 16ul * q->num, 0);
    if (!avail || !used || !desc) return 0;
    int any = 0;
    while (q->last_avail != avail[1]) {
        u16 head = avail[2 + q->last_avail % q->num];
        const u8 *e = desc + 16ul * (head % q->num);
        u64 addr = *(const u64 *)e;
        u32 len = *(const u32 *)(e + 8);
        u16 flags = *(const u16 *)(e + 12);
        u8 *p = (flags & VIRTQ_DESC_F_WRITE) ? guest_ptr(vm, addr, len, 1) : 0;
        if (!p) break;
        char buf[64];
        u32 got = console_rx_take(buf, len < sizeof(buf) ? len : sizeof(buf));
        if (!got) break;
        memcpy(p, buf, got);
        volatile u16 *uidx = (volatile u16 *)(used + 2);
        volatile u32 *elem = (volatile u32 *)(used + 4 + 8ul * (*uidx % q->num));
        elem[0] = head;
        elem[1] = got;
        dsb(ish);
        *uidx = *uidx + 1;
        q->last_avail++;
        any = 1;
    }
    return any;
}

/* New console input (the UART's interrupt on the boot core): hand it to the input VM. */
void virtio_input(void)
{
    if (input_vm == SHY_NO_VM || vms[input_vm].state != VM_RUNNING) return;
    struct vdev *d = vdev_of(input_vm, input_dev);
    if (!d) return;
    spin_lock(&d->lock);
    int raise = receive(input_vm, &d->q[0]);
    if (raise) d->isr |= 1;
    spin_unlock(&d->lock);
    if (raise) vgic_raise_virtual(input_vm, input_dev->irq);
}

/* Drains the transmit queue into the console; returns 1 if buffers were used (the guest gets an interrupt). */
static int transmit(u32 vm, struct vq *q)
{
    if (!q->ready || !q->num) return 0;
    volatile u16 *avail = (volatile u16 *)guest_ptr(vm, q->avail, 4 + 2ul * q->num, 0);
    volatile u8 *used = guest_ptr(vm, q->used, 4 + 8ul * q->num, 1);
    const u8 *desc = guest_ptr(vm, q->desc, 16ul * q->num, 0);
    if (!avail || !used || !desc) return 0;
    int any = 0;
    while (q->last_avail != avail[1]) {
        u16 head = avail[2 + q->last_avail % q->num], d = head;
        u32 total = 0;
        for (u32 hops = 0; hops < q->num && d < q->num; hops++) {
            const u8 *e = desc + 16ul * d;
            u64 addr = *(const u64 *)e;
            u32 len = *(const u32 *)(e + 8);
            u16 flags = *(const u16 *)(e + 12), next = *(const u16 *)(e + 14);
            const u8 *p = (flags & VIRTQ_DESC_F_WRITE) ? 0 : guest_ptr(vm, addr, len, 0);
            for (u32 i = 0; p && i < len; i++) vuart_putc((char)p[i]);
            total += len;
            if (!(flags & VIRTQ_DESC_F_NEXT)) break;
            d = next;
        }
        volatile u16 *uidx = (volatile u16 *)(used + 2);
        volatile u32 *elem = (volatile u32 *)(used + 4 + 8ul * (*uidx % q->num));
        elem[0] = head;
        elem[1] = 0;
        dsb(ish);
        *uidx = *uidx + 1;
        q->last_avail++;
        any = 1;
        (void)total;
    }
    return any;
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
        if (write && v == 1) raise = transmit(vm, &d->q[1]);
        if (write && v == 0 && vm == input_vm) raise = receive(vm, &d->q[0]);   /* new buffers: pending input */
        break;
    case 0x060: out = d->isr; break;
    case 0x064: if (write) d->isr &= ~v; break;
    case 0x070: if (write) { if (v == 0) reset(d); else d->status = v; } out = d->status; break;
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
    if (raise) vgic_raise_virtual(vm, r->irq);
    if (!write) *val = out;
    return 0;
}

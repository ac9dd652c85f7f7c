/* attacker: tries every isolation attack and prints CONTAINED/ESCAPED for each.
 * Faulting accesses are armed with the SHY_HVC_PROBE test hypercall, so the hypervisor injects the stage-2
 * fault back as an abort instead of stopping this VM, and the next attack can run. Attacks on the victim's
 * liveness are judged by the victim's heartbeat gap, which it publishes in the channel.
 * bootargs (hex): shm= channel IPA, victim_ram= victim's RAM PA, hyp= hypervisor PA, victim_dev= victim's
 * device PA, unassigned= unassigned MMIO PA, spi= victim's SPI, table= 64 KiB of own RAM for stage-1 tables and
 * virtqueues, ro= IPA of a shared page this VM may only read, gpio= its own PL061 or aux= its own BCM2835 AUX block
 * (the mini-UART's transmit interrupt), own_spi= that device's SPI, virtio= its virtio-console transport; gich= the
 * hypervisor's GIC interface (default QEMU virt's GICH).
 * vCPU 1 (cores 1 and 2 are this VM's) only waits for vCPU 0's orders (PSCI races). */
#include "channel.h"

#define HVC_PROBE 0xc6000001u
#define HVC_SETWAY 0xc6000002u
#define HVC_MMIO_TRAPS 0xc6000004u
#define HVC_COND_PROBE 0xc6000005u
#define HVC_VM_START 0xc6000010u
#define HVC_WDOG_KICK 0xc6000011u
#define PSCI_VERSION 0x84000000u
#define PSCI_CPU_ON 0xc4000003u
#define PSCI_SYSTEM_RESET 0x84000009u
#define PSCI_SYSTEM_OFF 0x84000008u

static u32 escapes, sgis_seen, foreign_irqs, own_irqs;
static struct channel *ch;
static u64 gpio, aux;
static u32 own_spi;

/* Its own device holds its level interrupt asserted, or stops: the PL061 with a line low, level-sensitive and
 * unmasked; the mini-UART with its transmit-empty interrupt enabled (IER bit 0 in QEMU's model and the BCM2835
 * manual, bit 1 on the silicon: both are set, and nothing is received, so only "transmitter empty" fires). */
static void own_irq_assert(void)
{
    if (aux) { w32(aux + 0x44, 3); return; }
    w32(gpio + 0x400, 0);                              /* GPIODIR: inputs */
    w32(gpio + 0x404, 0xff);                           /* GPIOIS: level */
    w32(gpio + 0x40c, 0);                              /* GPIOIEV: low */
    w32(gpio + 0x410, 0xff);                           /* GPIOIE: asserted from now on */
}

static void own_irq_mask(void)
{
    if (aux) w32(aux + 0x44, 0);                       /* AUX_MU_IER */
    else w32(gpio + 0x410, 0);                         /* GPIOIE */
}
static volatile u32 race_ready, race_go;

static void sgi_two_sources_irq(void);

void guest_irq(u32 intid)
{
    if (intid < 16) sgis_seen++;
    if (intid == 6) sgi_two_sources_irq();
    else if (intid == own_spi) { own_irqs++; own_irq_mask(); }          /* its own device: mask the line */
    else if (intid >= 32) foreign_irqs++;
}

static void verdict(int contained, const char *attack)
{
    printf_("%s %s\n", contained ? "CONTAINED" : "ESCAPED", attack);
    if (!contained) escapes++;
}

/* One access that must fault at stage 2: 1 if it was stopped (abort came back), 0 if it went through. */
static int probe(u64 ipa, int write)
{
    probe_hit = 0;
    probe_armed = 1;
    hvc(HVC_PROBE, 0, 0, 0);
    if (write) w32(ipa, 0x41414141);
    else (void)r32(ipa);
    probe_armed = 0;
    return probe_hit;
}

static u32 gicd_rw(u32 off, u32 val)
{
    w32(cfg.gicd + off, val);
    return r32(cfg.gicd + off);
}

static u8 gicd_rw8(u32 off, u8 val)
{
    w8(cfg.gicd + off, val);
    return r8(cfg.gicd + off);
}

/* Identity-maps 0-4 GiB at stage 1 (GiB 0 Device, or Normal when asked, the rest Normal), so VA = IPA reaches
 * beyond the IPA map, and accesses to MMIO in GiB 0 may be unaligned. */
static void stage1_on(u64 table, int gib0_normal)
{
    volatile u64 *l1 = (volatile u64 *)table;
    for (u32 i = 0; i < 512; i++) l1[i] = 0;
    l1[0] = gib0_normal ? (0x0ul | 1 | (1 << 2) | (3 << 8) | (1ul << 10)) : (0x0ul | 1 | (0 << 2) | (1ul << 10) | (1ul << 54));
    for (u64 i = 1; i < 4; i++) l1[i] = (i << 30) | 1 | (1 << 2) | (3 << 8) | (1ul << 10);
    write_sysreg(mair_el1, 0xff00ul);
    write_sysreg(tcr_el1, (1ul << 32) | (1ul << 23) | (3 << 12) | (1 << 10) | (1 << 8) | 32);
    write_sysreg(ttbr0_el1, table);
    isb();
    __asm__ volatile("tlbi vmalle1; dsb ish; isb" ::: "memory");
    write_sysreg(sctlr_el1, (read_sysreg(sctlr_el1) | 1 | (1 << 2) | (1 << 12)) & ~2ul);   /* M, C, I; no A */
    isb();
}

static void stage1_off(void)
{
    write_sysreg(sctlr_el1, read_sysreg(sctlr_el1) & ~(1ul | (1ul << 2) | (1ul << 12)));
    isb();
    __asm__ volatile("tlbi vmalle1; dsb ish; isb" ::: "memory");
}

/* --- the victim's heartbeat as seen through the channel --- */

static void watch_begin(void)
{
    u32 w = ch->watch + 1;
    ch->watch = w;
    u64 t0 = now_us();
    while (ch->watch_seen != w && now_us() - t0 < 2000000) { }
}

/* The longest gap between two of the victim's beats since watch_begin, once it has beaten again; ~0u if it has
 * not beaten for 10 s. */
static u32 watch_end(void)
{
    u32 b = ch->victim_beats;
    u64 t0 = now_us();
    while (ch->victim_beats == b) {
        if (now_us() - t0 > 10000000) return ~0u;
    }
    return ch->victim_gap_ms;
}

/* Contained if the victim never missed a second of heartbeat (it beats every 50 ms). */
static int victim_kept_beating(const char *attack)
{
    u32 gap = watch_end();
    printf_("%s: the victim's longest heartbeat gap was %u ms\n", attack, gap);
    return gap < 1000;
}

static void copy_str(volatile char *d, const char *s) { u32 i = 0; for (; s[i] && i < 63; i++) d[i] = s[i]; d[i] = 0; }

/* --- GIC distributor: widths and alignment --- */

/* GICD_ICFGR with unaligned 4-byte accesses. The runtime builds its ownership mask for the aligned register but
 * must not touch the physical one at the guest's offset. A read ending on the byte of the victim's SPI (on QEMU virt
 * +0xc05: SPIs 32-35, the victim's SPI 34 is edge-triggered) must not leak it; a write 3 bytes into its own SPI's
 * register (+0xc0b for SPI 39) would reach the next register's SPIs (48-63 there, other owners'). */
static void attack_unaligned_icfgr(u64 table, u32 spi)
{
    u64 d = cfg.gicd;
    u64 victim_byte = 0xc00 + spi / 4, own_reg = 0xc00 + 4 * (own_spi / 16);
    u32 own_edge = 2u << (2 * (own_spi % 16));
    stage1_on(table, 1);                               /* Normal memory: an unaligned access reaches stage 2 */
    u32 leak = *(volatile u32 *)(d + victim_byte - 3);
    *(volatile u32 *)(d + own_reg + 3) = 0xaaaaaaaau;  /* "edge" for every interrupt in the aligned view (own SPI too) */
    u32 back = *(volatile u32 *)(d + own_reg + 3);
    *(volatile u32 *)(d + own_reg + 3) = 0;
    stage1_off();
    /* Its own SPI must still be configurable with an aligned access. */
    u32 own = gicd_rw(own_reg, r32(d + own_reg) | own_edge) & own_edge;
    gicd_rw(own_reg, r32(d + own_reg) & ~own_edge);
    printf_("unaligned ICFGR: read 0x%x at +0x%x, 0x%x back at +0x%x\n", leak, (u32)(victim_byte - 3), back, (u32)(own_reg + 3));
    verdict((leak >> 24) == 0 && back == 0 && own, "gicd-unaligned-icfgr");
    /* Other widths: a byte write to ISENABLER and a halfword to ICFGR must do nothing; 64-bit IROUTER words only. */
    u64 en_reg = 0x100 + 4 * (own_spi / 32);
    u32 en_bit = 1u << (own_spi % 32);
    w8(d + 0x100 + own_spi / 8, (u8)(1u << (own_spi % 8)));    /* the byte of ISENABLER holding its own SPI: ignored */
    *(volatile u16 *)(d + own_reg) = 0xffff;
    u32 en = r32(d + en_reg) & en_bit, cfg2 = r32(d + own_reg) & own_edge;
    w32(d + 0x80 + en_reg, en_bit);                    /* ICENABLER */
    verdict(en == 0 && cfg2 == 0, "gicd-byte-and-halfword-writes");
}

/* --- the GIC's message frames --- */

/* A write to a GIC's message frame makes an interrupt pending by number, whoever owns it: QEMU virt's GICv2m frame
 * (MSI_SETSPI_NS, GICD + 0x20000) and GICv3 ITS (GITS_TRANSLATER, GICD + 0x90000). Written with the victim's SPI, they
 * must fault: neither is in this VM's stage 2. (Elsewhere the same offsets are unassigned, and fault the same way.) */
static void attack_gic_message_frames(u32 spi)
{
    u64 v2m = cfg.gicd + 0x20040, its = cfg.gicd + 0x90040;
    int refused = 1;
    for (u32 i = 0; i < 2; i++) {
        probe_hit = 0;
        probe_armed = 1;
        hvc(HVC_PROBE, 0, 0, 0);
        w32(i ? its : v2m, spi);
        probe_armed = 0;
        refused &= probe_hit;
    }
    verdict(refused, "gic-message-frames");
}

/* --- DC ZVA on pages it may only read --- */

/* DC ZVA zeroes a whole block and carries no instruction syndrome. On the read-only window and on the console's read
 * page (a page of the hypervisor's, shared by every VM with that console kind: zeroed, its status registers would
 * tell each of their drivers that the transmitter never drains) it must fault and change nothing. Through a stage-1
 * Normal mapping, so that it reaches stage 2 (on Device memory it faults at stage 1 already). */
static int probe_dc_zva(u64 a)
{
    probe_hit = 0;
    probe_armed = 1;
    hvc(HVC_PROBE, 0, 0, 0);
    __asm__ volatile("dc zva, %0" : : "r"(a) : "memory");
    probe_armed = 0;
    return probe_hit;
}

static u32 page_sum(u64 page)
{
    u32 sum = 0;
    for (u32 o = 0; o < 64; o += 4) sum = sum * 31 + r32(page + o);
    return sum;
}

static void attack_dc_zva_read_only(u64 table, u64 ro)
{
    u64 con = cfg.uart & ~0xffful;
    u32 con_before = page_sum(con), ro_before = page_sum(ro);
    stage1_on(table, 1);
    int ro_refused = probe_dc_zva(ro), con_refused = probe_dc_zva(con);
    stage1_off();
    int kept = page_sum(con) == con_before && page_sum(ro) == ro_before && r32(ro) == RO_MAGIC;
    printf_("DC ZVA: read-only window %s, console page %s, both %s\n", ro_refused ? "refused" : "zeroed",
            con_refused ? "refused" : "zeroed", kept ? "unchanged" : "changed");
    verdict(ro_refused && con_refused && kept, "dc-zva-read-only-pages");
}

/* --- an own level interrupt left unrouted --- */

/* Its own device holds its interrupt asserted (own_irq_assert): the attacker enables its SPI without ever routing it.
 * It must arrive at the attacker, never at another VM's core (GICv3 used to route every SPI to core 0, the victim's,
 * which then took and dropped it at EL2 forever). */
static void attack_unrouted_level_spi(void)
{
    u64 d = cfg.gicd;
    own_irqs = 0;
    watch_begin();
    w8(d + 0x400 + own_spi, 0x80);
    w32(d + 0x100 + 4 * (own_spi / 32), 1u << (own_spi % 32));
    own_irq_assert();
    delay_ms(3000);
    own_irq_mask();
    w32(d + 0x180 + 4 * (own_spi / 32), 1u << (own_spi % 32));
    int alive = victim_kept_beating("unrouted level SPI");
    printf_("unrouted level SPI: %u interrupt(s) reached this VM\n", own_irqs);
    verdict(alive, "unrouted-level-spi");
}

/* --- narrow stores to emulated registers --- */

/* STR Wt, STRH and STRB store Xt's low 32, 16 or 8 bits; the bits above are whatever the guest left in the register.
 * The hypervisor used to hand its devices the whole Xt: a 32-bit write of vCPU 1 to the low word of its own SPI's
 * IROUTER, with junk above bit 31, read as Aff3 and routed the SPI to vCPU 0; a halfword QueueSel of queue 1 selected
 * queue 0xcafe0001. Also: a store of WZR stores zero, and a 64-bit store to a 32-bit register must not write the next
 * one (DeviceFeatures, then DeviceFeaturesSel). */
#define NARROW_JUNK 0xdeadbeefcafebabeul

static void str32(u64 a, u64 x) { __asm__ volatile("str %w0, [%1]" : : "r"(x), "r"(a) : "memory"); }
static void str16(u64 a, u64 x) { __asm__ volatile("strh %w0, [%1]" : : "r"(x), "r"(a) : "memory"); }
static void str8(u64 a, u64 x) { __asm__ volatile("strb %w0, [%1]" : : "r"(x), "r"(a) : "memory"); }
static void str64(u64 a, u64 x) { __asm__ volatile("str %0, [%1]" : : "r"(x), "r"(a) : "memory"); }
static void str_wzr(u64 a) { __asm__ volatile("str wzr, [%0]" : : "r"(a) : "memory"); }

static void attack_narrow_stores(u64 v)
{
    u64 d = cfg.gicd;
    int ok = 1;
    if (cfg.gicv3) {                                   /* IROUTER: vCPU 1 in the low word, then WZR (vCPU 0, as at boot) */
        volatile u64 *irouter = (volatile u64 *)(d + 0x6000 + 8ul * own_spi);
        str32((u64)irouter, (NARROW_JUNK & ~0xfffffffful) | 1);
        u64 one = *irouter;
        str_wzr((u64)irouter);
        u64 zero = *irouter;
        /* A 64-bit write with Aff3 (bits 39:32) set: GICD_TYPER.A3V is 0, so Aff3 is RES0 and ignored, as it is when the
         * upper word alone is written; it used to send the SPI to vCPU 0 instead of the Aff0 written. */
        str64((u64)irouter, (0x5aul << 32) | 1);
        u64 aff3 = *irouter;
        str_wzr((u64)irouter);
        printf_("narrow stores: IROUTER low word 1 with junk above reads 0x%lx, after WZR 0x%lx; Aff3 0x5a, Aff0 1: 0x%lx\n",
                one, zero, aff3);
        ok &= one == 1 && zero == 0 && aff3 == 1;
    }
    u64 prio = d + 0x400 + (own_spi & ~3u);            /* its own SPI's priority byte: only that byte changes */
    u32 shift = 8 * (own_spi % 4), before = r32(prio);
    str8(d + 0x400 + own_spi, (NARROW_JUNK & ~0xfful) | 0x90);
    u32 after = r32(prio);
    w32(prio, before);
    ok &= after == ((before & ~(0xffu << shift)) | (0x90u << shift));
    w32(v + 0x070, 0);                                 /* virtio: reset */
    str16(v + 0x030, (NARROW_JUNK & ~0xfffful) | 1);   /* QueueSel: queue 1, which has a QueueNumMax */
    u32 num_max = r32(v + 0x034);
    str8(v + 0x070, (NARROW_JUNK & ~0xfful) | 1);      /* Status: ACKNOWLEDGE */
    u32 status = r32(v + 0x070);
    str_wzr(v + 0x070);                                /* Status 0: reset */
    u32 status0 = r32(v + 0x070);
    w32(v + 0x014, 0);                                 /* DeviceFeaturesSel: word 0 (no feature there) */
    str64(v + 0x010, (1ul << 32) | 0x55555555u);       /* DeviceFeatures is read-only; word 1 would select the next */
    u32 features = r32(v + 0x010);
    printf_("narrow stores: priority word 0x%x (was 0x%x), QueueNumMax %u, status 0x%x then 0x%x, DeviceFeatures 0x%x\n",
            after, before, num_max, status, status0, features);
    verdict(ok && num_max != 0 && status == 1 && status0 == 0 && features == 0, "mmio-narrow-store-upper-bits");
}

/* --- virtio-console transmit --- */

struct vq_desc { u64 addr; u32 len; u16 flags, next; };
#define VQ_NUM 64
#define VQ_NEXT 1
#define VQ_WRITE 2

struct vq_mem {
    struct vq_desc desc[VQ_NUM];
    volatile u16 avail_flags, avail_idx, avail_ring[VQ_NUM], avail_pad;
    u8 pad0[4096 - 16 * VQ_NUM - 2 * (VQ_NUM + 3)];
    volatile u16 used_flags, used_idx;
    volatile u32 used_ring[2 * VQ_NUM];
};

static void vq_setup(u64 v, u32 q, struct vq_mem *m)
{
    w32(v + 0x030, q);                                 /* QueueSel */
    w32(v + 0x038, VQ_NUM);                            /* QueueNum */
    w32(v + 0x080, (u32)(u64)m->desc);
    w32(v + 0x084, (u32)((u64)m->desc >> 32));
    w32(v + 0x090, (u32)(u64)&m->avail_flags);
    w32(v + 0x094, (u32)((u64)&m->avail_flags >> 32));
    w32(v + 0x0a0, (u32)(u64)&m->used_flags);
    w32(v + 0x0a4, (u32)((u64)&m->used_flags >> 32));
    w32(v + 0x044, 1);                                 /* QueueReady */
}

static void virtio_start(u64 v)
{
    w32(v + 0x070, 0);                                 /* reset */
    w32(v + 0x070, 1 | 2);                             /* ACKNOWLEDGE, DRIVER */
    w32(v + 0x024, 1);                                 /* DriverFeaturesSel: word 1 */
    w32(v + 0x020, 1);                                 /* VIRTIO_F_VERSION_1 */
    w32(v + 0x070, 1 | 2 | 8);                         /* FEATURES_OK */
}

/* A chain that loops (64 descriptors, each next to the following, the last back to the first), 1 MiB of '\r' each
 * (printed as nothing), 65535 heads made available: the runtime used to walk 65535 x 64 MiB in one notify with
 * interrupts masked and the device lock held. It must return at once and call the device broken. */
static void attack_virtio_loop(u64 v, u64 table, u64 buf)
{
    struct vq_mem *tx = (struct vq_mem *)(table + 0x2000);
    for (u32 i = 0; i < VQ_NUM; i++) tx->desc[i] = (struct vq_desc){ buf, 1u << 20, VQ_NEXT, (u16)((i + 1) % VQ_NUM) };
    for (u32 i = 0; i < VQ_NUM; i++) tx->avail_ring[i] = 0;
    tx->used_idx = 0;
    tx->avail_idx = 0xffff;
    virtio_start(v);
    vq_setup(v, 1, tx);
    w32(v + 0x070, 1 | 2 | 8 | 4);                     /* DRIVER_OK */
    watch_begin();
    u64 t0 = now_us();
    w32(v + 0x050, 1);                                 /* QueueNotify: transmit */
    u64 us = now_us() - t0;
    u32 status = r32(v + 0x070);
    int alive = victim_kept_beating("virtio descriptor loop");
    printf_("virtio descriptor loop: the notify took %u ms, device status 0x%x\n", (u32)(us / 1000), status);
    verdict(alive && us < 1000000 && (status & 0x40), "virtio-descriptor-loop");
}

/* Well-formed but huge: 64 buffers of 16 MiB of '\r', posted again as soon as they are used, until a line typed on
 * the console (the runtime's tests type one when they see the "hogging" line) has reached this VM's receive queue,
 * or for 3 s. The console's interrupt is taken on core 0, the victim's, which used to spin on the device lock this
 * notify held (from the moment input arrived, for good). */
static void attack_virtio_hog(u64 v, u64 table, u64 buf)
{
    struct vq_mem *rx = (struct vq_mem *)(table + 0x4000), *tx = (struct vq_mem *)(table + 0x6000);
    u64 rxbuf = table + 0x8000;
    rx->desc[0] = (struct vq_desc){ rxbuf, 64, VQ_WRITE, 0 };
    rx->avail_ring[0] = 0;
    rx->used_idx = 0;
    rx->avail_idx = 1;
    for (u32 i = 0; i < VQ_NUM; i++) {
        tx->desc[i] = (struct vq_desc){ buf, 16u << 20, 0, 0 };
        tx->avail_ring[i] = (u16)i;
    }
    tx->used_idx = 0;
    tx->avail_idx = 0;
    virtio_start(v);
    vq_setup(v, 0, rx);
    vq_setup(v, 1, tx);
    w32(v + 0x070, 1 | 2 | 8 | 4);
    w32(v + 0x050, 0);                                 /* receive buffers posted */
    watch_begin();
    tx->avail_idx = VQ_NUM;                            /* busy before the line that asks for input */
    w32(v + 0x050, 1);
    u32 notifies = 1;
    printf_("virtio: hogging the transmit queue until console input arrives\n");
    u64 t0 = now_us();
    while (rx->used_idx == 0 && now_us() - t0 < 3000000) {
        if ((u16)(tx->avail_idx - tx->used_idx) < VQ_NUM) {
            tx->avail_idx = (u16)(tx->avail_idx + VQ_NUM - (u16)(tx->avail_idx - tx->used_idx));
            w32(v + 0x050, 1);
            notifies++;
        }
    }
    u32 got = rx->used_idx;
    int alive = victim_kept_beating("virtio hog");
    printf_("virtio hog: %u notifies in %u ms, console input %s\n", notifies, (u32)((now_us() - t0) / 1000),
            got ? "arrived" : "never arrived");
    verdict(alive, "virtio-transmit-hog-with-console-input");
    w32(v + 0x070, 0);
}

/* The hypervisor writes a queue's used ring for the device: never where the driver itself may not write. A transmit
 * queue whose used ring lies in the read-only window (the victim's notice page), one buffer posted and notified: the
 * page must stay as the victim wrote it. */
static void attack_virtio_used_ring_read_only(u64 v, u64 table, u64 buf, u64 ro)
{
    struct vq_mem *tx = (struct vq_mem *)(table + 0x6000);
    volatile u32 *used = (volatile u32 *)(ro + 0x800);
    u32 before[4], same = 1;
    for (u32 i = 0; i < 4; i++) before[i] = used[i];
    tx->desc[0] = (struct vq_desc){ buf, 1, 0, 0 };    /* one '\r': prints nothing */
    tx->avail_ring[0] = 0;
    tx->avail_idx = 1;
    virtio_start(v);
    vq_setup(v, 1, tx);
    w32(v + 0x0a0, (u32)(ro + 0x800));                 /* QueueUsed: the read-only page */
    w32(v + 0x0a4, (u32)((ro + 0x800) >> 32));
    w32(v + 0x070, 1 | 2 | 8 | 4);
    w32(v + 0x050, 1);
    for (u32 i = 0; i < 4; i++) same &= used[i] == before[i];
    printf_("virtio used ring in the read-only window: used index word 0x%x, %s\n", used[0], same ? "unchanged" : "written");
    w32(v + 0x070, 0);
    verdict(same && *(volatile u32 *)ro == RO_MAGIC, "virtio-used-ring-in-read-only-window");
}

/* A VM's reset resets its devices too: a virtio console left running across SYSTEM_RESET would go on writing console
 * input into the rings and buffers of the run before, in RAM the new run has reloaded or uses for something else.
 * Before the first reset the attacker leaves its device running with a receive buffer posted; after it, the device
 * must be as at power-on (status 0, no queue ready). */
static void virtio_leave_running(u64 v, u64 table)
{
    struct vq_mem *rx = (struct vq_mem *)(table + 0x4000);
    rx->desc[0] = (struct vq_desc){ table + 0x8000, 64, VQ_WRITE, 0 };
    rx->avail_ring[0] = 0;
    rx->used_idx = 0;
    rx->avail_idx = 1;
    virtio_start(v);
    vq_setup(v, 0, rx);
    w32(v + 0x070, 1 | 2 | 8 | 4);                     /* DRIVER_OK */
}

static void attack_virtio_after_reset(u64 v)
{
    w32(v + 0x030, 0);                                 /* QueueSel: receive */
    u32 status = r32(v + 0x070), ready = r32(v + 0x044);
    printf_("virtio after SYSTEM_RESET: device status 0x%x, receive queue ready %u\n", status, ready);
    verdict(status == 0 && ready == 0, "virtio-device-reset-with-vm");
}

/* --- PMU and debug state --- */

/* Cycles counted across 100 HVCs, with or without EL2 (PMCCFILTR_EL0.NSH). Seeing more with EL2 counted is seeing
 * how long the hypervisor worked: a timing channel into it and into whatever it did for other VMs meanwhile. */
static u64 cycles_across_hvcs(int with_el2)
{
    write_sysreg(pmccfiltr_el0, with_el2 ? (1ul << 27) : 0);
    write_sysreg(pmcr_el0, read_sysreg(pmcr_el0) | 1 | 4);     /* E, reset the cycle counter */
    write_sysreg(pmcntenset_el0, 1ul << 31);
    isb();
    u64 c0 = read_sysreg(pmccntr_el0);
    for (u32 i = 0; i < 100; i++) hvc(PSCI_VERSION, 0, 0, 0);
    u64 c1 = read_sysreg(pmccntr_el0);
    return c1 - c0;
}

static void attack_pmu_and_debug(void)
{
    u64 with = cycles_across_hvcs(1), without = cycles_across_hvcs(0);
    write_sysreg(pmcntenclr_el0, 1ul << 31);
    printf_("PMU: %lu cycles across 100 HVCs counting EL2, %lu without\n", with, without);
    verdict(with <= without + without / 4, "pmu-cycles-at-el2");
    /* A hardware breakpoint and watchpoint of the physical core, and the OS lock. */
    write_sysreg(dbgbvr0_el1, 0x40001000ul);
    write_sysreg(dbgwvr0_el1, 0x40002000ul);
    isb();
    u64 bvr = read_sysreg(dbgbvr0_el1), wvr = read_sysreg(dbgwvr0_el1);
    write_sysreg(dbgbvr0_el1, 0);
    write_sysreg(dbgwvr0_el1, 0);
    printf_("debug: breakpoint value reads 0x%lx, watchpoint 0x%lx\n", bvr, wvr);
    verdict(bvr == 0 && wvr == 0, "debug-registers");
}

/* --- accesses the hypervisor must refuse rather than decode --- */

/* Loads and stores on the emulated distributor that carry no instruction syndrome (ISV = 0): a pair, a store with
 * writeback, an exclusive load and store. The hypervisor cannot know their register or width, so it must not emulate
 * them as some other access: each must come back as an abort (the probe; a store-exclusive may instead fail without
 * storing, as there is no exclusive monitor on that address), and nothing may be read or written. */
static int probe_no_syndrome(u32 which, u64 a, u32 v)
{
    u64 p = a;
    u32 x = 0, y = 0;
    probe_hit = 0;
    probe_armed = 1;
    hvc(HVC_PROBE, 0, 0, 0);
    switch (which) {
    case 0: __asm__ volatile("ldp %w0, %w1, [%2]" : "=&r"(x), "=&r"(y) : "r"(a) : "memory"); break;
    case 1: __asm__ volatile("stp %w0, %w0, [%1]" : : "r"(v), "r"(a) : "memory"); break;
    case 2: __asm__ volatile("str %w1, [%0], #4" : "+r"(p) : "r"(v) : "memory"); break;
    case 3: __asm__ volatile("ldxr %w0, [%1]" : "=&r"(x) : "r"(a) : "memory"); break;
    default: __asm__ volatile("stxr %w0, %w1, [%2]" : "=&r"(y) : "r"(v), "r"(a) : "memory"); break;
    }
    probe_armed = 0;
    if (which == 4) return probe_hit || y == 1;        /* no exclusive monitor: it may fail (1) without storing */
    return probe_hit && x == 0 && p == a;
}

static void attack_mmio_without_syndrome(u32 spi)
{
    u64 en = cfg.gicd + 0x100 + 4 * (spi / 32);
    u32 bit = 1u << (spi % 32);
    u32 refused = 0;
    for (u32 i = 0; i < 5; i++) refused += (u32)probe_no_syndrome(i, en, bit);
    printf_("MMIO without syndrome: %u of 5 accesses refused\n", refused);
    verdict(refused == 5, "gicd-access-without-syndrome");
}

/* AArch32 user code (EL0 may be AArch32 under an AArch64 EL1): r0 = 0x5a, read DBGDIDR through CP14, back to EL1 by
 * SVC. EL0 may read it while MDSCR_EL1.TDCC is 0, and MDCR_EL2.TDA traps that read to EL2; TDCC is a debug register
 * the hypervisor keeps from the guest (writes ignored), so no guest kernel can close this to its user programs.
 * Contained: the VM lives on and its program reads nothing (an UNDEFINED exception, or zero). */
static const u32 a32_read_dbgdidr[] __attribute__((aligned(16))) = {
    0xe3a0005au,                                       /* mov r0, #0x5a */
    0xee100e10u,                                       /* mrc p14, 0, r0, c0, c0, 0 */
    0xef000000u,                                       /* svc #0 */
};

static void attack_aarch32_el0_coprocessor(void)
{
    u64 esr = el0_call((u64)a32_read_dbgdidr, 0x1d0, 0);   /* AArch32 User mode, A, I and F masked */
    irq_enable();
    u32 ec = (u32)(esr >> 26);
    printf_("AArch32 EL0 read of DBGDIDR: ESR_EL1 0x%lx, r0 0x%lx\n", esr, el0_x0);
    verdict(ec == 0 || (ec == 0x11 && (u32)el0_x0 == 0), "aarch32-el0-debug-register");
}

/* Thumb user code with a 16-bit load from the emulated distributor (r0 = GICD_TYPER), then SVCs that say where it went
 * on. The hypervisor emulates the load and must step over 2 bytes, as the syndrome's IL bit says (stepping over 4
 * skips an instruction, or lands in the middle of one), and inside an IT block on to the block's next slot. The first
 * program must come back by SVC #1; the second (ITE EQ, Z set: the load runs, the SVCNE #1 after it must not) by SVC
 * #2. */
static const u16 t16_read_typer[] __attribute__((aligned(16))) = {
    0x6840,                                            /* ldr r0, [r0, #4] */
    0xdf01,                                            /* svc #1 */
    0xdf02,                                            /* svc #2 */
    0xdf03,                                            /* svc #3 */
};
static const u16 t16_read_typer_in_it[] __attribute__((aligned(16))) = {
    0xbf0c,                                            /* ite eq */
    0x6840,                                            /* ldreq r0, [r0, #4] */
    0xdf01,                                            /* svcne #1 */
    0xdf02,                                            /* svc #2 */
    0xdf03,                                            /* svc #3 */
};

/* The SVC number the Thumb program came back with, if r0 holds GICD_TYPER then; else 0. */
static u32 thumb_typer_svc(const u16 *code, u64 flags)
{
    u64 esr = el0_call((u64)code, flags | 0x1f0, cfg.gicd);    /* AArch32 User mode, Thumb, A, I and F masked */
    irq_enable();
    printf_("Thumb EL0 16-bit load of GICD_TYPER: ESR_EL1 0x%lx, r0 0x%lx\n", esr, el0_x0);
    return esr >> 26 == 0x11 && (u32)el0_x0 == r32(cfg.gicd + 4) ? (u32)(esr & 0xffff) : 0;
}

static void attack_thumb_mmio_step(void)
{
    u32 plain = thumb_typer_svc(t16_read_typer, 0), in_it = thumb_typer_svc(t16_read_typer_in_it, 1ul << 30);
    verdict(plain == 1 && in_it == 2, "thumb-mmio-instruction-length");
}

/* A conditional instruction that fails its condition does nothing, even if the core traps it: the Arm ARM lets a core
 * trap such an instruction to EL2 (IMPLEMENTATION DEFINED), with the condition in the syndrome (CV = 1, COND), or for
 * T32 without it (CV = 0: the IT block's condition applies). QEMU traps only instructions that pass, so the test hypercall
 * HVC_COND_PROBE makes the hypervisor see the next trap as such a core reports it: the flags it arms become this
 * program's, the syndrome gets the condition it names. The hypervisor must step over the instruction (and in an IT
 * block on to the next slot), not emulate it: it used to make it UNDEFINED, a SIGILL for a 32-bit program that ran
 * MRCNE with Z set.
 * A32: MRCNE of DBGDIDR, trapped with Z clear and seen with Z set and COND NE: skipped, so SVCEQ #1 comes next (r0
 * keeps 0x5a). Seen with Z clear, it passes and is UNDEFINED as before. T32: ITE EQ; MRCEQ; SVCNE #1, trapped with Z set
 * and seen with Z clear and CV 0: skipped by the IT block's condition, and the block's else slot SVCNE #1 runs. */
static const u32 a32_read_dbgdidr_ne[] __attribute__((aligned(16))) = {
    0xe3a0005au,                                       /* mov r0, #0x5a */
    0x1e100e10u,                                       /* mrcne p14, 0, r0, c0, c0, 0 */
    0x0f000001u,                                       /* svceq #1 */
    0xef000002u,                                       /* svc #2 */
};
static const u16 t32_read_dbgdidr_in_it[] __attribute__((aligned(16))) = {
    0xbf0c,                                            /* ite eq */
    0xee10, 0x0e10,                                    /* mrceq p14, 0, r0, c0, c0, 0 */
    0xdf01,                                            /* svcne #1 */
    0xdf02,                                            /* svc #2 */
    0xdf03,                                            /* svc #3 */
};

/* Runs code at AArch32 EL0 (flags and mode in spsr) with its first conditional trap seen with flags nzcv and condition
 * cond (16: CV = 0). Returns ESR_EL1 as it came back. */
static u64 el0_cond_trap(const void *code, u64 spsr, u64 nzcv, u64 cond)
{
    if ((long)hvc(HVC_COND_PROBE, nzcv, cond, 0) != 0) return ~0ul;
    return el0_call((u64)code, spsr, 0);
}

static void attack_aarch32_failed_condition(void)
{
    u64 skipped = el0_cond_trap(a32_read_dbgdidr_ne, 0x1d0, 4, 1);     /* Z clear; seen: Z set, NE */
    u32 skipped_r0 = (u32)el0_x0;
    u64 passed = el0_cond_trap(a32_read_dbgdidr_ne, 0x1d0, 0, 1);      /* seen: Z clear, NE: it runs */
    u64 in_it = el0_cond_trap(t32_read_dbgdidr_in_it, (1ul << 30) | 0x1f0, 0, 16);   /* Z set, Thumb; seen: Z clear, CV 0 */
    irq_enable();
    printf_("AArch32 traps failing their condition: A32 MRCNE ESR_EL1 0x%lx r0 0x%x, passing 0x%lx; T32 in ITE EQ 0x%lx\n",
            skipped, skipped_r0, passed, in_it);
    verdict(skipped == ((0x11ul << 26) | (1ul << 25) | 1) && skipped_r0 == 0x5a && passed >> 26 == 0
            && in_it == ((0x11ul << 26) | 1), "aarch32-failed-condition-trap");
}

/* AArch64 user code: HVC and SMC with x0 = PSCI SYSTEM_OFF, and a read of MDCCSR_EL0 (a debug communication register
 * EL0 may read while MDSCR_EL1.TDCC is 0, trapped to EL2 by MDCR_EL2.TDA). HVC and SMC are UNDEFINED at EL0: the
 * hypervisor must never see them, and this VM must not power off. The register must read as nothing: UNDEFINED at
 * EL1, or zero. */
static const u32 a64_hvc[] __attribute__((aligned(16))) = { 0xd4000002u, 0xd4000001u };     /* hvc #0; svc #0 */
static const u32 a64_smc[] __attribute__((aligned(16))) = { 0xd4000003u, 0xd4000001u };     /* smc #0; svc #0 */
static const u32 a64_read_mdccsr[] __attribute__((aligned(16))) = {
    0xd5330100u,                                       /* mrs x0, mdccsr_el0 */
    0xd4000001u,                                       /* svc #0 */
};

static void attack_el0_calls(void)
{
    u64 hvc_esr = el0_call((u64)a64_hvc, 0x3c0, PSCI_SYSTEM_OFF);    /* EL0t, D, A, I and F masked */
    u64 smc_esr = el0_call((u64)a64_smc, 0x3c0, PSCI_SYSTEM_OFF);
    u64 dbg_esr = el0_call((u64)a64_read_mdccsr, 0x3c0, 0x5a);
    u64 dbg = el0_x0;
    irq_enable();
    printf_("EL0: HVC ESR_EL1 0x%lx, SMC ESR_EL1 0x%lx; MDCCSR_EL0 ESR_EL1 0x%lx, x0 0x%lx\n", hvc_esr, smc_esr, dbg_esr, dbg);
    verdict(hvc_esr >> 26 == 0 && smc_esr >> 26 == 0, "el0-hypervisor-calls");
    verdict(dbg_esr >> 26 == 0 || (dbg_esr >> 26 == 0x15 && dbg == 0), "aarch64-el0-debug-register");
}

/* PSCI with arguments no caller should pass: CPU_ON of its own vCPU 1 named with Aff1 or Aff3 bits set (no such
 * vCPU: INVALID_PARAMETERS, and vCPU 1 stays off), AFFINITY_INFO of vCPUs it does not have, the PSCI 1.1 calls the
 * hypervisor does not implement (SYSTEM_RESET2, MEM_PROTECT, MEM_PROTECT_CHECK_RANGE, SYSTEM_SUSPEND, CPU_FREEZE:
 * NOT_SUPPORTED, nothing reset or suspended), and a function ID with junk in x0's upper half (SMCCC: the ID is w0). */
static void attack_psci_hostile_arguments(void)
{
    long on_aff1 = (long)hvc(PSCI_CPU_ON, 1 | (1ul << 8), (u64)_start, 0);
    long on_aff3 = (long)smc(PSCI_CPU_ON, 1 | (1ul << 32), (u64)_start, 0);
    long aff_none = (long)hvc(0xc4000004u, 2, 0, 0), aff_aff2 = (long)hvc(0xc4000004u, 1 | (1ul << 16), 0, 0);
    long vcpu1 = (long)hvc(0xc4000004u, 1, 0, 0);
    static const u32 unimplemented[] = { 0xc4000012u, 0x84000012u, 0x84000013u, 0xc4000014u, 0xc400000eu, 0x8400000bu };
    u32 refused = 0;
    for (u32 i = 0; i < 6; i++) {
        refused += (long)hvc(unimplemented[i], 0, 0, 0) == -1;
        refused += (long)smc(unimplemented[i], 0, 0, 0) == -1;
        refused += (long)hvc(0x8400000au, unimplemented[i], 0, 0) == -1;    /* PSCI_FEATURES */
    }
    u64 version = hvc(0xffffffff00000000ul | PSCI_VERSION, 0, 0, 0);
    printf_("PSCI: CPU_ON Aff1 %ld, Aff3 %ld; AFFINITY_INFO vCPU 2 %ld, Aff2 %ld, vCPU 1 %ld; %u of 18 refused; version 0x%lx\n",
            on_aff1, on_aff3, aff_none, aff_aff2, vcpu1, refused, version);
    verdict(on_aff1 == -2 && on_aff3 == -2 && aff_none == -2 && aff_aff2 == -2 && vcpu1 == 1 && refused == 18
            && version == 0x10000, "psci-hostile-arguments");
}

/* The hypervisor's own registers and instructions from EL1: its stage-2 base (VTTBR_EL2), its trap controls (HCR_EL2),
 * the GIC's list registers (ICH_LR0_EL2, GICv3), its watchdog timer (CNTHP_CTL_EL2) and the virtual counter offset
 * (CNTVOFF_EL2), TLB maintenance by IPA or for every VMID (TLBI IPAS2E1IS, ALLE1IS) and a stage 1+2 address
 * translation (AT S12E1R). Each must be UNDEFINED at EL1 (EC 0): none may read, write or act. */
static int el1_undefined(u32 which)
{
    u64 x = 0x40000000ul;
    probe_hit = 0;
    probe_esr = 0;
    probe_armed = 1;
    switch (which) {
    case 0: __asm__ volatile("mrs %0, vttbr_el2" : "=r"(x) : : "memory"); break;
    case 1: __asm__ volatile("msr hcr_el2, %0" : : "r"(x) : "memory"); break;
    case 2: __asm__ volatile("mrs %0, S3_4_C12_C12_0" : "=r"(x) : : "memory"); break;      /* ICH_LR0_EL2 */
    case 3: __asm__ volatile("mrs %0, cnthp_ctl_el2" : "=r"(x) : : "memory"); break;
    case 4: __asm__ volatile("msr cntvoff_el2, %0" : : "r"(x) : "memory"); break;
    case 5: __asm__ volatile("tlbi ipas2e1is, %0" : : "r"(x >> 12) : "memory"); break;
    case 6: __asm__ volatile("tlbi alle1is" : : : "memory"); break;
    default: __asm__ volatile("at s12e1r, %0" : : "r"(x) : "memory"); break;
    }
    probe_armed = 0;
    return probe_hit && (probe_esr >> 26) == 0;
}

static void attack_el2_registers(void)
{
    u32 undefined = 0;
    for (u32 i = 0; i < 8; i++) undefined += (u32)el1_undefined(i);
    printf_("EL2 registers and instructions from EL1: %u of 8 UNDEFINED\n", undefined);
    verdict(undefined == 8, "el2-registers-from-el1");
}

/* The lifecycle hypercalls: only the management VM may start a VM (this one is not: DENIED, -3, for the victim, for
 * itself and for a VM that does not exist), and kicking a watchdog it does not have is NOT_SUPPORTED (-1). */
static void attack_lifecycle_calls(void)
{
    long victim = (long)hvc(HVC_VM_START, 1, 0, 0), self = (long)hvc(HVC_VM_START, 0, 0, 0);
    long none = (long)hvc(HVC_VM_START, ~0ul, 0, 0), kick = (long)hvc(HVC_WDOG_KICK, 0, 0, 0);
    printf_("lifecycle: start victim %ld, start self %ld, start none %ld, kick %ld\n", victim, self, none, kick);
    verdict(victim == -3 && self == -3 && none == -3 && kick == -1, "start-vm-without-management");
}

/* --- PSCI races (with vCPU 1) --- */

static void finish(void)
{
    printf_("%u escape(s); now SYSTEM_OFF, which must stop only this VM\n", escapes);
    ch->escapes = escapes;
    ch->attacker_done = 1;
    system_off();
}

/* A line of 100 characters left unfinished: SYSTEM_RESET prints it first (under the console lock, interrupts masked),
 * which keeps the first caller at EL2 long enough for the second one to arrive there too. */
static void unfinished_line(char c)
{
    for (u32 i = 0; i < 100; i++) putc_(c);
}

static volatile u32 flood, sgi_twice, sgi_two_sources, sgi_two_go, sgi_two_taken, icfgr_hammer;

/* Its own SPI's GICD_ICFGR register, its trigger turned (disabled, as it is by then) edge, level, edge... */
static u64 own_icfgr(void) { return cfg.gicd + 0xc00 + 4 * (own_spi / 16); }
static void own_icfgr_flip(void) { w32(own_icfgr(), r32(own_icfgr()) ^ (2u << (2 * (own_spi % 16)))); }

static void vcpu1_main(void)
{
    if (flood) {                                       /* console flood: print until told to stop, then CPU_OFF */
        while (flood) printf_("x\n");
        hvc(0x84000002u, 0, 0, 0);
    }
    if (sgi_twice) {                                   /* SGI 5 to vCPU 0, twice, 10 ms apart; then CPU_OFF */
        send_sgi(1, 5);
        delay_ms(10);
        send_sgi(1, 5);
        delay_ms(10);
        sgi_twice = 0;
        hvc(0x84000002u, 0, 0, 0);
    }
    if (icfgr_hammer) {                                /* ICFGR race: until told to stop, then CPU_OFF */
        while (icfgr_hammer) own_icfgr_flip();
        hvc(0x84000002u, 0, 0, 0);
    }
    if (sgi_two_sources) {                             /* SGI 6 to vCPU 0 when it says so; then CPU_OFF */
        while (!sgi_two_go) { }
        send_sgi(1, 6);
        sgi_two_go = 0;
        sgi_two_sources = 0;
        hvc(0x84000002u, 0, 0, 0);
    }
    unfinished_line('1');
    race_ready = 1;
    while (!race_go) { }
    hvc(PSCI_SYSTEM_RESET, 0, 0, 0);
    for (;;) wfi();
}

/* Both vCPUs print short lines as fast as they can for half a second: every line takes the hypervisor's console
 * lock, which the victim needs for its own lines. With a lock that is not fair, the victim's core could wait there,
 * interrupts masked, for as long as the flood lasts. */
static void attack_console_flood(void)
{
    watch_begin();
    flood = 1;
    if (cpu_on(1, 0) != 0) { flood = 0; verdict(0, "console-flood"); return; }
    u64 t0 = now_us();
    while (now_us() - t0 < 500000) printf_("x\n");
    flood = 0;
    while ((long)hvc(0xc4000004u, 1, 0, 0) != 1) { }  /* AFFINITY_INFO: until vCPU 1 is off again */
    verdict(victim_kept_beating("console flood"), "console-flood");
}

/* vCPU 1 sends SGI 5 to vCPU 0 twice while vCPU 0 has interrupts masked: the first is already in a list register when
 * the second comes. An interrupt pending twice before it is taken is taken once (GICv2 merges SGIs per source; GICv3
 * SGIs have no source). Two list registers holding one vINTID are UNPREDICTABLE on a GICv3: a real one may take it
 * twice or lose it (a guest kernel waiting for an IPI would hang). */
static void attack_sgi_pending_twice(void)
{
    __asm__ volatile("msr daifset, #2" ::: "memory");
    u32 before = sgis_seen;
    sgi_twice = 1;
    if (cpu_on(1, 0) != 0) { sgi_twice = 0; irq_enable(); verdict(0, "sgi-pending-twice"); return; }
    while (sgi_twice) { }
    irq_enable();
    delay_ms(20);
    u32 got = sgis_seen - before;
    while ((long)hvc(0xc4000004u, 1, 0, 0) != 1) { }  /* AFFINITY_INFO: until vCPU 1 is off again */
    printf_("SGI sent twice while masked: taken %u time(s)\n", got);
    verdict(got == 1, "sgi-pending-twice");
}

/* SGI 6 reaches vCPU 0 (sent to itself); while it is active there, vCPU 0 sends it to itself again and vCPU 1 sends it
 * too: two sources. On a GICv3 an SGI has one pending state per target, whoever sent it (its list registers carry no
 * source): taken twice in all, the first and the one pending after it. On a GICv2 each source's SGI is an interrupt of
 * its own: three times. The hypervisor used to deliver the two sources' one by one on GICv3 too: three times. */
static void sgi_two_sources_irq(void)
{
    sgi_two_taken++;
    if (sgi_two_taken != 1) return;
    send_sgi_self(6);
    sgi_two_go = 1;
    u64 t0 = now_us();
    while (sgi_two_go && now_us() - t0 < 2000000) { }  /* until vCPU 1 has sent it, still active here */
}

static void attack_sgi_two_sources(void)
{
    sgi_two_taken = 0;
    sgi_two_sources = 1;
    if (cpu_on(1, 0) != 0) { sgi_two_sources = 0; verdict(0, "sgi-from-two-sources"); return; }
    send_sgi_self(6);
    delay_ms(20);
    while ((long)hvc(0xc4000004u, 1, 0, 0) != 1) { }  /* AFFINITY_INFO: until vCPU 1 is off again */
    delay_ms(20);
    u32 want = cfg.gicv3 ? 2 : 3;
    printf_("SGI from two sources while active: taken %u time(s), %u expected on GICv%u\n", sgi_two_taken, want, cfg.gicv3 ? 3 : 2);
    verdict(sgi_two_taken == want && !sgi_two_go, "sgi-from-two-sources");
}

/* GICD_ICFGR holds the trigger of 16 interrupts: on QEMU virt the victim's SPI 34 and this VM's own SPI 39 share one.
 * Both vCPUs write their own bits there as fast as they can while the victim turns its trigger back and forth (through
 * the channel). The hypervisor writes the physical register for each VM, reading it first for the other owners' bits:
 * two such writes at once, and one puts back the bits the other has just changed. None of the victim's changes may be
 * undone. (Where the two SPIs share no register, as on the Raspberry Pi, there is nothing to race.) */
static void attack_icfgr_shared_register(u32 spi)
{
    if (spi / 16 != own_spi / 16) {
        printf_("ICFGR: SPIs %u and %u share no register, nothing to race\n", spi, own_spi);
        verdict(1, "gicd-icfgr-shared-register");
        return;
    }
    u32 req = ch->icfgr_req + 1, before = r32(own_icfgr());
    icfgr_hammer = 1;
    if (cpu_on(1, 0) != 0) { icfgr_hammer = 0; verdict(0, "gicd-icfgr-shared-register"); return; }
    watch_begin();
    ch->icfgr_req = req;
    u64 t0 = now_us();
    while (ch->icfgr_done != req && now_us() - t0 < 5000000) own_icfgr_flip();
    icfgr_hammer = 0;
    while ((long)hvc(0xc4000004u, 1, 0, 0) != 1) { }  /* AFFINITY_INFO: until vCPU 1 is off again */
    w32(own_icfgr(), before);
    int answered = ch->icfgr_done == req, alive = victim_kept_beating("ICFGR race");
    printf_("ICFGR shared with the victim's SPI: it changed its trigger %u times, %u of its changes undone%s\n",
            ch->icfgr_rounds, ch->icfgr_lost, answered ? "" : " (no answer)");
    verdict(answered && alive && ch->icfgr_rounds > 0 && ch->icfgr_lost == 0, "gicd-icfgr-shared-register");
}

/* Lines a guest prints reach the console as text: control characters (an escape sequence that moves the cursor up
 * and clears the line, then a forged line of the victim) are shown as '.'. The test checks the console. */
static void attack_console_control_characters(void)
{
    printf_("\x1b[1A\x1b[2K\r[victim] forged by the attacker\x07\n");
}

/* An SGI to a vCPU that does not exist: GICv3 TargetList bit 0 with range selector 1 (Aff0 16), GICv2 with the
 * reserved target filter 3. Nothing may arrive (it used to reach vCPU 0 on GICv3). */
static void attack_sgi_nonexistent_vcpu(void)
{
    u32 before = sgis_seen;
    if (cfg.gicv3) { write_sysreg(S3_0_C12_C11_5, (1ul << 44) | (6ul << 24) | 1); isb(); }
    else w32(cfg.gicd + 0xf00, (3u << 24) | (1u << 16) | 6);
    delay_ms(20);
    verdict(sgis_seen == before, "sgi-to-nonexistent-vcpu");
}

#define RESET_ROUNDS 5

/* Both vCPUs ask for SYSTEM_RESET at the same moment, in each of the first RESET_ROUNDS boots. Each used to wait,
 * interrupts masked, for the other to leave the guest: both cores hung at EL2 and the machine never powered off.
 * The VM must come back every time. */
static void attack_reset_race(u32 boot)
{
    if (boot > RESET_ROUNDS) {
        verdict(1, "psci-system-reset-race");
        finish();
    }
    printf_("SYSTEM_RESET from both vCPUs at once, round %u of %u\n", boot, RESET_ROUNDS);
    race_ready = race_go = 0;
    if (cpu_on(1, 0) != 0) { verdict(0, "psci-system-reset-race"); return; }
    while (!race_ready) { }
    ch->escapes = escapes;                             /* RAM is reloaded: keep the count in the channel */
    unfinished_line('0');
    race_go = 1;
    hvc(PSCI_SYSTEM_RESET, 0, 0, 0);
    printf_("\nSYSTEM_RESET returned\n");
    verdict(0, "psci-system-reset-race");
}

void guest_main(u64 arg, u32 vcpu)
{
    if (vcpu != 0) vcpu1_main();
    arg_keys = "shm victim_ram hyp victim_dev unassigned spi table ro gpio own_spi virtio gich aux";
    guest_init(arg);
    if (cfg.has[12]) cfg.has[8] = 1;                   /* aux= stands for gpio= */
    for (u32 i = 0; i < 11; i++) {
        if (!cfg.has[i]) { printf_("bootargs lack key %u of \"%s\"\n", i, arg_keys); vm_exit(1); }
    }
    ch = (struct channel *)cfg.arg[0];
    u64 victim_ram = cfg.arg[1], hyp = cfg.arg[2], victim_dev = cfg.arg[3], unassigned = cfg.arg[4];
    u32 spi = (u32)cfg.arg[5], bank = spi / 32, bit = 1u << (spi % 32);
    u64 table = cfg.arg[6], virtio = cfg.arg[10], buf = table - (16ul << 20);
    gpio = cfg.arg[8];
    aux = cfg.has[12] ? cfg.arg[12] : 0;
    own_spi = (u32)cfg.arg[9];

    while (ch->magic != CHANNEL_MAGIC) { }
    if ((long)hvc(HVC_MMIO_TRAPS, 0, 0, 0) < 0) {
        /* A production runtime: no probe to survive a refused access. The first attack stops this VM (status 3). */
        printf_("this runtime has no test hypercalls (build with --test-hooks to run every attack); reading the victim's RAM\n");
        copy_str(ch->to_victim, "hello victim, attacker here");
        ch->attacker_done = 1;
        (void)r32(victim_ram);
        printf_("ESCAPED read-other-vm-ram\n");
        system_off();
    }
    u32 boot = ++ch->attacker_boots;
    if (boot > 1) {                                    /* back from a SYSTEM_RESET race: the VM was restarted */
        escapes = ch->escapes;
        if (boot == 2) attack_virtio_after_reset(virtio);
        attack_reset_race(boot);
    }
    char msg[64];
    for (u32 i = 0; i < 64; i++) msg[i] = ch->to_attacker[i];
    msg[63] = 0;
    printf_("message from the victim: %s\n", msg);
    copy_str(ch->to_victim, "hello victim, attacker here");

    gic_cpu_init();
    irq_enable();

    verdict(probe(victim_ram, 0), "read-other-vm-ram");
    verdict(probe(victim_ram, 1), "write-other-vm-ram");
    verdict(probe(hyp, 0), "read-hypervisor-memory");
    verdict(probe(hyp, 1), "write-hypervisor-memory");
    verdict(probe(victim_dev, 0), "read-other-vm-device");
    verdict(probe(victim_dev, 1), "write-other-vm-device");
    verdict(probe(unassigned, 0), "read-unassigned-mmio");
    verdict(probe(unassigned, 1), "write-unassigned-mmio");
    u64 gich = cfg.has[11] ? cfg.arg[11] : 0x08030000ul;
    verdict(probe(gich, 0) && probe(gich + 0x100, 1), "hypervisor-gic-interface");
    /* A read-only shared window: reading works (the victim's text is there), writing faults. */
    volatile u32 *ro = (volatile u32 *)cfg.arg[7];
    int readable = !probe(cfg.arg[7], 0) && ro[0] == RO_MAGIC;
    verdict(readable && probe(cfg.arg[7], 1) && ro[0] == RO_MAGIC, "write-read-only-shared-window");

    verdict(gicd_rw(0x100 + 4 * bank, bit) == 0, "gicd-enable-foreign-spi");
    verdict(gicd_rw(0x180 + 4 * bank, bit) == 0, "gicd-disable-foreign-spi");
    /* Routing: GICv2 ITARGETSR to our vCPU 0; GICv3 IROUTER with IRM (any core), which reads back non-zero. */
    u64 routed;
    if (cfg.gicv3) {
        volatile u64 *irouter = (volatile u64 *)(cfg.gicd + 0x6000 + 8ul * spi);
        *irouter = 1ul << 31;
        routed = *irouter;
    } else {
        routed = route_spi(spi, 0);
    }
    verdict(routed == 0, "gicd-route-foreign-spi");
    verdict(gicd_rw(0x200 + 4 * bank, bit) == 0, "gicd-set-pending-foreign-spi");
    verdict(gicd_rw8(0x400 + spi, 0x00) == 0, "gicd-priority-foreign-spi");
    attack_unaligned_icfgr(table, spi);
    attack_gic_message_frames(spi);

    /* SGI 5 to vCPUs 2-7, which this VM does not have; then to itself, which must still work. */
    u32 before = sgis_seen;
    send_sgi(0xfc, 5);
    delay_ms(20);
    u32 foreign = sgis_seen - before;
    send_sgi_self(5);
    delay_ms(20);
    verdict(foreign == 0 && sgis_seen - before == 1, "sgi-to-other-vm-core");
    attack_sgi_nonexistent_vcpu();
    attack_sgi_pending_twice();
    attack_sgi_two_sources();

    int cpu_on_refused = 1;
    for (u64 mpidr = 2; mpidr < 4; mpidr++) {          /* vCPU 1 is this VM's own */
        if ((long)hvc(PSCI_CPU_ON, mpidr, (u64)_start, 0) != -2) cpu_on_refused = 0;
        if ((long)smc(PSCI_CPU_ON, 0x80000000u | mpidr, (u64)_start, 0) != -2) cpu_on_refused = 0;
    }
    if ((long)hvc(PSCI_CPU_ON, 0x100, (u64)_start, 0) != -2) cpu_on_refused = 0;
    verdict(cpu_on_refused, "psci-cpu-on-foreign-core");

    verdict((long)smc(0x82000042u, 0, 0, 0) == -1 && (long)smc(0xc2000042u, 1, 2, 3) == -1, "unknown-smc");
    verdict((long)hvc(0x86000042u, 0, 0, 0) == -1 && (long)hvc(0xc5000001u, 1, 2, 3) == -1, "unknown-hvc");
    /* Doorbells (issue 13): the example gives the victim doorbell 0, to us; we were given none. Ringing it, or one
     * that does not exist, is refused (-3) and nothing reaches anyone. */
    verdict((long)hvc(0xc6000020u, 0, 0, 0) == -3 && (long)hvc(0xc6000020u, 1, 0, 0) == -3
            && (long)hvc(0xc6000020u, ~0ul, 0, 0) == -3, "ring-foreign-doorbell");

    u64 traps = hvc(HVC_SETWAY, 0, 0, 0);
    for (u64 set = 0; set < 4; set++) {
        u64 sw = set << 6;
        __asm__ volatile("dc cisw, %0" : : "r"(sw) : "memory");
        __asm__ volatile("dc csw, %0" : : "r"(sw) : "memory");
        __asm__ volatile("dc isw, %0" : : "r"(sw) : "memory");
    }
    verdict(hvc(HVC_SETWAY, 0, 0, 0) - traps == 12, "set-way-cache-maintenance");
    attack_mmio_without_syndrome(spi);
    attack_aarch32_el0_coprocessor();
    attack_thumb_mmio_step();
    attack_aarch32_failed_condition();
    attack_el0_calls();
    attack_el2_registers();
    attack_psci_hostile_arguments();
    attack_lifecycle_calls();

    stage1_on(table, 0);
    int s1 = probe(victim_ram, 0) && probe(victim_ram + 0x1000, 1) && probe(hyp, 0);
    stage1_off();
    verdict(s1, "stage1-mapping-beyond-ipa-map");
    attack_dc_zva_read_only(table, cfg.arg[7]);

    attack_pmu_and_debug();
    attack_unrouted_level_spi();
    attack_narrow_stores(virtio);

    /* 16 MiB of '\r' below the tables: transmitted, they print nothing. */
    for (u64 p = buf; p < table; p += 8) *(volatile u64 *)p = 0x0d0d0d0d0d0d0d0dul;
    attack_virtio_loop(virtio, table, buf);
    attack_virtio_hog(virtio, table, buf);
    attack_virtio_used_ring_read_only(virtio, table, buf, cfg.arg[7]);

    attack_console_flood();
    attack_console_control_characters();

    /* The victim's RTC interrupt must reach the victim and not us: wait (interrupts on) until it has. */
    u64 t0 = now_us();
    while (!ch->victim_rtc_irqs && now_us() - t0 < 10000000ul) delay_ms(10);
    verdict(ch->victim_rtc_irqs && foreign_irqs == 0, "passthrough-irq-of-other-vm");
    attack_icfgr_shared_register(spi);

    virtio_leave_running(virtio, table);
    attack_reset_race(boot);
    finish();
}

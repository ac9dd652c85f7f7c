/* attacker: tries every isolation attack of issue 4 and prints CONTAINED/ESCAPED for each.
 * Faulting accesses are armed with the SHY_HVC_PROBE test hypercall, so the hypervisor injects the stage-2
 * fault back as an abort instead of stopping this VM, and the next attack can run.
 * bootargs (hex): shm= channel IPA, victim_ram= victim's RAM PA, hyp= hypervisor PA, victim_dev= victim's
 * device PA, unassigned= unassigned MMIO PA, spi= victim's SPI, table= 4 KiB of own RAM for stage-1 tables,
 * ro= IPA of a shared page this VM may only read; gich= the hypervisor's GIC interface (default QEMU's GICH). */
#include "channel.h"

#define HVC_PROBE 0xc6000001u
#define HVC_SETWAY 0xc6000002u

static u32 escapes, sgis_seen, foreign_irqs;

void guest_irq(u32 intid)
{
    if (intid < 16) sgis_seen++;
    else if (intid >= 32) foreign_irqs++;     /* this VM owns no SPI: any is someone else's */
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

/* Identity-maps 0-4 GiB at stage 1 (GiB 0 Device, the rest Normal), so VA = IPA reaches beyond the IPA map. */
static void stage1_on(u64 table)
{
    volatile u64 *l1 = (volatile u64 *)table;
    for (u32 i = 0; i < 512; i++) l1[i] = 0;
    l1[0] = 0x0ul | 1 | (0 << 2) | (1ul << 10) | (1ul << 54);
    for (u64 i = 1; i < 4; i++) l1[i] = (i << 30) | 1 | (1 << 2) | (3 << 8) | (1ul << 10);
    write_sysreg(mair_el1, 0xff00ul);
    write_sysreg(tcr_el1, (1ul << 32) | (1ul << 23) | (3 << 12) | (1 << 10) | (1 << 8) | 32);
    write_sysreg(ttbr0_el1, table);
    isb();
    __asm__ volatile("tlbi vmalle1; dsb ish; isb" ::: "memory");
    write_sysreg(sctlr_el1, read_sysreg(sctlr_el1) | 1 | (1 << 2) | (1 << 12));
    isb();
}

static void stage1_off(void)
{
    write_sysreg(sctlr_el1, read_sysreg(sctlr_el1) & ~(1ul | (1ul << 2) | (1ul << 12)));
    isb();
}

static void copy_str(volatile char *d, const char *s) { u32 i = 0; for (; s[i] && i < 63; i++) d[i] = s[i]; d[i] = 0; }

void guest_main(u64 arg, u32 vcpu)
{
    (void)vcpu;
    arg_keys = "shm victim_ram hyp victim_dev unassigned spi table ro gich";
    guest_init(arg);
    for (u32 i = 0; i < 8; i++) {
        if (!cfg.has[i]) { printf_("bootargs lack key %u of \"%s\"\n", i, arg_keys); vm_exit(1); }
    }
    struct channel *ch = (struct channel *)cfg.arg[0];
    u64 victim_ram = cfg.arg[1], hyp = cfg.arg[2], victim_dev = cfg.arg[3], unassigned = cfg.arg[4];
    u32 spi = (u32)cfg.arg[5], bank = spi / 32, bit = 1u << (spi % 32);

    while (ch->magic != CHANNEL_MAGIC) { }
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
    u64 gich = cfg.has[8] ? cfg.arg[8] : 0x08030000ul;
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

    /* SGI 5 to vCPUs 2-7, which this VM does not have; then to itself, which must still work. */
    u32 before = sgis_seen;
    send_sgi(0xfc, 5);
    delay_ms(20);
    u32 foreign = sgis_seen - before;
    send_sgi_self(5);
    delay_ms(20);
    verdict(foreign == 0 && sgis_seen - before == 1, "sgi-to-other-vm-core");

    int cpu_on_refused = 1;
    for (u64 mpidr = 2; mpidr < 4; mpidr++) {          /* vCPU 1 is this VM's own */
        if ((long)hvc(0xc4000003u, mpidr, (u64)_start, 0) != -2) cpu_on_refused = 0;
        if ((long)smc(0xc4000003u, 0x80000000u | mpidr, (u64)_start, 0) != -2) cpu_on_refused = 0;
    }
    if ((long)hvc(0xc4000003u, 0x100, (u64)_start, 0) != -2) cpu_on_refused = 0;
    verdict(cpu_on_refused, "psci-cpu-on-foreign-core");

    verdict((long)smc(0x82000042u, 0, 0, 0) == -1 && (long)smc(0xc2000042u, 1, 2, 3) == -1, "unknown-smc");
    verdict((long)hvc(0x86000042u, 0, 0, 0) == -1 && (long)hvc(0xc5000001u, 1, 2, 3) == -1, "unknown-hvc");

    u64 traps = hvc(HVC_SETWAY, 0, 0, 0);
    for (u64 set = 0; set < 4; set++) {
        u64 sw = set << 6;
        __asm__ volatile("dc cisw, %0" : : "r"(sw) : "memory");
        __asm__ volatile("dc csw, %0" : : "r"(sw) : "memory");
        __asm__ volatile("dc isw, %0" : : "r"(sw) : "memory");
    }
    verdict(hvc(HVC_SETWAY, 0, 0, 0) - traps == 12, "set-way-cache-maintenance");

    stage1_on(cfg.arg[6]);
    int s1 = probe(victim_ram, 0) && probe(victim_ram + 0x1000, 1) && probe(hyp, 0);
    stage1_off();
    verdict(s1, "stage1-mapping-beyond-ipa-map");

    /* The victim's RTC interrupt must reach the victim and not us: wait (interrupts on) until it has. */
    u64 t0 = now_us();
    while (!ch->victim_rtc_irqs && now_us() - t0 < 10000000ul) delay_ms(10);
    verdict(ch->victim_rtc_irqs && foreign_irqs == 0, "passthrough-irq-of-other-vm");

    printf_("%u escape(s); now SYSTEM_OFF, which must stop only this VM\n", escapes);
    ch->escapes = escapes;
    ch->attacker_done = 1;
    system_off();
}

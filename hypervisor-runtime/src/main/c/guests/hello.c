/* hello: every vCPU says hello, takes timer interrupts, and vCPU 0 powers the VM off (aarch64 and riscv64).
 * bootargs: ticks=<n> timer ticks per vCPU (default 3); fault=<ipa> write there at the end (stage-2 fault test);
 * exit=<status> end with that VM exit status instead of SYSTEM_OFF; bench=<n> time n trapped MMIO reads
 * (the emulated distributor's GICD_TYPER) on vCPU 0 and print the rate; reset=<ipa> keep a boot counter at that
 * IPA of own RAM and ask for SYSTEM_RESET on the first boot; virtio=<ipa> read a virtio-mmio transport's
 * identification; grab=1 try to take every SPI of the distributor, enabled and routed to the last vCPU (the runtime
 * gives a VM only its own: the readback test compares what the physical distributor holds with the plan);
 * scan=<ipa> scanend=<ipa> count the nonzero 64-bit words of own RAM in [scan, scanend) at the start (what the
 * hypervisor left there: the zeroing test); vcons=<ipa> (two vCPUs) vCPUs 0 and 1 queue one line on the virtio
 * console there between them, vCPU 0 its start and vCPU 1 the rest with the newline (the line is the device's,
 * whichever core queues it); off=1 vCPU 0 ends with CPU_OFF, the last of its vCPUs on, instead of SYSTEM_OFF;
 * race=<n> vCPU 0 meets n timer deadlines with a burst of trapped reads and then waits for each interrupt without a trap
 * (the lost-tick test); hold=<ms> vCPU 0 keeps its interrupts masked for that long past a timer deadline, without a
 * trap, before it takes the interrupt (the riscv64 hypervisor's timer watchdog fires meanwhile); tail=1 each vCPU but
 * 0 leaves a line without its newline and stays in the guest while vCPU 0 powers the VM off (the hypervisor prints
 * that line before it says the VM stopped). All values are hex. */
#include "guest.h"

static volatile u32 done[MAX_VCPUS];
static volatile u32 ticks[MAX_VCPUS];
static u32 want;

#ifdef __aarch64__
/* Plain register accesses: in a loop the compiler may pick a post-indexed store, which traps without the syndrome
 * the hypervisor needs to emulate it. */
static void reg_w32(u64 a, u32 v) { __asm__ volatile("str %w0, [%1]" : : "r"(v), "r"(a) : "memory"); }
static u32 reg_r32(u64 a) { u32 v; __asm__ volatile("ldr %w0, [%1]" : "=r"(v) : "r"(a) : "memory"); return v; }

/* Routes every SPI to vCPU `last` and enables all of them; prints how many the distributor then shows enabled. */
static void grab_spis(u32 last)
{
    u32 lines = ((r32(cfg.gicd + 4) & 0x1f) + 1) * 32, got = 0;
    for (u32 spi = 32; spi < lines; spi++) (void)route_spi(spi, last);
    for (u32 bank = 1; bank < lines / 32; bank++) reg_w32(cfg.gicd + 0x100 + 4 * bank, ~0u);
    for (u32 bank = 1; bank < lines / 32; bank++) {
        for (u32 bits = reg_r32(cfg.gicd + 0x100 + 4 * bank); bits; bits &= bits - 1) got++;
    }
    printf_("grab: %u SPIs enabled, routed to vcpu %u\n", got, last);
}
#endif

/* vCPU 0 waits for its siblings with WFE, each of them SEVs when done. Under QEMU's one-thread TCG (`--tcg single`) a
 * plain spin kept the thread from the other VMs' cores: a Linux VM beside this one then stalled for about 2 s in half
 * of its boots (bench/README.md); TCG takes a WFE as a yield. riscv64 has no such pair: it spins. */
static inline void cpu_wait(void)
{
#ifdef __aarch64__
    __asm__ volatile("wfe" ::: "memory");
#endif
}

static inline void cpu_event(void)
{
#ifdef __aarch64__
    __asm__ volatile("dsb ish; sev" ::: "memory");
#endif
}

#ifdef __aarch64__
#define dev_w32 reg_w32
#else
#define dev_w32 w32
#endif

/* vcons=: a virtio console's transmit queue (virtio-mmio version 2), set up by vCPU 0 and then used by both. */
#define VQ_N 4
static struct { u64 addr; u32 len; u16 flags, next; } vq_desc[VQ_N] __attribute__((aligned(16)));
static volatile struct { u16 flags, idx, ring[VQ_N]; } vq_avail __attribute__((aligned(4)));
static volatile struct { u16 flags, idx; struct { u32 id, len; } ring[VQ_N]; } vq_used __attribute__((aligned(8)));
static volatile u32 vq_turn;

static void vq_addr(u64 reg, const volatile void *p)
{
    dev_w32(reg, (u32)(u64)p);
    dev_w32(reg + 4, (u32)((u64)p >> 32));
}

static void vcons_setup(u64 base)
{
    dev_w32(base + 0x70, 0);                    /* reset; then ACKNOWLEDGE | DRIVER */
    dev_w32(base + 0x70, 3);
    dev_w32(base + 0x24, 1);                    /* VIRTIO_F_VERSION_1 (feature bit 32) */
    dev_w32(base + 0x20, 1);
    dev_w32(base + 0x70, 3 | 8);                /* FEATURES_OK */
    dev_w32(base + 0x30, 1);                    /* queue 1: transmit */
    dev_w32(base + 0x38, VQ_N);
    vq_addr(base + 0x80, vq_desc);
    vq_addr(base + 0x90, &vq_avail);
    vq_addr(base + 0xa0, &vq_used);
    dev_w32(base + 0x44, 1);
    dev_w32(base + 0x70, 3 | 8 | 4);            /* DRIVER_OK */
}

/* Queues s, notifies, and waits until the device has used it. */
static void vcons_send(u64 base, const char *s)
{
    u32 n = 0;
    while (s[n]) n++;
    u16 i = vq_avail.idx % VQ_N;
    vq_desc[i].addr = (u64)s;
    vq_desc[i].len = n;
    vq_desc[i].flags = 0;
    vq_desc[i].next = 0;
    vq_avail.ring[i] = i;
    __sync_synchronize();
    vq_avail.idx = (u16)(vq_avail.idx + 1);
    __sync_synchronize();
    dev_w32(base + 0x50, 1);
    while (vq_used.idx != vq_avail.idx) { }
}

/* vCPU 1 says it is there; vCPU 0 sets the queue up and queues a line's start; vCPU 1 queues its end. */
static void vcons_line(u32 vcpu, u64 base)
{
    if (vcpu == 1) {
        vq_turn = 1;
        while (vq_turn != 2) { }
        __sync_synchronize();
        vcons_send(base, "and ended on vcpu 1\n");
        vq_turn = 3;
    } else if (vcpu == 0) {
        while (vq_turn != 1) { }
        vcons_setup(base);
        vcons_send(base, "virtio: begun on vcpu 0 ");
        vq_turn = 2;
        while (vq_turn != 3) { }
    }
}

/* race=: each deadline passes while the hypervisor handles one of a burst of traps (the burst's last trap starts after
 * it), and the guest then waits for the interrupt without trapping, as Linux waits for its next tick. One not taken
 * within 2 s is lost: without a later trap it would never come (a Linux VM hung so under QEMU 7.2, docs/runtime.md,
 * "A lost timer interrupt"). One taken after 20 ms is only late (a loaded host). */
static void race_rounds(u32 rounds)
{
    u32 lost = 0, late = 0;
    for (u32 i = 0; i < rounds; i++) {
        u32 before = ticks[0];
        timer_arm_ms(1);
        u64 deadline = now_us() + 1001, t;      /* no earlier than the armed deadline, whatever the rounding */
        do {
            t = now_us();
            (void)bench_read();
        } while (ticks[0] == before && t < deadline);
        u64 t1 = now_us();
        while (ticks[0] == before && now_us() - t1 < 2000000) { }
        if (ticks[0] == before) {
            lost++;
            while (ticks[0] == before) (void)bench_read();
        } else if (now_us() - t1 > 20000) {
            late++;
        }
    }
    printf_("race: %u of %u timer interrupts lost, %u late\n", lost, rounds, late);
}

static void hold_masked(u32 ms)
{
    u32 before = ticks[0];
    irq_disable();
    timer_arm_ms(1);
    u64 t0 = now_us();
    while (now_us() - t0 < ms * 1000ul) { }
    irq_enable();
    WFI_UNTIL(ticks[0] != before);
    printf_("hold: the timer interrupt came after %u ms masked\n", ms);
}

void guest_irq(u32 intid)
{
    u32 v = vcpu_id();
    if (intid == TIMER_IRQ && ++ticks[v] < want) timer_arm_ms(10);
}

void guest_main(u64 arg, u32 vcpu)
{
    u32 count = 1;
    if (vcpu == 0) {
        arg_keys = "ticks fault exit bench reset virtio grab scan scanend vcons off race hold tail";
        guest_init(arg);
        if (cfg.has[7] && cfg.has[8]) {
            u64 nonzero = 0, first = 0;
            for (const volatile u64 *p = (const u64 *)cfg.arg[7]; p < (const u64 *)cfg.arg[8]; p++) {
                u64 w = *p;
                if (w && !nonzero++) first = w;
            }
            printf_("scan: %lu nonzero words of %lu in [0x%lx, 0x%lx), first 0x%lx\n", nonzero,
                    (cfg.arg[8] - cfg.arg[7]) / 8, cfg.arg[7], cfg.arg[8], first);
        }
        want = cfg.has[0] ? (u32)cfg.arg[0] : 3;
    }
#ifdef __aarch64__
    printf_("vcpu %u: hello (mpidr 0x%lx, el%u)\n", vcpu, read_sysreg(mpidr_el1), (u32)(read_sysreg(currentel) >> 2));
#else
    printf_("vcpu %u: hello (hart %u, s-mode)\n", vcpu, vcpu_id());
#endif
    if (vcpu == 0) {
        while (count < MAX_VCPUS && cpu_on(count, 0) == 0) count++;
#ifdef __aarch64__
        if (cfg.has[6]) grab_spis(count - 1);           /* a GIC's distributor: aarch64 only */
#endif
    }
    gic_cpu_init();
    irq_enable();
    timer_arm_ms(10);
    WFI_UNTIL(ticks[vcpu] >= want);
    printf_("vcpu %u: %u timer ticks\n", vcpu, want);
    if (cfg.has[9]) vcons_line(vcpu, cfg.arg[9]);
    if (cfg.has[13] && vcpu != 0) printf_("vcpu %u: a line without its end", vcpu);
    done[vcpu] = 1;
    cpu_event();
    if (vcpu != 0 && cfg.has[13]) WFI_UNTIL(0);
    if (vcpu != 0) cpu_off();
    for (u32 v = 1; v < count; v++) while (!done[v]) cpu_wait();
    printf_("all %u vcpus done\n", count);
    if (cfg.has[3]) {
        u64 n = cfg.arg[3], t0 = now_us();
        for (u64 i = 0; i < n; i++) (void)bench_read();
        u64 us = now_us() - t0;
        printf_("bench: %lu trapped MMIO reads in %lu us = %lu traps/s\n", n, us, us ? n * 1000000ul / us : 0);
    }
    if (cfg.has[11]) race_rounds((u32)cfg.arg[11]);
    if (cfg.has[12]) hold_masked((u32)cfg.arg[12]);
    if (cfg.has[4]) {
        /* RAM outside the loaded image survives a restart: count boots there. */
        volatile u32 *boots = (volatile u32 *)cfg.arg[4];
        if (boots[0] != 0x424f4f54u) { boots[0] = 0x424f4f54u; boots[1] = 0; }
        boots[1]++;
        printf_("boot %u\n", boots[1]);
        if (boots[1] == 1) {
            printf_("asking for SYSTEM_RESET\n");
            system_reset();
            printf_("ERROR: SYSTEM_RESET returned\n");
        }
    }
    if (cfg.has[5]) {
        u64 v = cfg.arg[5];
        printf_("virtio at 0x%lx: magic 0x%x version %u device %u\n", v, r32(v), r32(v + 4), r32(v + 8));
    }
    if (cfg.has[1]) {
        printf_("writing to IPA 0x%lx\n", cfg.arg[1]);
        w32(cfg.arg[1], 0xdead);
        printf_("ERROR: the write did not fault\n");
    }
    if (cfg.has[2]) vm_exit((int)cfg.arg[2]);
    if (cfg.has[10]) {
        printf_("vcpu 0: CPU_OFF, the last vcpu on\n");
        cpu_off();
    }
    system_off();
}

/* doorbell: two of these ring each other through the hypervisor's doorbells (issue 13, aarch64). bootargs (hex):
 *   role=1|2|3  1 pings (and measures, and attacks, and storms), 2 answers; 3 rings a Linux VM every 20 ms until it
 *             has raised its doorbell n times (default 1000), or the receiver masks it again (it stopped); rings before
 *             Linux enabled the interrupt are retried
 *   shm=IPA   the shared region both map (struct db_shm)
 *   ring=N    the doorbell this VM may ring (its index in the plan); irq=N the SPI its own doorbell arrives on
 *   other=N   role 1: the doorbell of the other VM (ringing it must be refused)
 *   n=N       round trips to time (default 1000); storm=N rings of the storm (default 100000)
 * Role 1 prints the median round trip through doorbells, then through a polled shared-memory flag; rings what it was
 * not given (DOORBELL REFUSED OK when each is refused); then rings role 2 in a tight loop while role 2 counts its
 * interrupts and the longest stall of its own loop (STORM CONTAINED when every raised ring is exactly one interrupt of
 * the receiver and the rest were coalesced). Both power off at the end. */
#include "guest.h"

#define HVC_DOORBELL_RING 0xc6000020u
#define DOORBELL_RAISED 0
#define DOORBELL_COALESCED 1
#define DOORBELL_MASKED 2
#define MAX_TRIPS 4096

struct db_shm {
    volatile u32 b_ready;       /* role 2 has its doorbell SPI enabled */
    volatile u32 phase;         /* 1 doorbell ping-pong, 2 flag ping-pong, 3 refused rings, 4 storm, 5 done */
    volatile u32 flag_ping, flag_pong;
    volatile u32 b_storm_ready, storm_done, b_done;
    volatile u32 b_storm_irqs, a_raised;
    volatile u64 b_stall_ticks, b_loops;
};

static volatile u32 got;        /* doorbell interrupts taken */
static u32 irq;
static u64 trip[MAX_TRIPS];

void guest_irq(u32 intid)
{
    if (intid == irq) got++;
}

static long ring(u64 index) { return (long)hvc(HVC_DOORBELL_RING, index, 0, 0); }

static u64 ticks(void) { __asm__ volatile("isb" ::: "memory"); return read_sysreg(cntvct_el0); }

static u64 median(u32 n)
{
    for (u32 i = 1; i < n; i++) {
        u64 v = trip[i];
        u32 j = i;
        for (; j > 0 && trip[j - 1] > v; j--) trip[j] = trip[j - 1];
        trip[j] = v;
    }
    return n ? trip[n / 2] : 0;
}

/* "<ticks> ticks = <us>.<3 digits> us" at the counter's frequency. */
static void print_median(const char *what, u32 n)
{
    u64 m = median(n), f = read_sysreg(cntfrq_el0), ns = m * 1000000000ul / f;
    printf_("%s: median of %u round trips %lu ticks = %lu.%03lu us (counter %lu Hz)\n", what, n, m, ns / 1000, ns % 1000, f);
}

static void answer(struct db_shm *sh, u64 my_ring)
{
    u32 seen = 0;
    sh->b_ready = 1;
    while (sh->phase <= 1) {
        if (got != seen) {                  /* rung: ring back (our EOI of it is done: the handler returned) */
            seen = got;
            ring(my_ring);
        }
    }
    while (sh->phase == 2) {
        u32 p = sh->flag_ping;
        if (p != sh->flag_pong) sh->flag_pong = p;
    }
    while (sh->phase < 4) { }
    u32 base = got;
    u64 prev = ticks(), stall = 0, loops = 0;
    sh->b_storm_ready = 1;
    while (!sh->storm_done) {               /* our own work: how long can a storm keep us from it? */
        u64 t = ticks();
        if (t - prev > stall) stall = t - prev;
        prev = t;
        loops++;
    }
    /* Every raised ring is one interrupt: wait (at most 5 s) until as many have come as role 1 raised, then a little
     * longer, in case more come than were raised (that would be a fault of the runtime's coalescing). */
    u64 t0 = ticks(), f = read_sysreg(cntfrq_el0);
    while (got - base < sh->a_raised && ticks() - t0 < 5 * f) { }
    delay_ms(20);
    sh->b_stall_ticks = stall;
    sh->b_loops = loops;
    sh->b_storm_irqs = got - base;
    sh->b_done = 1;
    printf_("answered: %u doorbells taken in the storm, longest stall %lu us\n", got - base,
            stall * 1000000ul / read_sysreg(cntfrq_el0));
}

static void ping(struct db_shm *sh, u64 my_ring, u64 other, u32 n, u32 storm)
{
    while (!sh->b_ready) { }
    sh->phase = 1;
    u32 errors = 0;
    for (u32 i = 0; i < n; i++) {
        u32 last = got;
        u64 t0 = ticks();
        if (ring(my_ring) != DOORBELL_RAISED) errors++;
        while (got == last) { }
        trip[i] = ticks() - t0;
    }
    if (errors) printf_("doorbell ping: %u rings not raised\n", errors);
    print_median("doorbell ping-pong", n);

    sh->phase = 2;
    for (u32 i = 0; i < n; i++) {
        u64 t0 = ticks();
        sh->flag_ping = i + 1;
        while (sh->flag_pong != i + 1) { }
        trip[i] = ticks() - t0;
    }
    print_median("shared-memory flag ping-pong", n);

    sh->phase = 3;
    long foreign = ring(other), none = ring(0x1234), wide = ring((1ul << 32) | my_ring);
    long unknown = (long)hvc(0xc600002fu, my_ring, 0, 0);
    printf_("ring the other VM's doorbell %lu: %ld; doorbell 0x1234: %ld; 2^32 + own: %ld; function 0xc600002f: %ld\n",
            other, foreign, none, wide, unknown);
    if (foreign == -3 && none == -3 && wide == -3 && unknown == -1) printf_("DOORBELL REFUSED OK\n");
    else printf_("DOORBELL REFUSED FAILED\n");

    sh->phase = 4;
    while (!sh->b_storm_ready) { }
    u32 raised = 0, coalesced = 0, masked = 0, other_rc = 0;
    for (u32 i = 0; i < storm; i++) {
        long r = ring(my_ring);
        if (r == DOORBELL_RAISED) raised++;
        else if (r == DOORBELL_COALESCED) coalesced++;
        else if (r == DOORBELL_MASKED) masked++;
        else other_rc++;
    }
    sh->a_raised = raised;
    __asm__ volatile("dmb ish" ::: "memory");
    sh->storm_done = 1;
    while (!sh->b_done) { }
    u64 f = read_sysreg(cntfrq_el0);
    /* Two lines: the hypervisor's console cuts a VM's line at 128 characters. */
    printf_("storm: %u rings: %u raised, %u coalesced, %u masked, %u failed; the receiver took %u interrupts\n", storm,
            raised, coalesced, masked, other_rc, sh->b_storm_irqs);
    printf_("storm: the receiver's longest stall %lu us over %lu loops of its own\n", sh->b_stall_ticks * 1000000ul / f,
            sh->b_loops);
    if (raised == sh->b_storm_irqs && coalesced > 0 && raised + coalesced == storm) printf_("STORM CONTAINED\n");
    else printf_("STORM NOT CONTAINED\n");
    sh->phase = 5;
}

void guest_main(u64 arg, u32 vcpu)
{
    if (vcpu != 0) cpu_off();
    arg_keys = "role shm ring irq other n storm";
    guest_init(arg);
    for (u32 i = 0; i < 4; i++) {
        if (!cfg.has[i]) { printf_("bootargs lack key %u of \"%s\"\n", i, arg_keys); vm_exit(1); }
    }
    struct db_shm *sh = (struct db_shm *)cfg.arg[1];
    irq = (u32)cfg.arg[3];
    u32 n = cfg.has[5] ? (u32)cfg.arg[5] : 1000;
    if (n > MAX_TRIPS) n = MAX_TRIPS;
    u32 storm = cfg.has[6] ? (u32)cfg.arg[6] : 100000;
    gic_cpu_init();
    route_spi(irq, 0);
    enable_spi(irq, 0x80);
    irq_enable();
    if (cfg.arg[0] == 3) {
        u32 want = cfg.has[5] ? n : 1000, raised = 0, masked = 0, coalesced = 0;
        u64 t0 = now_us();
        while (raised < want && now_us() - t0 < 300000000ul) {
            long r = ring(cfg.arg[2]);
            if (r == DOORBELL_RAISED) raised++;
            else if (r == DOORBELL_MASKED && raised) break;     /* Linux has stopped (or freed the interrupt) */
            else if (r == DOORBELL_MASKED) masked++;
            else if (r == DOORBELL_COALESCED) coalesced++;
            else { printf_("ring refused: %ld\n", r); break; }
            delay_ms(20);
        }
        printf_("rang Linux: %u raised, %u coalesced, %u while masked\n", raised, coalesced, masked);
        system_off();
    }
    if (cfg.arg[0] == 1) ping(sh, cfg.arg[2], cfg.arg[4], n, storm);
    else answer(sh, cfg.arg[2]);
    system_off();
}

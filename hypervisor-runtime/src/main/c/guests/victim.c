/* victim: prints a heartbeat from its virtual timer, owns a device that raises one interrupt about 2 s after boot (its
 * passthrough interrupt must reach it and only it), talks to the attacker over a shared channel, and raises ALERT on
 * anything unexpected.
 * bootargs: shm=<ipa of the channel> ro=<ipa of a page shared read-only with the attacker> and its device: rtc=<ipa of
 * a PL031> (an alarm) or sdhost=<ipa of a BCM2835 SD host> (a command completing with its busy interrupt), irq=<its
 * INTID> (default 34) (hex). Ends with VM exit status = escapes + alerts. */
#include "channel.h"

static u32 dev_irq = 34;
static u32 beats, alerts, rtc_irqs;
static u64 last_beat_us, worst_gap_us, window_gap_us;

/* GICD_ICFGR register and edge bit of its device's interrupt. */
static u64 icfgr(void) { return cfg.gicd + 0xc00 + 4 * (dev_irq / 16); }
static u32 edge_bit(void) { return 2u << (2 * (dev_irq % 16)); }

#define SD_CMD 0x00
#define SD_HSTS 0x20
#define SD_HCFG 0x38
#define SD_BUSY_IRPT 0x400u

static void alert(const char *what, u32 n)
{
    printf_("ALERT %s %u\n", what, n);
    alerts++;
}

void guest_irq(u32 intid)
{
    if (intid == 27) {
        struct channel *ch = (struct channel *)cfg.arg[0];
        u64 now = now_us(), gap = last_beat_us ? now - last_beat_us : 0;
        if (gap > worst_gap_us) worst_gap_us = gap;
        /* The attacker watches its attacks through this: the longest gap since it opened the window. */
        if (ch->watch != ch->watch_seen) { ch->watch_seen = ch->watch; window_gap_us = 0; }
        else if (gap > window_gap_us) window_gap_us = gap;
        ch->victim_gap_ms = (u32)(window_gap_us / 1000);
        last_beat_us = now;
        beats++;
        ch->victim_beats = beats;
        timer_arm_ms(50);
        return;
    }
    if (intid == dev_irq && cfg.has[1]) {
        u64 rtc = cfg.arg[1];
        if (!(r32(rtc + 0x14) & 1)) alert("spurious RTC interrupt (not raised by the RTC)", intid);  /* RTCRIS */
        w32(rtc + 0x1c, 1);                 /* RTCICR */
        w32(rtc + 0x10, 0);                 /* RTCIMSC: once is enough */
        rtc_irqs++;
        ((struct channel *)cfg.arg[0])->victim_rtc_irqs = rtc_irqs;
        return;
    }
    if (intid == dev_irq && cfg.has[3]) {
        u64 sd = cfg.arg[3];
        if (!(r32(sd + SD_HSTS) & SD_BUSY_IRPT)) alert("spurious SD host interrupt (not raised by the SD host)", intid);
        w32(sd + SD_HSTS, SD_BUSY_IRPT);    /* write 1 to clear */
        w32(sd + SD_HCFG, 0);               /* once is enough */
        rtc_irqs++;
        ((struct channel *)cfg.arg[0])->victim_rtc_irqs = rtc_irqs;
        return;
    }
    alert("unexpected interrupt", intid);
}

/* The attacker races the victim's GICD_ICFGR register (attack gicd-icfgr-shared-register): for 300 ms the victim turns
 * its device's interrupt to level and back to edge (disabled meanwhile, as the GIC asks), and finds each time whether
 * its last change is still there. Nobody else may change it: a change of its that did not stay is counted. */
static void icfgr_rounds(struct channel *ch, u32 req)
{
    u64 en = 4 * (dev_irq / 32);
    u32 bit = 1u << (dev_irq % 32), rounds = 0, lost = 0, want = edge_bit();
    w32(cfg.gicd + 0x180 + en, bit);        /* ICENABLER */
    u64 t0 = now_us();
    while (now_us() - t0 < 300000) {
        u32 cur = r32(icfgr());
        if ((cur & edge_bit()) != want) lost++;
        want ^= edge_bit();
        w32(icfgr(), (cur & ~edge_bit()) | want);
        rounds++;
    }
    if (want != edge_bit()) w32(icfgr(), r32(icfgr()) | edge_bit());
    w32(cfg.gicd + 0x100 + en, bit);        /* ISENABLER */
    ch->icfgr_rounds = rounds;
    ch->icfgr_lost = lost;
    ch->icfgr_done = req;
}

static void copy_str(volatile char *d, const char *s) { u32 i = 0; for (; s[i] && i < 63; i++) d[i] = s[i]; d[i] = 0; }

void guest_main(u64 arg, u32 vcpu)
{
    (void)vcpu;
    arg_keys = "shm rtc ro sdhost irq";
    guest_init(arg);
    if (cfg.has[4]) dev_irq = (u32)cfg.arg[4];
    int dev = cfg.has[1] || cfg.has[3];
    if (cfg.has[2]) *(volatile u32 *)cfg.arg[2] = RO_MAGIC;
    struct channel *ch = (struct channel *)cfg.arg[0];
    if (!cfg.has[0]) { printf_("no shm= in bootargs\n"); vm_exit(1); }
    ch->attacker_done = 0;
    ch->escapes = 0;
    ch->victim_rtc_irqs = 0;
    ch->victim_beats = 0;
    ch->watch = ch->watch_seen = 0;
    ch->victim_gap_ms = 0;
    ch->attacker_boots = 0;
    ch->icfgr_req = ch->icfgr_done = ch->icfgr_rounds = ch->icfgr_lost = 0;
    copy_str(ch->to_attacker, "hello attacker, victim here");
    ch->magic = CHANNEL_MAGIC;
    printf_("listening on the shared channel at IPA 0x%lx\n", (u64)ch);

    gic_cpu_init();
    if (dev) {
        route_spi(dev_irq, 0);
        /* Edge-triggered: foreign state an attacker must not be able to read or change (its GICD_ICFGR bit). */
        w32(icfgr(), r32(icfgr()) | edge_bit());
        enable_spi(dev_irq, 0x80);
    }
    if (cfg.has[1]) {
        u64 rtc = cfg.arg[1];
        w32(rtc + 0x4, r32(rtc) + 2);       /* RTCMR: match in ~2 s */
        w32(rtc + 0x10, 1);                 /* RTCIMSC */
    }
    if (cfg.has[3]) w32(cfg.arg[3] + SD_HCFG, 1u << 10);    /* SDHCFG.BUSY_IRPT_EN; the command comes in ~2 s */
    irq_enable();
    timer_arm_ms(50);

    u32 printed = 0, got_msg = 0, done_at = 0, sd_sent = 0;
    u64 start = now_us();
    for (;;) {
        wfi();
        if (cfg.has[3] && !sd_sent && now_us() - start > 2000000ul) {
            /* CMD0 without response, as a busy-wait command: the SD host raises its busy interrupt when it is done. */
            w32(cfg.arg[3] + SD_CMD, 0x8000u | 0x800u | 0x400u);    /* NEW_FLAG | BUSYWAIT | NO_RESPONSE */
            sd_sent = 1;
        }
        if (beats >= printed + 10) {
            printed = beats;
            printf_("heartbeat %u\n", beats);
        }
        if (!got_msg && ch->to_victim[0]) {
            got_msg = 1;
            char msg[64];
            for (u32 i = 0; i < 64; i++) msg[i] = ch->to_victim[i];
            msg[63] = 0;
            printf_("message from the attacker: %s\n", msg);
        }
        if (dev && ch->icfgr_req != ch->icfgr_done) icfgr_rounds(ch, ch->icfgr_req);
        if (!done_at && ch->attacker_done) {
            done_at = beats;
            printf_("attacker finished with %u escapes; watching for 20 more beats\n", ch->escapes);
        }
        /* Done once the attacker is gone for 20 beats and its device's interrupt has come (within about 2 s). */
        if (done_at && beats >= done_at + 20 && (rtc_irqs || !dev)) break;
        if (now_us() - start > 100000000ul) { alert("attacker never finished, seconds", 100); break; }
    }
    if (dev && rtc_irqs == 0) alert("its device's interrupt never arrived", dev_irq);
    if (dev && !(r32(icfgr()) & edge_bit())) alert("its device's interrupt is no longer edge-triggered", dev_irq);
    if (!got_msg) alert("no message on the shared channel", 0);
    if (worst_gap_us > 2000000ul) alert("heartbeat stalled, ms", (u32)(worst_gap_us / 1000));
    printf_("heartbeat continued: %u beats, worst gap %u ms, %u %s interrupt(s), %u alert(s)\n",
            beats, (u32)(worst_gap_us / 1000), rtc_irqs, cfg.has[3] ? "SD host" : "RTC", alerts);
    printf_("%s system-off (victim alive after the attacker's SYSTEM_OFF)\n", alerts ? "ESCAPED" : "CONTAINED");
    vm_exit((int)(ch->escapes + alerts));
}

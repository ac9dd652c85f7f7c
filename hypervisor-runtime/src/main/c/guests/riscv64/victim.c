/* victim (riscv64): a heartbeat from its SBI timer, owns the goldfish RTC (its PLIC source must reach it and only it),
 * talks to the attacker over the shared channel, publishes its heartbeat, and raises ALERT on anything unexpected: a
 * software interrupt (no vCPU of its own sends one), a foreign source, a stalled heartbeat.
 * bootargs (hex): shm= channel GPA, rtc= the goldfish RTC's GPA, ro= a page shared read-only with the attacker.
 * Ends with VM exit status = the attacker's escapes + its alerts. */
#include "channel.h"

#define RTC_SRC 11
static u32 beats, alerts, rtc_irqs;
static u64 alarm_at;
static u64 last_beat_us, worst_gap_us, window_gap_us;

static void alert(const char *what, u32 n)
{
    printf_("ALERT %s %u\n", what, n);
    alerts++;
}

void guest_irq(u32 irq)
{
    struct channel *ch = (struct channel *)cfg.arg[0];
    if (irq == TIMER_IRQ) {
        u64 now = now_us(), gap = last_beat_us ? now - last_beat_us : 0;
        if (gap > worst_gap_us) worst_gap_us = gap;
        if (ch->watch != ch->watch_seen) { ch->watch_seen = ch->watch; window_gap_us = 0; }
        else if (gap > window_gap_us) window_gap_us = gap;
        ch->victim_gap_ms = (u32)(window_gap_us / 1000);
        last_beat_us = now;
        ch->victim_beats = ++beats;
        timer_arm_ms(50);
        return;
    }
    if (irq == RTC_SRC && cfg.has[1]) {
        u64 rtc = cfg.arg[1];
        u64 now = r32(rtc) | ((u64)r32(rtc + 4) << 32);  /* TIME_LOW latches TIME_HIGH */
        if (now < alarm_at) alert("spurious RTC interrupt (before its alarm)", irq);
        w32(rtc + 0x1c, 1);                 /* CLEAR_INTERRUPT */
        w32(rtc + 0x10, 0);                 /* IRQ_ENABLED: once is enough */
        ch->victim_rtc_irqs = ++rtc_irqs;
        return;
    }
    alert(irq == 0 ? "unexpected software interrupt" : "unexpected interrupt", irq);
}

static void copy_str(volatile char *d, const char *s) { u32 i = 0; for (; s[i] && i < 63; i++) d[i] = s[i]; d[i] = 0; }

void guest_main(u64 arg, u32 vcpu)
{
    (void)vcpu;
    arg_keys = "shm rtc ro";
    guest_init(arg);
    if (!cfg.has[0]) { printf_("no shm= in bootargs\n"); vm_exit(1); }
    if (cfg.has[2]) *(volatile u32 *)cfg.arg[2] = RO_MAGIC;
    struct channel *ch = (struct channel *)cfg.arg[0];
    ch->attacker_done = 0;
    ch->escapes = 0;
    ch->victim_rtc_irqs = 0;
    ch->victim_beats = 0;
    ch->watch = ch->watch_seen = 0;
    ch->victim_gap_ms = 0;
    ch->attacker_boots = 0;
    copy_str(ch->to_attacker, "hello attacker, victim here");
    ch->magic = CHANNEL_MAGIC;
    printf_("listening on the shared channel at GPA 0x%lx\n", (u64)ch);

    gic_cpu_init();
    if (cfg.has[1]) {
        u64 rtc = cfg.arg[1];
        enable_spi(RTC_SRC, 0x80);
        u64 now = r32(rtc) | ((u64)r32(rtc + 4) << 32);   /* TIME_LOW latches TIME_HIGH */
        u64 at = alarm_at = now + 2000000000ul;           /* an alarm in 2 s */
        w32(rtc + 0x0c, (u32)(at >> 32));                 /* ALARM_HIGH, then ALARM_LOW arms it */
        w32(rtc + 0x08, (u32)at);
        w32(rtc + 0x10, 1);                               /* IRQ_ENABLED */
    }
    irq_enable();
    timer_arm_ms(50);

    u32 printed = 0, got_msg = 0, done_at = 0;
    u64 start = now_us();
    for (;;) {
        wfi();
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
        if (!done_at && ch->attacker_done) {
            done_at = beats;
            printf_("attacker finished with %u escapes; watching for 20 more beats\n", ch->escapes);
        }
        if (done_at && beats >= done_at + 20 && (rtc_irqs || !cfg.has[1])) break;
        if (now_us() - start > 100000000ul) { alert("attacker never finished, seconds", 100); break; }
    }
    if (cfg.has[1] && rtc_irqs == 0) alert("RTC interrupt never arrived", RTC_SRC);
    if (!got_msg) alert("no message on the shared channel", 0);
    if (worst_gap_us > 2000000ul) alert("heartbeat stalled, ms", (u32)(worst_gap_us / 1000));
    printf_("heartbeat continued: %u beats, worst gap %u ms, %u RTC interrupt(s), %u alert(s)\n",
            beats, (u32)(worst_gap_us / 1000), rtc_irqs, alerts);
    printf_("%s system-off (victim alive after the attacker's SBI shutdown)\n", alerts ? "ESCAPED" : "CONTAINED");
    vm_exit((int)(ch->escapes + alerts));
}

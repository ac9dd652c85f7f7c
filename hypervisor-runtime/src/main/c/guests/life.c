/* life: the VM lifecycle test guest (aarch64, vCPU 0 only). Prints a banner with its boot number, then a beat every
 * `period` ms with the time, and powers off after `beats` beats. On its first `failing` boots (counted in RAM outside
 * its image, which a restart does not reload) it misbehaves at beat `at`: `fault=<ipa>` writes there (a stage-2 fault),
 * `stall=1` stops kicking its watchdog (`kick=1` kicks it every beat). `start=<vm id>` asks the hypervisor, at beat
 * `sat` (0: before the first beat), to start that waiting VM, twice, and prints both answers. bootargs: key=hex words
 * (docs/runtime.md, "VM lifecycle"). Times are the virtual counter in microseconds, which the hypervisor does not
 * offset: the physical counter since the machine's reset, comparable across VMs and restarts. Between beats it sleeps
 * (virtual timer, WFI) rather than polling the counter: see sleep_ms. */
#include "guest.h"

#define HVC_VM_START  0xc6000010u
#define HVC_WDOG_KICK 0xc6000011u

enum { K_BEATS, K_PERIOD, K_BOOTS, K_FAULT, K_AT, K_KICK, K_STALL, K_START, K_SAT, K_FAILING };

static u64 arg(u32 k, u64 otherwise) { return cfg.has[k] ? cfg.arg[k] : otherwise; }

static void start_waiting(void)
{
    long first = (long)hvc(HVC_VM_START, cfg.arg[K_START], 0, 0);
    long again = (long)hvc(HVC_VM_START, cfg.arg[K_START], 0, 0);
    printf_("start vm %lu: %ld, again: %ld\n", cfg.arg[K_START], first, again);
}

void guest_irq(u32 intid) { (void)intid; }      /* the timer's: vec_irq has masked it, sleep_ms checks the time */

/* Waits ms with the core in WFI until the virtual timer fires. Not delay_ms: under QEMU's TCG (7.2) every read of
 * CNTVCT_EL0 takes QEMU's global lock, so three VMs polling it fight over that lock; on a loaded host the thread
 * holding it is descheduled and the others block behind it, and one VM's core could stand still for 200-600 ms
 * while another's ran on (`watched` then missed its 200 ms watchdog before its planned stall). A halted core takes
 * no lock and no host CPU until its interrupt. */
static void sleep_ms(u32 ms)
{
    /* in counter ticks, read before arming: the timer cannot fire before `end`, so the last WFI always ends */
    u64 end = read_sysreg(cntvct_el0) + read_sysreg(cntfrq_el0) / 1000 * ms;
    timer_arm_ms(ms);
    WFI_UNTIL(read_sysreg(cntvct_el0) >= end);     /* another interrupt ends a WFI early: the timer is still armed */
}

void guest_main(u64 dtb, u32 vcpu)
{
    if (vcpu != 0) cpu_off();
    arg_keys = "beats period boots fault at kick stall start sat failing";
    guest_init(dtb);
    gic_cpu_init();                 /* the virtual timer's PPI, for sleep_ms */
    irq_enable();
    u32 boot = 1;
    if (cfg.has[K_BOOTS]) {
        volatile u32 *boots = (volatile u32 *)cfg.arg[K_BOOTS];
        if (boots[0] != 0x4c494645u) { boots[0] = 0x4c494645u; boots[1] = 0; }   /* "LIFE" */
        boot = ++boots[1];
    }
    printf_("life: boot %u at %lu us\n", boot, now_us());
    int failing = boot <= arg(K_FAILING, 1);
    u32 beats = (u32)arg(K_BEATS, 20), period = (u32)arg(K_PERIOD, 50), at = (u32)arg(K_AT, 5);
    int kicking = cfg.has[K_KICK];
    if (cfg.has[K_START] && arg(K_SAT, 1) == 0) start_waiting();      /* at once: while that VM may still be loading */
    if (kicking) printf_("kick: %ld\n", (long)hvc(HVC_WDOG_KICK, 0, 0, 0));
    for (u32 n = 1; n <= beats; n++) {
        sleep_ms(period);
        if (kicking) (void)hvc(HVC_WDOG_KICK, 0, 0, 0);
        printf_("beat %u at %lu us\n", n, now_us());
        if (cfg.has[K_START] && n == arg(K_SAT, 1)) start_waiting();
        if (failing && n == at && cfg.has[K_FAULT]) {
            printf_("faulting at %lu us: writing to IPA 0x%lx\n", now_us(), cfg.arg[K_FAULT]);
            w32(cfg.arg[K_FAULT], 0xdead);
            printf_("ERROR: the write did not fault\n");
        }
        if (failing && n == at && cfg.has[K_STALL] && kicking) {
            printf_("stalling at %lu us: no more kicks\n", now_us());
            kicking = 0;
        }
    }
    printf_("life: %u beats done on boot %u\n", beats, boot);
    system_off();
}

/* The trap table printed at power-off when the blob asks (`shyperc build|run --trap-stats`): per VM, the sums of its
 * cores' exit counters by cause. The causes are each architecture's (enum trap_cause and trap_cause_names in its
 * rt.h and trap.c); a core runs one vCPU, so its counters need no atomics, and at power-off none counts any more. */
#include "rt.h"

static void put_padded(const char *s, u32 width)
{
    u32 n = 0;
    while (s[n]) n++;
    console_puts_locked(s);
    while (n++ < width) console_putc_locked(' ');
}

/* One column per VM, rows with a count only. */
void trap_stats_print(void)
{
    if (!blob || !(blob->flags & SHY_BLOB_FLAG_TRAP_STATS)) return;
    static u64 sum[SHY_MAX_VMS][TRAP_CAUSES];
    u64 total[SHY_MAX_VMS] = {0};
    for (u32 v = 0; v < blob->vm_count; v++)
        for (u32 t = 0; t < TRAP_CAUSES; t++) sum[v][t] = 0;
    for (u32 i = 0; i < blob->cpu_count; i++) {
        u32 v = pcpus[i].vm;
        if (v >= blob->vm_count) continue;
        for (u32 t = 0; t < TRAP_CAUSES; t++) { sum[v][t] += pcpus[i].traps[t]; total[v] += pcpus[i].traps[t]; }
    }
    console_lock();
    console_puts_locked("shyper: trap statistics: exits from guests to " TRAP_TARGET " by cause\n");
    console_puts_locked("shyper: traps: ");
    put_padded("cause", 34);
    for (u32 v = 0; v < blob->vm_count; v++) {
        u32 n = 0;
        while (vms[v].cfg->name[n]) n++;
        for (console_putc_locked(' '); n < 12; n++) console_putc_locked(' ');
        console_puts_locked(vms[v].cfg->name);
    }
    console_putc_locked('\n');
    for (u32 t = 0; t < TRAP_CAUSES; t++) {
        u64 any = 0;
        for (u32 v = 0; v < blob->vm_count; v++) any |= sum[v][t];
        if (!any) continue;
        console_puts_locked("shyper: traps: ");
        put_padded(trap_cause_names[t], 34);
        for (u32 v = 0; v < blob->vm_count; v++) kprintf_locked(" %12lu", sum[v][t]);
        console_putc_locked('\n');
    }
    console_puts_locked("shyper: traps: ");
    put_padded("total", 34);
    for (u32 v = 0; v < blob->vm_count; v++) kprintf_locked(" %12lu", total[v]);
    console_putc_locked('\n');
    console_unlock();
}

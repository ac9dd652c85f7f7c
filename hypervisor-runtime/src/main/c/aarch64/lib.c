/* aarch64 helpers: spinlocks, cache maintenance, firmware calls and power-off (memory and CRC-32: common/string.c). */
#include "rt.h"

/* Ticket locks: each waiter takes the next ticket and waits for its turn, so a core that takes and releases a lock
 * in a loop (a guest printing as fast as it can) cannot keep another core from it for more than one turn per waiter
 * ahead of it. The waiter sleeps in WFE; the owner's release clears its exclusive monitor and wakes it. */
void spin_lock(spinlock_t *l)
{
    u32 ticket = __atomic_fetch_add(&l->v, 1u << 16, __ATOMIC_ACQUIRE) >> 16, owner;
    __asm__ volatile(
        "   sevl\n"
        "1: wfe\n"
        "   ldaxrh  %w0, [%1]\n"
        "   cmp     %w0, %w2\n"
        "   b.ne    1b\n"
        : "=&r"(owner) : "r"(&l->v), "r"(ticket) : "memory", "cc");
}

void spin_unlock(spinlock_t *l)
{
    u16 next_owner = (u16)(l->v + 1);
    __asm__ volatile("stlrh %w0, [%1]" : : "r"(next_owner), "r"(&l->v) : "memory");
}

/* Guests start with their MMU off, so what we copy must reach the point of coherency. */
void dcache_clean_range(u64 a, u64 n)
{
    u64 ctr = read_sysreg(ctr_el0);
    u64 line = 4ul << ((ctr >> 16) & 0xf);
    for (u64 p = a & ~(line - 1); p < a + n; p += line) __asm__ volatile("dc cvac, %0" : : "r"(p) : "memory");
    dsb(sy);
}

/* Clean and invalidate to the point of coherency: used before turning a loader's caches off. */
void dcache_clean_inval_range(u64 a, u64 n)
{
    u64 ctr = read_sysreg(ctr_el0);
    u64 line = 4ul << ((ctr >> 16) & 0xf);
    for (u64 p = a & ~(line - 1); p < a + n; p += line) __asm__ volatile("dc civac, %0" : : "r"(p) : "memory");
    dsb(sy);
}

/* Clean and invalidate every data/unified cache level by set/way: what boot code does when it inherits
 * caches from a loader whose dirty lines could be anywhere (later evictions would overwrite our tables). */
void dcache_clean_inval_all(void)
{
    u64 clidr = read_sysreg(clidr_el1);
    u32 loc = (clidr >> 24) & 7;
    for (u32 level = 0; level < loc; level++) {
        u32 type = (clidr >> (3 * level)) & 7;
        if (type < 2) continue;                      /* no data cache at this level */
        write_sysreg(csselr_el1, level << 1);
        isb();
        u64 ccsidr = read_sysreg(ccsidr_el1);
        u32 line_shift = (ccsidr & 7) + 4;
        u32 ways = ((ccsidr >> 3) & 0x3ff) + 1, sets = ((ccsidr >> 13) & 0x7fff) + 1;
        u32 way_shift = ways > 1 ? __builtin_clz(ways - 1) : 0;
        for (u32 set = 0; set < sets; set++) {
            for (u32 way = 0; way < ways; way++) {
                u64 sw = ((u64)way << way_shift) | ((u64)set << line_shift) | (level << 1);
                __asm__ volatile("dc cisw, %0" : : "r"(sw) : "memory");
            }
        }
    }
    dsb(sy);
    isb();
}

/* Firmware calls (SMC conduit); psci.c has the PSCI emulation guests see. */
u64 smc_call(u64 fid, u64 a1, u64 a2, u64 a3)
{
    register u64 x0 __asm__("x0") = fid;
    register u64 x1 __asm__("x1") = a1;
    register u64 x2 __asm__("x2") = a2;
    register u64 x3 __asm__("x3") = a3;
    __asm__ volatile("smc #0" : "+r"(x0), "+r"(x1), "+r"(x2), "+r"(x3) : :
                     "x4", "x5", "x6", "x7", "x8", "x9", "x10", "x11", "x12", "x13", "x14", "x15", "x16", "x17", "memory");
    return x0;
}

/* A board whose cores start from a spin table has no PSCI firmware to call (on the Raspberry Pi's and QEMU's raspi
 * stubs an SMC never returns): then power-off ends in a wfi loop. Until the blob is checked, PSCI is assumed. */
static int firmware_psci(void)
{
    if (!blob) return 1;
    for (u32 i = 0; i < blob->cpu_count; i++) {
        if (blob_cpu(i)->start == SHY_CPU_START_PSCI) return 1;
    }
    return 0;
}

/* Semihosting SYS_EXIT gives QEMU tests a real exit status; without -semihosting the hlt is
 * undefined, trap_el2_sync skips it and we fall back to PSCI SYSTEM_OFF. */
void machine_off(int status)
{
    volatile u64 block[2] = {0x20026, (u64)status};
    register u64 x0 __asm__("x0") = 0x18;
    register u64 x1 __asm__("x1") = (u64)block;
    __asm__ volatile("hlt #0xf000" : "+r"(x0) : "r"(x1) : "memory");
    if (firmware_psci()) smc_call(0x84000008u /* PSCI SYSTEM_OFF */, 0, 0, 0);
    else kprintf("shyper: no PSCI firmware on this board to power it off: halted\n");
    for (;;) __asm__ volatile("wfi");
}


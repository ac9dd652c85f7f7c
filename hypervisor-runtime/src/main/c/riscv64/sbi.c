/* SBI: calls to the firmware (OpenSBI, in M-mode) and the SBI guests see. A guest's ecall always traps to HS
 * (scause 10): nothing a guest asks reaches M-mode; every call is answered here, for its own VM only. */
#include "rt.h"


#define SBI_SUCCESS             0
#define SBI_ERR_FAILED          (-1l)
#define SBI_ERR_NOT_SUPPORTED   (-2l)
#define SBI_ERR_INVALID_PARAM   (-3l)
#define SBI_ERR_ALREADY_AVAILABLE (-6l)
#define SBI_ERR_ALREADY_STARTED (-7l)

int has_sstc;

struct sbiret sbi_call(u64 eid, u64 fid, u64 a0, u64 a1, u64 a2)
{
    register u64 r0 __asm__("a0") = a0;
    register u64 r1 __asm__("a1") = a1;
    register u64 r2 __asm__("a2") = a2;
    register u64 r6 __asm__("a6") = fid;
    register u64 r7 __asm__("a7") = eid;
    __asm__ volatile("ecall" : "+r"(r0), "+r"(r1) : "r"(r2), "r"(r6), "r"(r7) : "memory");
    return (struct sbiret){ (long)r0, (long)r1 };
}

void semihosting_call(u64 op, u64 arg);

void system_exit(int status)
{
    trap_stats_print();
    kprintf("shyper: every VM has stopped, powering off (status %d)\n", status);
    machine_off(status);
}

/* Semihosting SYS_EXIT gives QEMU tests the real status; without -semihosting, SBI SRST shutdown (a non-zero status
 * as "system failure", which QEMU's test device turns into exit status 1). */
void machine_off(int status)
{
    volatile u64 block[2] = { 0x20026, (u64)status };
    semihosting_call(0x18, (u64)block);
    sbi_call(EXT_SRST, 0, 0, status ? 1 : 0, 0);
    for (;;) __asm__ volatile("wfi");
}

/* --- the guest's timer --- */

#define WATCHDOG_TICKS (1ul << 16)                      /* 6.6 ms at QEMU virt's 10 MHz timebase */

/* The hypervisor's own timer (stimecmp with Sstc, else the SBI timer) serves two: this hart's guest (pc->vtimer) and,
 * on the boot hart, the check for harts that never arrived (main.c). It is set to the earlier of their times; each
 * looks at its own when it fires (vtimer_fire). */
static void hs_timer_program(void)
{
    u64 t = this_cpu()->vtimer, a = arrival_deadline_here();
    if (a && a < t) t = a;
    if (has_sstc) csr_write(CSR_STIMECMP, t);
    else sbi_call(EXT_TIME, 0, t, 0, 0);
}

/* With Sstc the guest's deadline goes to vstimecmp and the hart raises its timer interrupt itself (the guest may also
 * write stimecmp directly: henvcfg.STCE); the hypervisor's timer is its watchdog. Without it, the hypervisor's timer
 * stands in: at the deadline it sets the guest's VSTIP (vtimer_fire). */
void vtimer_set(u64 when)
{
    struct pcpu *pc = this_cpu();
    if (has_sstc) {
        csr_write(CSR_VSTIMECMP, when);
        pc->vtimer = when > ~0ul - WATCHDOG_TICKS ? ~0ul : when + WATCHDOG_TICKS;
    } else {
        pc->vtimer = when;
        csr_clear(CSR_HVIP, 1ul << IRQ_VS_TIMER);
    }
    hs_timer_program();
}

/* The hypervisor's timer fired (in a guest, or seen pending by a parked hart): the arrival check, if due; the guest's
 * part, if due: without Sstc its VSTIP, with Sstc the watchdog (vtimer_resync, on the way back, does the rest). */
void vtimer_fire(void)
{
    struct pcpu *pc = this_cpu();
    arrivals_due();
    if (csr_read(CSR_TIME) >= pc->vtimer) {
        pc->vtimer = ~0ul;
        if (!has_sstc) csr_set(CSR_HVIP, 1ul << IRQ_VS_TIMER);
    }
    hs_timer_program();
}

/* The last thing before the guest runs again. Under QEMU 7.2 a guest's timer interrupt that has become due can go
 * untaken: the guest runs on, its timer pending, interrupts on, and a Linux that waits for its next tick without
 * trapping hangs there (docs/runtime.md, "A lost timer interrupt"). One way in is QEMU's: it looks at the guest's
 * timer before it takes its big lock when this hart changes its own pending bits (an hvip, sip or stimecmp write here),
 * and withdraws the hart's interrupt request if it saw nothing pending. Writing vstimecmp again raises a due interrupt
 * anew; when it is not due nothing fired that could have been lost. For the ways in without a trap, the hypervisor's
 * own timer is a watchdog: vtimer_set arms it WATCHDOG_TICKS after the guest's deadline, and the guest, re-arming its
 * timer when it takes the interrupt, keeps pushing it away; if it fires, the trap's way back comes here. */
void vtimer_resync(void)
{
    if (!has_sstc) return;                              /* the SBI timer's VSTIP is hvip's own bit: never lost */
    u64 when = csr_read(CSR_VSTIMECMP);
    if (csr_read(CSR_TIME) >= when) csr_write(CSR_VSTIMECMP, when);
}

/* --- IPIs and remote fences among the VM's own harts --- */

/* The VM's vCPUs a hart mask names (hart IDs are vCPU numbers), or -1 if it names one the VM does not have. */
static long vcpu_mask(struct vm *vm, u64 mask, u64 base)
{
    u32 n = vm->cfg->vcpu_count, all = (1u << n) - 1;
    if (base == ~0ul) return all;
    if (base >= n) return mask ? -1 : 0;
    if (mask >> (n - base)) return -1;
    return (long)((mask << base) & all);
}

static void send_vipi(struct vm *vm, u32 vcpus)
{
    struct pcpu *me = this_cpu();
    for (u32 v = 0; v < vm->cfg->vcpu_count; v++) {
        if (!(vcpus & (1u << v))) continue;
        struct pcpu *t = &pcpus[vm->core_of_vcpu[v]];
        t->vssip = 1;
        if (t == me) csr_set(CSR_HVIP, 1ul << IRQ_VS_SOFT);
        else kick_core(t->index, KICK_VIRQ);
    }
}

/* Remote fences: each running target hart flushes its guest translations (and instruction cache) before the call
 * returns. While it waits, this hart answers fences and stop requests aimed at itself, so two harts fencing each
 * other, or a VM being stopped meanwhile, never wait forever. */
static void remote_fence(struct vm *vm, u32 vcpus)
{
    struct pcpu *me = this_cpu();
    hfence_vvma_all();
    fence_i();
    for (u32 v = 0; v < vm->cfg->vcpu_count; v++) {
        struct pcpu *t = &pcpus[vm->core_of_vcpu[v]];
        if (!(vcpus & (1u << v)) || t == me || t->state != VCPU_RUNNING) continue;
        t->fence = 1;
        kick_core(t->index, KICK_FENCE);
    }
    for (u32 v = 0; v < vm->cfg->vcpu_count; v++) {
        struct pcpu *t = &pcpus[vm->core_of_vcpu[v]];
        if (!(vcpus & (1u << v)) || t == me) continue;
        while (__atomic_load_n(&t->fence, __ATOMIC_ACQUIRE) && t->state == VCPU_RUNNING) kick_poll();
    }
}

/* --- HSM --- */

static long hsm(struct frame *f, struct vm *vm, u32 fid)
{
    struct pcpu *pc = this_cpu();
    u64 hart = f->x[10];
    switch (fid) {
    case 0: {                                           /* hart_start(hartid, start_addr, opaque) */
        if (hart >= vm->cfg->vcpu_count) return SBI_ERR_INVALID_PARAM;
        int r = vcpu_power_on(pc->vm, (u32)hart, f->x[11], f->x[12]);
        return r == 0 ? SBI_SUCCESS : r == -4 || r == -5 ? SBI_ERR_ALREADY_AVAILABLE : SBI_ERR_FAILED;
    }
    case 1: vcpu_power_off();                           /* hart_stop */
    case 2: {                                           /* hart_get_status(hartid) */
        if (hart >= vm->cfg->vcpu_count) return SBI_ERR_INVALID_PARAM;
        u32 st = pcpus[vm->core_of_vcpu[hart]].state;
        f->x[11] = st == VCPU_RUNNING ? 0 : st == VCPU_ON_PENDING ? 2 : 1;  /* STARTED, START_PENDING, STOPPED */
        return SBI_SUCCESS;
    }
    case 3:                                             /* hart_suspend: retentive returns at once (an early wake-up) */
        return (u32)f->x[10] < 0x80000000u ? SBI_SUCCESS : SBI_ERR_NOT_SUPPORTED;
    default:
        return SBI_ERR_NOT_SUPPORTED;
    }
}

#ifdef SHYPER_TEST_HOOKS
/* Test facilities (only in the test build, shyper-runtime-test.elf; docs/runtime.md), on an SBI extension ID of the
 * firmware-specific range. In the production build this extension does not exist (NOT_SUPPORTED). */
#define TEST_PROBE          1       /* next guest-page fault: inject an access fault instead of stopping the VM */
#define TEST_CYCLE_TRAPS    2       /* returns this vCPU's count of trapped cycle/instret counter reads */
#define TEST_EXIT           3       /* stop this VM with status a0 */
#define TEST_MMIO_TRAPS     4       /* returns this vCPU's count of emulated MMIO accesses */

static long test_hook(struct frame *f, u32 fid)
{
    struct pcpu *pc = this_cpu();
    switch (fid) {
    case TEST_PROBE: pc->probe = 1; return SBI_SUCCESS;
    case TEST_CYCLE_TRAPS: f->x[11] = pc->cycle_traps; return SBI_SUCCESS;
    case TEST_MMIO_TRAPS: f->x[11] = pc->mmio_traps; return SBI_SUCCESS;
    case TEST_EXIT:
        vuart_flush_vm(pc->vm);
        vm_stop(pc->vm, (int)f->x[10], "it asked to exit");
        park();
    default: return SBI_ERR_NOT_SUPPORTED;
    }
}
#endif

static int known(u64 eid)
{
    return eid == EXT_BASE || eid == EXT_TIME || eid == EXT_IPI || eid == EXT_RFENCE || eid == EXT_HSM || eid == EXT_SRST
           || eid == EXT_DBCN || eid == EXT_LEGACY_SET_TIMER || eid == EXT_LEGACY_PUTCHAR || eid == EXT_LEGACY_GETCHAR
           || eid == EXT_LEGACY_SHUTDOWN;
}

/* A guest's ecall: a7 = extension, a6 = function, a0-a5 arguments; a0 = error, a1 = value on return. */
void sbi_guest(struct frame *f)
{
    struct pcpu *pc = this_cpu();
    struct vm *vm = this_vm();
    u64 eid = f->x[17], fid = f->x[16], a0 = f->x[10], a1 = f->x[11], a2 = f->x[12];
    long err = SBI_ERR_NOT_SUPPORTED, val = 0;
    f->sepc += 4;

#ifdef SHYPER_TEST_HOOKS
    if (eid == EXT_SHYPER_TEST) {
        f->x[10] = (u64)test_hook(f, (u32)fid);
        return;
    }
#endif
    switch (eid) {
    case EXT_BASE:
        err = SBI_SUCCESS;
        switch (fid) {
        case 0: val = 0x02000000; break;                 /* SBI 2.0 */
        case 1: val = 0x5368; break;                     /* implementation ID: "Sh" (shyper) */
        case 2: val = 1; break;
        case 3: val = known(a0); break;                  /* probe_extension */
        case 4: case 5: case 6: val = 0; break;         /* mvendorid, marchid, mimpid */
        default: err = SBI_ERR_NOT_SUPPORTED;
        }
        break;
    case EXT_LEGACY_SET_TIMER:
        vtimer_set(a0);
        f->x[10] = 0;
        return;
    case EXT_TIME:
        if (fid == 0) { vtimer_set(a0); err = SBI_SUCCESS; }
        break;
    case EXT_IPI:
        if (fid == 0) {
            long m = vcpu_mask(vm, a0, a1);
            if (m < 0) err = SBI_ERR_INVALID_PARAM;
            else { send_vipi(vm, (u32)m); err = SBI_SUCCESS; }
        }
        break;
    case EXT_RFENCE:
        if (fid <= 2) {                                  /* fence.i, sfence.vma, sfence.vma with an ASID */
            long m = vcpu_mask(vm, a0, a1);
            if (m < 0) err = SBI_ERR_INVALID_PARAM;
            else { remote_fence(vm, (u32)m); err = SBI_SUCCESS; }
        }
        break;
    case EXT_HSM:
        err = hsm(f, vm, (u32)fid);
        val = (long)f->x[11];
        if (fid != 2) val = 0;
        break;
    case EXT_SRST:
        if (fid == 0 && (u32)a0 == 0) {                  /* shutdown: this VM stops */
            vuart_flush_vm(pc->vm);
            vm_stop(pc->vm, 0, "SBI system shutdown");
            park();
        }
        if (fid == 0 && ((u32)a0 == 1 || (u32)a0 == 2)) { /* cold or warm reboot: this VM restarts */
            vuart_flush_vm(pc->vm);
            vm_restart(pc->vm);
        }
        err = fid == 0 ? SBI_ERR_INVALID_PARAM : SBI_ERR_NOT_SUPPORTED;
        break;
    case EXT_LEGACY_SHUTDOWN:
        vuart_flush_vm(pc->vm);
        vm_stop(pc->vm, 0, "SBI system shutdown");
        park();
    case EXT_LEGACY_PUTCHAR:
        vuart_putc((char)a0);
        f->x[10] = 0;
        return;
    case EXT_LEGACY_GETCHAR:
        f->x[10] = (u64)-1l;                             /* no input */
        return;
    case EXT_DBCN:
        if (fid == 0) {                                  /* write(num_bytes, base_lo, base_hi): from the VM's own RAM */
            u64 n = a0 > 4096 ? 4096 : a0;
            const u8 *p = guest_ram(pc->vm, a1 | (a2 << 32), n, 0);
            if (!p) { err = SBI_ERR_INVALID_PARAM; break; }
            for (u64 i = 0; i < n; i++) vuart_putc((char)p[i]);
            err = SBI_SUCCESS;
            val = (long)n;
        } else if (fid == 1) {                           /* read(num_bytes, base_lo, base_hi): no input, but only */
            u64 n = a0 > 4096 ? 4096 : a0;               /* into its own writable RAM, as a write reads only its own */
            if (!guest_ram(pc->vm, a1 | (a2 << 32), n, 1)) { err = SBI_ERR_INVALID_PARAM; break; }
            err = SBI_SUCCESS;
        } else if (fid == 2) {                           /* write_byte */
            vuart_putc((char)a0);
            err = SBI_SUCCESS;
        }
        break;
    default:
        break;
    }
    f->x[10] = (u64)err;
    f->x[11] = (u64)val;
}

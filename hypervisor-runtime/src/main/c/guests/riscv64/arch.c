/* The riscv64 side of the test guests' library: SBI (HSM, timer, IPI, SRST), the PLIC, the trap handler. The guest
 * runs in (V)S-mode; the same binary runs under the hypervisor and directly on QEMU under OpenSBI. */
#include "guest.h"

#define EXT_TIME    0x54494d45u
#define EXT_IPI     0x735049u
#define EXT_HSM     0x48534du
#define EXT_SRST    0x53525354u
#define EXT_TEST    0x0a000000u     /* the test build's extension (docs/runtime.md) */
#define TIMEBASE_HZ 10000000ul      /* QEMU virt's timebase-frequency */

#define csr_read(c) ({ u64 _v; __asm__ volatile("csrr %0, " #c : "=r"(_v) : : "memory"); _v; })
#define csr_write(c, v) __asm__ volatile("csrw " #c ", %0" : : "r"((u64)(v)) : "memory")
#define csr_set(c, v) __asm__ volatile("csrs " #c ", %0" : : "r"((u64)(v)) : "memory")
#define csr_clear(c, v) __asm__ volatile("csrc " #c ", %0" : : "r"((u64)(v)) : "memory")

void arch_defaults(void)
{
    cfg.uart = 0x10000000;
    cfg.gicd = 0x0c000000;
}

void putc_(char c) { w8(cfg.uart, (u8)c); }

struct sbiret sbi(u64 eid, u64 fid, u64 a0, u64 a1, u64 a2)
{
    register u64 r0 __asm__("a0") = a0;
    register u64 r1 __asm__("a1") = a1;
    register u64 r2 __asm__("a2") = a2;
    register u64 r6 __asm__("a6") = fid;
    register u64 r7 __asm__("a7") = eid;
    __asm__ volatile("ecall" : "+r"(r0), "+r"(r1) : "r"(r2), "r"(r6), "r"(r7) : "memory");
    return (struct sbiret){ (long)r0, (long)r1 };
}

u32 vcpu_id(void) { u64 t; __asm__("mv %0, tp" : "=r"(t)); return (u32)t; }

long cpu_on(u32 vcpu, u64 ctx) { return sbi(EXT_HSM, 0, vcpu, (u64)_start, ctx).error; }

void cpu_off(void)
{
    sbi(EXT_HSM, 1, 0, 0, 0);
    for (;;) wfi();
}

void system_off(void)
{
    sbi(EXT_SRST, 0, 0, 0, 0);
    for (;;) wfi();
}

void system_reset(void) { sbi(EXT_SRST, 0, 1, 0, 0); }

void vm_exit(int status)
{
    sbi(EXT_TEST, 3, (u64)status, 0, 0);
    system_off();
}

/* This vCPU's PLIC context (the hypervisor's emulated PLIC numbers contexts by vCPU). */
static u64 plic_ctx(void) { return cfg.gicd + 0x200000 + 0x1000ul * vcpu_id(); }

/* Timer, software and external interrupts on; this context takes every priority. */
void gic_cpu_init(void)
{
    w32(plic_ctx(), 0);
    csr_set(sie, (1ul << 1) | (1ul << 5) | (1ul << 9));
}

void send_sgi(u32 vcpu_mask, u32 sgi)
{
    (void)sgi;
    sbi(EXT_IPI, 0, vcpu_mask, 0, 0);
}

void send_sgi_self(u32 sgi) { send_sgi(1u << vcpu_id(), sgi); }

/* The PLIC has no routing: a source goes to the contexts that enable it. This enables it for that vCPU only. */
u64 route_spi(u32 src, u32 vcpu)
{
    u64 en = cfg.gicd + 0x2000 + 0x80ul * vcpu + 4 * (src / 32);
    w32(en, r32(en) | (1u << (src % 32)));
    return (r32(en) >> (src % 32)) & 1;
}

void enable_spi(u32 src, u8 prio)
{
    w32(cfg.gicd + 4 * src, prio ? 1 + (prio >> 6) : 0);
    route_spi(src, vcpu_id());
}

u32 bench_read(void) { return r32(cfg.gicd + 4); }      /* a source's priority register */

u64 now_us(void) { return csr_read(time) / (TIMEBASE_HZ / 1000000); }

void timer_arm_ms(u32 ms) { sbi(EXT_TIME, 0, csr_read(time) + TIMEBASE_HZ / 1000 * ms, 0, 0); }

void irq_enable(void) { csr_set(sstatus, 1ul << 1); }
void irq_disable(void) { csr_clear(sstatus, 1ul << 1); }
void wfi(void) { __asm__ volatile("wfi" ::: "memory"); }
void irq_window(void) { csr_set(sstatus, 1ul << 1); csr_clear(sstatus, 1ul << 1); }

volatile u64 user_resume;

void vec_trap(void)
{
    u64 cause = csr_read(scause);
    if (cause >> 63) {
        u32 irq = (u32)(cause & 0xff);
        if (irq == TIMER_IRQ) {
            sbi(EXT_TIME, 0, ~0ul, 0, 0);          /* off until re-armed */
            guest_irq(TIMER_IRQ);
        } else if (irq == SOFT_IRQ) {
            csr_clear(sip, 1ul << 1);
            guest_irq(0);
        } else if (irq == 9) {
            u32 src;
            while ((src = r32(plic_ctx() + 4)) != 0) {
                guest_irq(src);
                w32(plic_ctx() + 4, src);
            }
        }
        return;
    }
    u64 epc = csr_read(sepc);
    if (cause == 8 && user_resume) {                /* an ecall from its user mode: back to S at user_resume */
        csr_write(sepc, user_resume);
        user_resume = 0;
        csr_set(sstatus, 1ul << 8);
        return;
    }
    if (probe_armed) {
        probe_armed = 0;
        probe_hit = 1;
        probe_esr = cause;
        u16 insn = *(volatile u16 *)epc;
        csr_write(sepc, epc + ((insn & 3) == 3 ? 4 : 2));
        return;
    }
    printf_("unexpected exception scause 0x%lx at 0x%lx stval 0x%lx\n", cause, epc, csr_read(stval));
    vm_exit(2);
}

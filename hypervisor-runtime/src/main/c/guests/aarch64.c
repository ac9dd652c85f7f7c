/* The aarch64 side of the test guests' library: PSCI, the GIC (v2 and v3), the virtual timer, exception vectors. */
#include "guest.h"

void arch_defaults(void)
{
    cfg.uart = 0x09000000;
    cfg.gicd = 0x08000000;
    cfg.gicc = 0x08010000;
}

void putc_(char c) { w32(cfg.uart, (u8)c); }

#define CALL(insn) \
    register u64 x0 __asm__("x0") = fid; register u64 x1 __asm__("x1") = a1; \
    register u64 x2 __asm__("x2") = a2; register u64 x3 __asm__("x3") = a3; \
    __asm__ volatile(insn : "+r"(x0), "+r"(x1), "+r"(x2), "+r"(x3) : : "memory"); \
    return x0

u64 hvc(u64 fid, u64 a1, u64 a2, u64 a3) { CALL("hvc #0"); }
u64 smc(u64 fid, u64 a1, u64 a2, u64 a3) { CALL("smc #0"); }

long cpu_on(u32 vcpu, u64 ctx) { return (long)hvc(0xc4000003u, vcpu, (u64)_start, ctx); }

void system_off(void)
{
    hvc(0x84000008u, 0, 0, 0);
    for (;;) __asm__ volatile("wfi");
}

/* The test runtime's exit hypercall; a production runtime has none (NOT_SUPPORTED): then plain SYSTEM_OFF. */
void vm_exit(int status)
{
    hvc(0xc6000003u, (u64)status, 0, 0);
    system_off();
}

u32 vcpu_id(void) { return (u32)(read_sysreg(mpidr_el1) & 0xff); }

#define ICC_SRE_EL1     S3_0_C12_C12_5
#define ICC_PMR_EL1     S3_0_C4_C6_0
#define ICC_IGRPEN1_EL1 S3_0_C12_C12_7
#define ICC_IAR1_EL1    S3_0_C12_C12_0
#define ICC_EOIR1_EL1   S3_0_C12_C12_1
#define ICC_SGI1R_EL1   S3_0_C12_C11_5

/* This vCPU's redistributor SGI_base frame (the hypervisor lays them out by vCPU number). */
static u64 gicr_sgi(void) { return cfg.gicr + vcpu_id() * 0x20000ul + 0x10000; }

/* CPU interface on, virtual timer PPI 27 enabled: GICv2 through the distributor and GICC, GICv3 through
 * this vCPU's redistributor and the ICC system registers. */
void gic_cpu_init(void)
{
    if (cfg.gicv3) {
        write_sysreg(ICC_SRE_EL1, 7);
        isb();
        u64 rd = cfg.gicr + vcpu_id() * 0x20000ul;
        w32(rd + 0x14, r32(rd + 0x14) & ~2u);       /* GICR_WAKER: awake */
        if (vcpu_id() == 0) w32(cfg.gicd, (1u << 4) | (1u << 1));
        w8(gicr_sgi() + 0x400 + 27, 0x80);
        w32(gicr_sgi() + 0x100, 1u << 27);
        write_sysreg(ICC_PMR_EL1, 0xff);
        write_sysreg(ICC_IGRPEN1_EL1, 1);
        isb();
        return;
    }
    if (vcpu_id() == 0) w32(cfg.gicd, 1);
    w8(cfg.gicd + 0x400 + 27, 0x80);
    w32(cfg.gicd + 0x100, 1u << 27);
    w32(cfg.gicc + 0x04, 0xff);
    w32(cfg.gicc, 1);
}

void send_sgi(u32 vcpu_mask, u32 sgi)
{
    if (cfg.gicv3) { write_sysreg(ICC_SGI1R_EL1, ((u64)sgi << 24) | (vcpu_mask & 0xffff)); isb(); }
    else w32(cfg.gicd + 0xf00, ((vcpu_mask & 0xff) << 16) | sgi);
}

void send_sgi_self(u32 sgi)
{
    if (cfg.gicv3) send_sgi(1u << vcpu_id(), sgi);
    else w32(cfg.gicd + 0xf00, (2u << 24) | sgi);
}

u64 route_spi(u32 spi, u32 vcpu)
{
    if (cfg.gicv3) {
        *(volatile u64 *)(cfg.gicd + 0x6000 + 8ul * spi) = vcpu;
        return *(volatile u64 *)(cfg.gicd + 0x6000 + 8ul * spi);
    }
    w8(cfg.gicd + 0x800 + spi, (u8)(1u << vcpu));
    return r8(cfg.gicd + 0x800 + spi);
}

void enable_spi(u32 spi, u8 prio)
{
    w8(cfg.gicd + 0x400 + spi, prio);
    w32(cfg.gicd + 0x100 + 4 * (spi / 32), 1u << (spi % 32));
}

u64 now_us(void) { return read_sysreg(cntvct_el0) * 1000000ul / read_sysreg(cntfrq_el0); }

void timer_arm_ms(u32 ms)
{
    write_sysreg(cntv_tval_el0, read_sysreg(cntfrq_el0) / 1000 * ms);
    write_sysreg(cntv_ctl_el0, 1);
    isb();
}


void irq_enable(void) { __asm__ volatile("msr daifclr, #2" ::: "memory"); }
void irq_disable(void) { __asm__ volatile("msr daifset, #2" ::: "memory"); }
void wfi(void) { __asm__ volatile("wfi" ::: "memory"); }
void irq_window(void) { __asm__ volatile("msr daifclr, #2; isb; msr daifset, #2" ::: "memory"); }

void vec_irq(void)
{
    u32 iar = cfg.gicv3 ? (u32)read_sysreg(ICC_IAR1_EL1) : r32(cfg.gicc + 0x0c);
    u32 id = cfg.gicv3 ? iar & 0xffffff : iar & 0x3ff;
    if (id < 1020) {
        if (id == 27) write_sysreg(cntv_ctl_el0, 2);    /* mask until re-armed */
        guest_irq(id);
        if (cfg.gicv3) { write_sysreg(ICC_EOIR1_EL1, iar); isb(); }
        else w32(cfg.gicc + 0x10, iar);
    }
}

void vec_sync(void)
{
    u64 esr = read_sysreg(esr_el1);
    if (probe_armed) {
        probe_armed = 0;
        probe_hit = 1;
        probe_esr = esr;
        write_sysreg(elr_el1, read_sysreg(elr_el1) + 4);
        return;
    }
    printf_("unexpected exception ESR 0x%lx at 0x%lx FAR 0x%lx\n", esr, read_sysreg(elr_el1), read_sysreg(far_el1));
    vm_exit(2);
}

void vec_bad(void)
{
    printf_("unexpected exception vector, ESR 0x%lx\n", read_sysreg(esr_el1));
    vm_exit(2);
}

void cpu_off(void)
{
    hvc(0x84000002u, 0, 0, 0);              /* PSCI CPU_OFF */
    for (;;) wfi();
}

void system_reset(void) { hvc(0x84000009u, 0, 0, 0); }

u32 bench_read(void) { return r32(cfg.gicd + 4); }    /* GICD_TYPER */

/* Shared by the bare-metal test guests: console, PSCI, GIC, timer, a tiny printf. */
#ifndef GUEST_H
#define GUEST_H
#include <stdint.h>
#include <stddef.h>
#include <stdarg.h>

/* Hidden: PC-relative references, no GOT, so the binary needs no relocation. */
#pragma GCC visibility push(hidden)

typedef uint8_t u8;
typedef uint16_t u16;
typedef uint32_t u32;
typedef uint64_t u64;

#ifdef __aarch64__
#define read_sysreg(r) ({ u64 _v; __asm__ volatile("mrs %0, " #r : "=r"(_v)); _v; })
#define write_sysreg(r, v) __asm__ volatile("msr " #r ", %0" : : "r"((u64)(v)))
#define isb() __asm__ volatile("isb" ::: "memory")
#define TIMER_IRQ 27                /* the virtual timer's PPI */
#else
#define TIMER_IRQ 5                 /* RISC-V: the supervisor timer interrupt's cause */
#define SOFT_IRQ 1                  /* RISC-V: the supervisor software interrupt (an IPI) */
#endif
#define MAX_VCPUS 8

static inline u32 r32(u64 a) { return *(volatile u32 *)a; }
static inline void w32(u64 a, u32 v) { *(volatile u32 *)a = v; }
static inline u8 r8(u64 a) { return *(volatile u8 *)a; }
static inline void w8(u64 a, u8 v) { *(volatile u8 *)a = v; }

/* From the DTB: console UART and GIC frames or the PLIC (QEMU-virt addresses if absent), and guest-specific
 * "key=hex" words of /chosen/bootargs. */
struct gcfg {
    u64 uart, gicd, gicc, gicr;     /* gicd: the PLIC on RISC-V */
    int gicv3;
    u64 arg[16];                /* guest-specific keys, in arg_keys order */
    int has[16];
};
extern struct gcfg cfg;
extern const char *arg_keys;   /* guest-specific bootargs keys, space separated; set before guest_init */

void guest_init(u64 dtb);
void arch_defaults(void);                   /* the architecture's QEMU addresses, where the DTB says nothing */
void putc_(char c);
void puts_(const char *s);
void printf_(const char *fmt, ...);
#ifdef __aarch64__
u64 hvc(u64 fid, u64 a1, u64 a2, u64 a3);
u64 smc(u64 fid, u64 a1, u64 a2, u64 a3);
u64 el0_call(u64 pc, u64 spsr, u64 x0);    /* runs code at EL0 until its first exception: ESR_EL1 (start.S) */
extern volatile u64 el0_x0;                 /* EL0's x0 (r0) when it came back */
#else
struct sbiret { long error; long value; };
struct sbiret sbi(u64 eid, u64 fid, u64 a0, u64 a1, u64 a2);
#endif
void cpu_off(void) __attribute__((noreturn));
void system_reset(void);
u32 bench_read(void);                       /* one trapped read of the emulated interrupt controller */
long cpu_on(u32 vcpu, u64 ctx);
void system_off(void) __attribute__((noreturn));
void vm_exit(int status) __attribute__((noreturn));
u32 vcpu_id(void);
void gic_cpu_init(void);
void send_sgi(u32 vcpu_mask, u32 sgi);      /* to the listed vCPUs of this VM */
void send_sgi_self(u32 sgi);
u64 route_spi(u32 spi, u32 vcpu);           /* routes, returns what the distributor reads back */
void enable_spi(u32 spi, u8 prio);
void timer_arm_ms(u32 ms);
void delay_ms(u32 ms);
u64 now_us(void);
void irq_enable(void);
void irq_disable(void);
void wfi(void);
void irq_window(void);                      /* with interrupts masked: take those pending, mask again */
/* WFI until `cond` holds. Interrupts stay masked from each test of `cond` to its WFI and open only after it: one taken
 * in between (a last tick, which arms nothing more) left that WFI nothing to end it, and the guest slept for good (a
 * test VM hung 1 boot in ~300 on a loaded host). A pending interrupt ends a WFI even while masked. */
#define WFI_UNTIL(cond) do { irq_disable(); while (!(cond)) { wfi(); irq_window(); } irq_enable(); } while (0)
void *memset(void *d, int c, size_t n);
void *memcpy(void *d, const void *s, size_t n);

/* Each guest provides these. */
void guest_main(u64 arg, u32 vcpu);
void guest_irq(u32 intid);

/* Exceptions the guest expects (attack probes): set before, read after. */
extern volatile int probe_armed;
extern volatile int probe_hit;
extern volatile u64 probe_esr;
extern volatile u64 user_resume;            /* RISC-V: where a user-mode ecall returns to (S-mode) */

extern char _start[];
#pragma GCC visibility pop
#endif

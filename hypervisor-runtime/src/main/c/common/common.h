/* What the architecture-neutral parts of the runtime (config blob and its checks, the console and its line
 * collection, virtio) share with each architecture. Each architecture's rt.h includes this and defines, besides
 * its own things: struct pcpu (index, vm, vcpu, state, kick, line), struct vm (cfg, state, lock),
 * this_cpu(), vms[], pcpus[], spinlocks, mb() and the limits and hooks declared at the end. */
#ifndef COMMON_H
#define COMMON_H

#include <stdint.h>
#include <stddef.h>
#include <stdarg.h>
#include "shyper_config.h"

typedef uint8_t u8;
typedef uint16_t u16;
typedef uint32_t u32;
typedef uint64_t u64;

#define PAGE_SIZE SHY_PAGE_SIZE

#ifndef SHYPER_HOST
static inline u32 mmio_r32(u64 a) { return *(volatile u32 *)a; }
static inline void mmio_w32(u64 a, u32 v) { *(volatile u32 *)a = v; }
static inline u8 mmio_r8(u64 a) { return *(volatile u8 *)a; }
static inline void mmio_w8(u64 a, u8 v) { *(volatile u8 *)a = v; }
static inline u64 mmio_r64(u64 a) { return *(volatile u64 *)a; }
static inline void mmio_w64(u64 a, u64 v) { *(volatile u64 *)a = v; }
#else
/* The host build of the guest-facing code (src/test/fuzz): device registers are the fuzz harness's model. */
#include "host.h"
#endif

/* lib.c */
void *memset(void *d, int c, size_t n);
void *memcpy(void *d, const void *s, size_t n);
size_t strlen(const char *s);
u32 crc32(const void *p, size_t n);
u32 crc32_update(u32 crc, const void *p, size_t n);
typedef struct { volatile u32 v; } spinlock_t;     /* ticket lock: next ticket (high half), owner (low half) */
void spin_lock(spinlock_t *l);
void spin_unlock(spinlock_t *l);

/* console.c */
void console_init(u64 base, u32 kind);
void console_enable_lock(void);
void kprintf(const char *fmt, ...);
void kvprintf(const char *fmt, va_list ap);
void kprintf_locked(const char *fmt, ...);
void console_lock(void);
void console_unlock(void);
void console_puts_locked(const char *s);
void console_putc_locked(char c);
void console_rx_enable(void);
void console_rx_irq(void);
u32 console_rx_take(char *buf, u32 n);
void console_rx_untake(const char *buf, u32 n);

/* trap_stats.c: each architecture's rt.h defines enum trap_cause (TRAP_CAUSES), struct pcpu's traps[] and
 * trap_cause_names (its trap.c). */
void trap_stats_print(void) __attribute__((cold));   /* once, at power-off: small rather than fast */

/* blob.c, blob_verify.c */
extern const struct shy_blob_header *blob;
int blob_check(const void *p);
int blob_verify(void) __attribute__((cold));        /* once, at boot: small rather than fast */
const struct shy_blob_cpu *blob_cpu(u32 i);
const struct shy_blob_vm *blob_vm(u32 i);
const struct shy_blob_dram *blob_dram(u32 i);
const struct shy_blob_region *blob_region(u32 i);
const struct shy_blob_irq *blob_irq(u32 i);
const struct shy_blob_payload *blob_payload(u32 i);
/* cache colouring (blob.c): a region flagged SHY_REGION_COLOURED is contiguous in IPA and strided in PA. */
u32 colour_bits(u64 mask);
u64 region_stretch(const struct shy_blob_vm *vm, const struct shy_blob_region *r);
u64 region_pa(const struct shy_blob_vm *vm, const struct shy_blob_region *r, u64 off);
int region_offset(const struct shy_blob_vm *vm, const struct shy_blob_region *r, u64 pa, u64 *off);
const struct shy_blob_doorbell *blob_doorbell(u32 i);

/* ram_zero.c, when the blob asks: the shared regions a VM maps first, before any guest runs; its own RAM, before its
 * payloads */
void vm_zero_shared(u32 id);
void vm_zero_ram(u32 id);

/* virtio.c */
int virtio_access(u32 vm, const struct shy_blob_region *r, u64 off, int write, u32 size, u64 *val);
int virtio_input_init(void);
void virtio_init_vm(u32 vm);
void virtio_input(void);
void virtio_continue(void);
void virtio_flush_vm(u32 vm);
void virtio_reset_vm(u32 vm);

/* vuart.c: a console line, collected until its newline and printed whole with the VM's name: one per vCPU for the
 * console UART (SBI console), one per virtio console, whichever core runs its queue (Linux may queue a line's text
 * from one vCPU and its newline from another, and a line kept per core came apart). */
struct con_line {
    spinlock_t lock;
    u32 len;
    char buf[128];
};
void con_line_write(struct con_line *l, u32 vm, const u8 *p, u64 n);
void con_line_flush(struct con_line *l, u32 vm);
void vuart_putc(char c);
int vuart_access(u32 vm, u64 off, int write, u32 size, u64 *val);
void vuart_read_page(u32 kind, u8 *page, u64 size);
void vuart_flush_vcpu(void);

/* vcpu_off.c: whether the calling vCPU, going off, is the last of its VM to (else it is off now) */
int vcpu_off_is_last(void);
void vuart_flush_vm(u32 vm);

/* --- provided by each architecture --- */

/* The interrupt controller: a virtual interrupt of an emulated device (virtio) raised in a VM (0 when the VM has it
 * disabled, so nothing became pending), and the core that takes it (where console input for that device is handed
 * over). */
int virq_raise(u32 vm, u32 irq);
u32 virq_target_core(u32 vm, u32 irq);
void kick_core(u32 core, u32 what);
void kick_self(u32 what);

/* The blob checks: the interrupt controller's own invariants (its kind, lines, frames, the hypervisor's
 * interrupts), the PA width of this CPU, and the hypervisor's frames and each VM's emulated windows as intervals
 * for the overlap sweeps (blob_verify.c's verify_add). */
int arch_verify_intc(const struct shy_blob_header *h);
u32 arch_pa_bits(void);
void arch_hyp_frames(const struct shy_blob_header *h);
int arch_vm_windows(const struct shy_blob_vm *vm, u32 id);
int verify_refuse(const char *fmt, ...);
enum verify_owner {
    OWN_REGION,                 /* a VM's region: vm, index (in the VM), kind */
    OWN_RESERVE, OWN_IMAGE, OWN_POOL, OWN_CONSOLE, OWN_GICD, OWN_GICC, OWN_GICH, OWN_GICV, OWN_GICR, OWN_PLIC,
    WIN_CONSOLE, WIN_GICD, WIN_GICC, WIN_GICR, WIN_PLIC,            /* a VM's emulated windows (IPA) */
};
void verify_add(u64 start, u64 size, u32 owner, u32 vm, u32 index, u32 kind);
int verify_fits(u64 base, u64 size, u64 limit);

#endif

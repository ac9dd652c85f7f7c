/* The host build of the runtime's guest-facing code (libFuzzer harnesses, src/test/fuzz): what is architecture-specific
 * on the real machine — device registers, system registers, barriers, interrupt masking — is the harness's model
 * (model.c). Included by common.h when SHYPER_HOST is defined; never part of the runtime image. */
#ifndef SHYPER_HOST_H
#define SHYPER_HOST_H

u32 host_mmio_r32(u64 a);
void host_mmio_w32(u64 a, u32 v);
u8 host_mmio_r8(u64 a);
void host_mmio_w8(u64 a, u8 v);
u64 host_mmio_r64(u64 a);
void host_mmio_w64(u64 a, u64 v);
#define mmio_r32 host_mmio_r32
#define mmio_w32 host_mmio_w32
#define mmio_r8 host_mmio_r8
#define mmio_w8 host_mmio_w8
#define mmio_r64 host_mmio_r64
#define mmio_w64 host_mmio_w64

/* System registers by name (the name as written in the source, not macro-expanded). */
u64 host_sysreg(const char *name, int write, u64 v);
u64 host_ich_lr(u32 n, int write, u64 v);
#define read_sysreg(r) host_sysreg(#r, 0, 0)
#define write_sysreg(r, v) ((void)host_sysreg(#r, 1, (u64)(v)))
#define isb() ((void)0)
#define dsb(o) ((void)0)
#define irq_mask() ((void)0)
#define irq_unmask() ((void)0)
#define sev() ((void)0)
#define wfi() ((void)0)
#define cpu_relax() ((void)0)
/* AT S1E1R: the model's guests run with the translation HPFAR_EL2 reports (model.c) */
void host_at_s1e1r(u64 va);
#define at_s1e1r(va) host_at_s1e1r((u64)(va))

/* The runtime's own globals (not the harness's) go into two sections, so that the harness can put them back as they
 * were after boot before every input (model.c: host_state_save, host_state_restore). */
#ifndef SHYPER_HARNESS
#pragma clang section bss = "shy_rt_bss" data = "shy_rt_data"
#endif

#endif

/* Shared declarations of the shyperc runtime (aarch64, EL2). */
#ifndef RT_H
#define RT_H

#include "common.h"
#include "asm.h"

/* For the blob checks (blob_verify.c) and the shared code. */
#define GUEST_IPA_BITS SHY_IPA_BITS         /* stage 2: VTCR_EL2.T0SZ = 64 - SHY_IPA_BITS, start at level 1 */
#define HYP_MAP_LIMIT (1ul << SHY_EL2_MAP_BITS) /* the EL2 identity map covers the low 512 GiB */
#define CPU_ID_MASK 0xff00fffffful          /* MPIDR affinity bits */
#define FIRST_SHARED_IRQ 32                 /* SPIs */
#define SHARED_IRQ "SPI"
#define SHARED_IRQ_NAME "an SPI of this GIC"
#define STAGE2_NAME "stage-2"
/* memory attributes: stage 2 maps shared and MMIO regions Normal non-cacheable or Device on request */
#define REGION_MEMORY_FLAGS (SHY_REGION_NOCACHE | SHY_REGION_DEVICE)
#define ARCH_COLOURING 1                    /* cache colouring: stage 2 maps coloured RAM page by page (mm.c) */
#define mb() dsb(ish)

#ifndef SHYPER_HOST
#define read_sysreg(r) ({ u64 _v; __asm__ volatile("mrs %0, " #r : "=r"(_v)); _v; })
#define write_sysreg(r, v) __asm__ volatile("msr " #r ", %0" : : "r"((u64)(v)))
#define isb() __asm__ volatile("isb" ::: "memory")
#define dsb(o) __asm__ volatile("dsb " #o ::: "memory")
#define irq_mask() __asm__ volatile("msr daifset, #2" ::: "memory")
#define irq_unmask() __asm__ volatile("msr daifclr, #2" ::: "memory")
#define sev() __asm__ volatile("sev")
#define wfi() __asm__ volatile("wfi")
#define cpu_relax() __asm__ volatile("yield" ::: "memory")
#define at_s1e1r(va) __asm__ volatile("at s1e1r, %0" : : "r"((u64)(va)))   /* the guest's stage 1: result in PAR_EL1 */
#endif  /* else host.h (from common.h) defines them for the fuzz harnesses */


/* Saved guest (or EL2) registers; layout shared with vectors.S. */
struct frame {
    u64 x[31];
    u64 elr;
    u64 spsr;
    u64 pad;
};

/* lib.c (and common.h) */
void dcache_clean_range(u64 a, u64 n);
void dcache_clean_inval_range(u64 a, u64 n);
void dcache_clean_inval_all(void);

/* mm.c */
void pool_init(u64 start, u64 end);
void *page_alloc(void);
void *pool_alloc(u64 size);
void mmu_build_el2(void);
void el2_mmu_on(void);
u64 core_entry_stack(u64 stack_top);
void mmu_enable_el2(void);
u64 stage2_build(u32 vm);
/* The VM's console window is one aligned page: its reads are served by a read-only page (mm.c), writes trap.
 * Inline, so the host build of trap.c for fuzzing (src/test/fuzz) decides as the runtime does. */
static inline int console_window_mapped(const struct shy_blob_vm *v)
{
    return v->console_kind && v->console_size == PAGE_SIZE && !(v->console_ipa & (PAGE_SIZE - 1));
}
void stage2_enable(u64 vttbr);

/* psci.c */
u64 smc_call(u64 fid, u64 a1, u64 a2, u64 a3);
void psci_guest(struct frame *f, int is_hvc);
void system_exit(int status) __attribute__((noreturn));
void machine_off(int status) __attribute__((noreturn));

/* gic.c */
void gic_init_dist(void);
void gic_init_cpu(void);
void gic_send_sgi(u32 core, u32 sgi);
u32 gic_handle_irq(int from_guest);  /* returns the INTID taken (1020-1023: none); counts it if from_guest */
void gic_vcpu_on(void);
void gic_vcpu_off(void);
void vm_setup(u32 vm);
void vm_load(u32 vm);
void vtimer_enable(int on);
void hyp_timer_enable(int on);       /* the EL2 physical timer's PPI on this core (VM watchdogs) */
void gic_console_irq_on(void);
void gic_spi_enable(u32 intid, int on);
struct vm;
void gic_spi_route(struct vm *vm, u32 intid, u32 vcpus);
u32 lr_count(void);
u64 lr_get(u32 i);
void lr_set(u32 i, u64 v);
u32 lr_empty(void);
u32 lr_eoi(void);
u32 hcr_get(void);
void hcr_set(u32 v);
u64 lr_make(u32 vintid, u8 prio, int hw, u32 src);
void lr_want_eoi(u32 i);
u32 lr_vintid(u64 lr);
u32 lr_src(u64 lr);
int lr_hw(u64 lr);
int lr_live(u64 lr);
int lr_pending_only(u64 lr);
int lr_sgi_has_source(void);
int lr_same_sgi_source(u64 lr, u32 src);

/* gic3.c */
void gic3_init_dist(void);
void gic3_init_cpu(void);
void gic3_send_sgi(u32 core, u32 sgi);
void gic3_spi_route(u32 intid, u32 core);
u64 gic3_route_value(u64 mpidr);
void gic3_ppi_enable(u32 id, int on);
u32 gic3_ack(void);
void gic3_eoi(u32 iar);
void gic3_dir(u32 iar);
u64 gic3_lr(u32 i, int wr, u64 v);
u32 gic3_nlr(void);
u32 gic3_elrsr(void);
u32 gic3_eisr(void);
u32 gic3_hcr(int wr, u32 v);
void gic3_vcpu_reset(void);
u64 gicd_base(void);

/* vgic.c */
void vgic_reset_vm(u32 vm);
void vgic_reset_vcpu(void);
int vgicd_access(u32 vm, u64 off, int write, u32 size, u64 *val);
int vgicr_access(u32 vm, u64 off, int write, u32 size, u64 *val);
void vgic_sgi_sysreg(u64 value);
void vgic_inject(u32 vintid, int hw);
void vgic_post_sgi(u32 vm, u32 vcpu, u32 sgi, u32 src);
void vgic_flush(void);
void vgic_maintenance(void);

/* doorbell.c (issue 13) */
void doorbell_init_vm(u32 vm);
void doorbell_reset_vm(u32 vm);
int doorbell_is(u32 vintid);
void doorbell_eoi(u32 vintid);
long doorbell_hvc(struct frame *f, u32 fid);

/* trap.c: every exit from a guest to EL2 is counted by cause, in plain per-core counters (a core has one vCPU, so no
 * atomics); printed per VM at power-off when the blob asks (SHY_BLOB_FLAG_TRAP_STATS). Keep trap_cause_names in step. */
enum trap_cause {
    TRAP_DABT_GICD, TRAP_DABT_GICR, TRAP_DABT_VUART, TRAP_DABT_VIRTIO, TRAP_DABT_FAULT,
    TRAP_IABT,
    TRAP_HVC_PSCI, TRAP_HVC_TEST, TRAP_HVC_LIFECYCLE, TRAP_HVC_DOORBELL, TRAP_HVC_OTHER, TRAP_SMC_PSCI, TRAP_SMC_OTHER,
    TRAP_SYS_SGI, TRAP_SYS_SETWAY, TRAP_SYS_PMU, TRAP_SYS_DEBUG, TRAP_SYS_IMPDEF, TRAP_SYS_OTHER,
    TRAP_WFX,
    TRAP_IRQ_TIMER, TRAP_IRQ_WATCHDOG, TRAP_IRQ_MAINT, TRAP_IRQ_IPI, TRAP_IRQ_UART, TRAP_IRQ_SPI, TRAP_IRQ_OTHER,
    TRAP_OTHER,
    TRAP_CAUSES
};
extern const char *const trap_cause_names[TRAP_CAUSES];
#define TRAP_TARGET "EL2"
/* Boot milestones (main.c), the physical counter's value at each, printed after the trap table (trap.c). */
enum boot_stamp { BOOT_ENTRY, BOOT_BLOB_CHECKED, BOOT_EL2_MMU, BOOT_CORES_RELEASED, BOOT_VMS_LOADED, BOOT_FIRST_GUEST,
                  BOOT_STAMPS };
extern u64 boot_stamps[BOOT_STAMPS];
void boot_stamps_print(void) __attribute__((cold));

/* vm.c */
enum vcpu_state { VCPU_OFF = 0, VCPU_ON_PENDING, VCPU_RUNNING };
enum vm_state { VM_RUNNING = 0, VM_STOPPED, VM_RESETTING, VM_WAITING, VM_LOADING };
/* What happened to a VM, for its lifecycle policy (shy_blob_vm.lifecycle, two bits each at 2 * event). */
enum life_event { LIFE_FAULT = 0, LIFE_OFF = 1, LIFE_RESET = 2 };

struct vgic_vm {
    u8 enabled;                 /* GICD_CTLR */
    u8 prio[SHY_MAX_INTIDS];    /* virtual priority of SPIs */
    u8 target[SHY_MAX_INTIDS];  /* virtual vCPU mask of SPIs (GICv2) */
    u8 router[SHY_MAX_INTIDS];  /* GICv3 GICD_IROUTER of SPIs: target vCPU, bit 7 = IRM */
    u32 cfg[SHY_MAX_INTIDS / 16]; /* GICD_ICFGR of virtual SPIs */
};

struct vgic_vcpu {
    u8 prio[32];
    u32 waker;                  /* GICv3 GICR_WAKER.ProcessorSleep as the guest left it */
    u32 ppi_enabled;
    volatile u32 pending[SHY_MAX_INTIDS / 32]; /* software pending bitmap */
    volatile u32 hw[SHY_MAX_INTIDS / 32];      /* pending entry is a hardware interrupt */
    volatile u32 sgi_src[16];   /* per SGI, bitmask of source vCPUs */
};

struct vm {
    const struct shy_blob_vm *cfg;
    u64 vttbr;
    volatile u32 state;
    volatile u32 generation;    /* bumped on restart */
    int status;
    u32 core_of_vcpu[SHY_MAX_CPUS];
    spinlock_t lock;
    u32 owned[SHY_MAX_INTIDS / 32];            /* SPI ownership bitmap (passthrough: physical) */
    u32 vspi[SHY_MAX_INTIDS / 32];             /* virtual SPIs of emulated devices */
    volatile u32 venabled[SHY_MAX_INTIDS / 32]; /* their enable bits */
    struct vgic_vm vgic;
    u32 dbell[SHY_MAX_INTIDS / 32];            /* doorbells: which virtual SPIs are doorbells this VM receives */
    volatile u32 db_inflight[SHY_MAX_INTIDS / 32]; /* doorbells: raised, not yet EOI'd by this VM (doorbell.c) */
    u64 wd_ticks;                               /* watchdog period in counter ticks, 0 = none */
    volatile u64 wd_deadline;                   /* counter value by which the VM must kick */
};

struct pcpu {
    u32 index;                  /* board core index */
    u32 vm;                     /* SHY_NO_VM if idle */
    u64 stack_top;              /* this core's stack, from the pool (boot.S reads it) */
    u32 vcpu;
    u8 gic_mask;                /* GICv2 CPU interface bit */
    u64 gicr;                   /* GICv3: this core's redistributor */
    volatile u32 state;         /* enum vcpu_state */
    volatile u32 kick;          /* cross-core requests: KICK_* */
    u64 start_entry, start_ctx; /* for guest CPU_ON */
    u32 probe;                  /* next stage-2 fault is injected as an abort (test facility) */
    u32 cond_probe;             /* test facility: next AArch32 trap seen with these flags and condition (trap.c) */
    u64 setway_traps;
    u64 mmio_traps;
    u64 traps[TRAP_CAUSES];     /* exits from this core's vCPU by cause (trap.c) */
    struct vgic_vcpu vgic;
    struct con_line line;       /* its vCPU's console UART (SBI console) line; a virtio console has its own */
    u32 nlr;                    /* list registers of this core's interface, 0 until lr_count first reads it */
    u32 uie;                    /* GICH_HCR.UIE (ICH_HCR_EL2.UIE) as last written: vgic_flush reads no register for it */
    volatile u32 arrival;       /* enum arrival: whether the boot core still waits for this core (main.c) */
    u32 wd_armed;               /* its VM's watchdog is on this core's EL2 physical timer (vm.c) */
};

/* A core the boot core starts is on its way until it arrives or, after ARRIVAL_TIMEOUT_S, is given up (main.c); each
 * side moves it from ARRIVAL_STARTED by one compare-and-swap, so exactly one of them wins. */
enum arrival { ARRIVAL_NONE = 0, ARRIVAL_STARTED, ARRIVAL_HERE, ARRIVAL_LOST };
#define ARRIVAL_TIMEOUT_S 5

_Static_assert(offsetof(struct pcpu, stack_top) == PCPU_STACK_TOP, "asm.h PCPU_STACK_TOP");

#define KICK_STOP 1u
#define KICK_START 2u
#define KICK_SGI 4u
#define KICK_VIRTIO 8u          /* console input for a virtio device of this core's VM, or transmit work left */

extern struct vm vms[SHY_MAX_VMS];
extern struct pcpu pcpus[SHY_MAX_CPUS];
struct pcpu *this_cpu(void);
struct vm *this_vm(void);

void vm_stop(u32 vm, int status, const char *why);
u32 spi_owner(u32 intid);
void vm_restart(u32 vm, const char *why) __attribute__((noreturn));
void vm_event(u32 vm, u32 event, int status, const char *why) __attribute__((noreturn));
long vm_start(u32 vm);
long watchdog_kick(u32 vm);
void hyp_timer_irq(void);       /* the EL2 physical timer fired: the watchdog, the boot core's arrival check */
void hyp_timer_program(void);   /* sets this core's EL2 physical timer to the earlier of the two, or off */
u64 arrival_deadline_here(void);    /* main.c: when this core checks for cores still on their way, or 0 */
void arrivals_due(void);        /* main.c: gives up every core still on its way once that time has come */
void vm_lost(u32 vm);           /* a core of the VM never arrived: it stops, loaded or not */
int vcpu_power_on(u32 vm, u32 vcpu, u64 entry, u64 ctx);
void vcpu_power_off(void) __attribute__((noreturn));
void park(void) __attribute__((noreturn));
void enter_vcpu(void) __attribute__((noreturn));
void kick_check(void);
void trap_guest_sync(struct frame *f);
void panic(const char *fmt, ...) __attribute__((noreturn));

/* asm */
void vcpu_run_frame(struct frame *f) __attribute__((noreturn));
void reset_stack_and(void (*fn)(void)) __attribute__((noreturn));
extern char vectors[];
extern char secondary_entry[];
extern char spin_entry[];
extern char __blob_start[];
extern char __bss_start[], __bss_end[];

#endif

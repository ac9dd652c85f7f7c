/* Declarations of the shyperc runtime on riscv64 (HS-mode, H extension, under OpenSBI). */
#ifndef RT_H
#define RT_H

#include "common.h"
#include "asm.h"

/* For the blob checks (blob_verify.c) and the shared code. */
#define GUEST_IPA_BITS 41                   /* G-stage Sv39x4 */
#define HYP_MAP_LIMIT (1ul << 56)           /* HS runs with satp = Bare: it reaches every PA */
#define CPU_ID_MASK (~0ul)                  /* hart IDs */
#define FIRST_SHARED_IRQ 1                  /* PLIC sources; 0 is "no interrupt" */
#define SHARED_IRQ "PLIC source"
#define SHARED_IRQ_NAME "a source of this PLIC"
#define STAGE2_NAME "G-stage"
/* memory attributes: the G-stage has no memory types (no Svpbmt yet): the compiler refuses them (SHY1407), so does this */
#define REGION_MEMORY_FLAGS 0
#define RT_NO_LIFECYCLE                     /* restart/halt policies, waiting VMs and watchdogs: aarch64 only so far */

#define STR_(x) #x
#define STR(x) STR_(x)
#define csr_read(c) ({ u64 _v; __asm__ volatile("csrr %0, " STR(c) : "=r"(_v) : : "memory"); _v; })
#define csr_write(c, v) __asm__ volatile("csrw " STR(c) ", %0" : : "r"((u64)(v)) : "memory")
#define csr_set(c, v) __asm__ volatile("csrs " STR(c) ", %0" : : "r"((u64)(v)) : "memory")
#define csr_clear(c, v) __asm__ volatile("csrc " STR(c) ", %0" : : "r"((u64)(v)) : "memory")
#define mb() __asm__ volatile("fence rw, rw" ::: "memory")

/* CSRs by number: the assembler of Debian 12 knows the H extension's names but not Sstc's. */
#define CSR_SSTATUS     0x100
#define CSR_SIE         0x104
#define CSR_STVEC       0x105
#define CSR_SSCRATCH    0x140
#define CSR_SEPC        0x141
#define CSR_SCAUSE      0x142
#define CSR_STVAL       0x143
#define CSR_SIP         0x144
#define CSR_SCOUNTEREN  0x106
#define CSR_STIMECMP    0x14d
#define CSR_VSSTATUS    0x200
#define CSR_VSIE        0x204
#define CSR_VSTVEC      0x205
#define CSR_VSSCRATCH   0x240
#define CSR_VSEPC       0x241
#define CSR_VSCAUSE     0x242
#define CSR_VSTVAL      0x243
#define CSR_VSIP        0x244
#define CSR_VSTIMECMP   0x24d
#define CSR_VSATP       0x280
#define CSR_HSTATUS     0x600
#define CSR_HEDELEG     0x602
#define CSR_HIDELEG     0x603
#define CSR_HIE         0x604
#define CSR_HTIMEDELTA  0x605
#define CSR_HCOUNTEREN  0x606
#define CSR_HGEIE       0x607
#define CSR_HENVCFG     0x60a
#define CSR_HTVAL       0x643
#define CSR_HIP         0x644
#define CSR_HVIP        0x645
#define CSR_HTINST      0x64a
#define CSR_HGATP       0x680
#define CSR_TIME        0xc01

#define SSTATUS_SIE     (1ul << 1)
#define SSTATUS_SPIE    (1ul << 5)
#define SSTATUS_SPP     (1ul << 8)
#define SSTATUS_FS      (3ul << 13)
#define HSTATUS_GVA     (1ul << 6)
#define HSTATUS_SPV     (1ul << 7)
#define HSTATUS_SPVP    (1ul << 8)
#define HSTATUS_HU      (1ul << 9)
#define HSTATUS_VGEIN   (0x3ful << 12)
#define HSTATUS_VTVM    (1ul << 20)
#define HSTATUS_VTW     (1ul << 21)
#define HSTATUS_VTSR    (1ul << 22)
#define IRQ_S_SOFT      1
#define IRQ_VS_SOFT     2
#define IRQ_S_TIMER     5
#define IRQ_VS_TIMER    6
#define IRQ_S_EXT       9
#define IRQ_VS_EXT      10

/* Saved guest (or HS) registers; layout shared with boot.S (asm.h). */
struct frame {
    u64 x[32];                  /* x[0] unused */
    u64 sepc;
    u64 sstatus;
    u64 hstatus;
    u64 pcpu;                   /* struct pcpu * of this core (tp at trap entry) */
};
_Static_assert(sizeof(struct frame) == FRAME_SIZE, "asm.h FRAME_SIZE");
_Static_assert(offsetof(struct frame, sepc) == FRAME_SEPC, "asm.h FRAME_SEPC");
_Static_assert(offsetof(struct frame, pcpu) == FRAME_PCPU, "asm.h FRAME_PCPU");

/* lib.c */
void hfence_gvma_all(void);
void hfence_vvma_all(void);
void fence_i(void);

/* sbi.c: the SBI extensions (a7) a guest may call, and the test build's hooks */
#define EXT_LEGACY_SET_TIMER    0x00
#define EXT_LEGACY_PUTCHAR      0x01
#define EXT_LEGACY_GETCHAR      0x02
#define EXT_LEGACY_SHUTDOWN     0x08
#define EXT_BASE        0x10
#define EXT_TIME        0x54494d45u     /* "TIME" */
#define EXT_IPI         0x735049u       /* "sPI" */
#define EXT_RFENCE      0x52464e43u     /* "RFNC" */
#define EXT_HSM         0x48534du       /* "HSM" */
#define EXT_SRST        0x53525354u     /* "SRST" */
#define EXT_DBCN        0x4442434eu     /* "DBCN" */
#define EXT_SHYPER_TEST 0x0a000000u

struct sbiret { long error; long value; };
struct sbiret sbi_call(u64 eid, u64 fid, u64 a0, u64 a1, u64 a2);
void sbi_guest(struct frame *f);
void system_exit(int status) __attribute__((noreturn));
void machine_off(int status) __attribute__((noreturn));
extern int has_sstc;
void vtimer_set(u64 when);
void vtimer_fire(void);
void vtimer_resync(void);

/* mm.c */
void pool_init(u64 start, u64 end);
void *page_alloc(void);
void *pool_alloc(u64 size, u64 align);
u64 gstage_build(u32 vm);
u8 *guest_ram(u32 vm, u64 gpa, u64 len, int write);

/* plic.c */
void plic_init(void);
void plic_init_cpu(void);
void plic_handle(void);
void plic_console_on(void);
void vplic_reset_vm(u32 vm);
int vplic_access(u32 vm, u64 off, int write, u32 size, u64 *val);
void vplic_stop_vm(u32 vm);
void virq_sync(void);
u32 source_owner(u32 src);

/* vm.c */
enum vcpu_state { VCPU_OFF = 0, VCPU_ON_PENDING, VCPU_RUNNING };
enum vm_state { VM_RUNNING = 0, VM_STOPPED, VM_RESETTING, VM_LOADING };

#define MAX_SOURCES 1024

struct vplic {
    spinlock_t lock;
    u8 prio[MAX_SOURCES];
    u32 pending[MAX_SOURCES / 32];
    u32 claimed[MAX_SOURCES / 32];          /* claimed by the guest, not completed yet */
    u32 enable[SHY_MAX_CPUS][MAX_SOURCES / 32];
    u32 threshold[SHY_MAX_CPUS];
};

struct vm {
    const struct shy_blob_vm *cfg;
    u64 hgatp;
    volatile u32 state;
    volatile u32 generation;    /* bumped on restart */
    int status;
    u32 core_of_vcpu[SHY_MAX_CPUS];
    spinlock_t lock;
    u32 owned[MAX_SOURCES / 32];    /* passthrough PLIC sources */
    u32 vsrc[MAX_SOURCES / 32];     /* virtual sources of emulated devices (virtio) */
    struct vplic vplic;
};

/* trap.c: every exit from a guest to HS is counted by cause, in plain per-core counters (a core has one vCPU, so no
 * atomics); printed per VM at power-off when the blob asks (SHY_BLOB_FLAG_TRAP_STATS, common/trap_stats.c). Keep
 * trap_cause_names in step. */
enum trap_cause {
    TRAP_SBI_TIME, TRAP_SBI_IPI, TRAP_SBI_RFENCE, TRAP_SBI_HSM, TRAP_SBI_CONSOLE, TRAP_SBI_TEST, TRAP_SBI_OTHER,
    TRAP_GPF_VUART, TRAP_GPF_VPLIC, TRAP_GPF_VIRTIO, TRAP_GPF_FAULT,
    TRAP_VINSN_COUNTER, TRAP_VINSN_OTHER,
    TRAP_IRQ_SOFT, TRAP_IRQ_EXT, TRAP_IRQ_TIMER, TRAP_IRQ_OTHER,
    TRAP_OTHER,
    TRAP_CAUSES
};
extern const char *const trap_cause_names[TRAP_CAUSES];
#define TRAP_TARGET "HS"

struct pcpu {
    u32 index;                  /* board core index */
    u32 vm;                     /* SHY_NO_VM if idle */
    u64 stack_top;              /* this core's stack; its top FRAME_SIZE bytes hold the guest's frame */
    u32 vcpu;
    u64 hart;                   /* hart ID */
    volatile u32 state;         /* enum vcpu_state */
    volatile u32 kick;          /* cross-core requests: KICK_* */
    volatile u32 vssip;         /* a virtual software interrupt for this vCPU (guest IPI) */
    volatile u32 fence;         /* a remote fence asked of this core */
    u64 start_entry, start_ctx; /* for guest HSM hart_start */
    u64 vtimer;                 /* the guest's part of the HS timer: its deadline, or with Sstc its watchdog (sbi.c) */
    u32 probe;                  /* next guest-page fault is injected as an access fault (test facility) */
    volatile u32 fault_expected, fault_hit;   /* a guarded hypervisor load of guest memory */
    u64 mmio_traps;
    u64 cycle_traps;
    u64 traps[TRAP_CAUSES];     /* exits from this core's vCPU by cause (trap.c) */
    struct con_line line;       /* its vCPU's console UART (SBI console) line; a virtio console has its own */
    volatile u32 arrival;       /* enum arrival: whether the boot hart still waits for this hart (main.c) */
};

/* A hart the boot hart starts is on its way until it arrives or is given up (main.c): ARRIVAL_TIMEOUT_S after the
 * start, or at once if the firmware refuses it. Each side moves it from ARRIVAL_STARTED by one compare-and-swap, so
 * exactly one of them wins. */
enum arrival { ARRIVAL_NONE = 0, ARRIVAL_STARTED, ARRIVAL_HERE, ARRIVAL_LOST };
#define ARRIVAL_TIMEOUT_S 5

#define KICK_STOP 1u
#define KICK_START 2u
#define KICK_VIRQ 4u            /* this vCPU's virtual interrupts changed */
#define KICK_VIRTIO 8u          /* console input for a virtio device of this core's VM, or transmit work left */
#define KICK_FENCE 16u          /* a guest's remote fence */

extern struct vm vms[SHY_MAX_VMS];
extern struct pcpu pcpus[SHY_MAX_CPUS];
static inline struct pcpu *this_cpu(void) { struct pcpu *p; __asm__("mv %0, tp" : "=r"(p)); return p; }
struct vm *this_vm(void);

void vm_setup(u32 vm);
void vm_load(u32 vm);
void vm_stop(u32 vm, int status, const char *why);
void vm_lost(u32 vm);                   /* a hart of the VM never arrived: it stops, loaded or not */
void vm_restart(u32 vm);
int vcpu_power_on(u32 vm, u32 vcpu, u64 entry, u64 ctx);
void vcpu_power_off(void) __attribute__((noreturn));
void park(void) __attribute__((noreturn));
void enter_vcpu(void) __attribute__((noreturn));
void kick_check(void);
void kick_poll(void);
void panic(const char *fmt, ...) __attribute__((noreturn));

/* main.c */
u64 arrival_deadline_here(void);        /* when this hart checks for harts still on their way (the boot hart's), or 0 */
void arrivals_due(void);                /* gives up every hart still on its way once that time has come */
int vm_harts_here(u32 vm);              /* every hart of the VM has arrived: its vCPU 0 may enter */

/* trap.c */
void trap_guest(struct frame *f);
void trap_hs(struct frame *f);

/* asm */
void run_frame(struct frame *f) __attribute__((noreturn));
void reset_stack_and(void (*fn)(void)) __attribute__((noreturn));
extern char trap_vector[];
extern char secondary_entry[];
extern volatile u64 late_go[];   /* boot.S: stacks handed to harts that entered _start after the boot hart */
extern char __blob_start[];
extern char __bss_start[], __bss_end[];

#endif

/* Exceptions taken to EL2: guest traps (MMIO emulation, stage-2 faults, SMC/HVC, set/way) and IRQs. */
#include "rt.h"

#define EC_UNKNOWN  0x00
#define EC_WFX      0x01
#define EC_CP15_32  0x03    /* AArch32 MCR/MRC, MCRR/MRRC, LDC/STC: only EL0 can be AArch32 (HCR_EL2.RW) */
#define EC_CP15_64  0x04
#define EC_CP14_32  0x05
#define EC_CP14_LS  0x06
#define EC_CP14_64  0x0c
#define EC_HVC64    0x16
#define EC_SMC64    0x17
#define EC_SYSREG   0x18
#define EC_IABT_LOW 0x20
#define EC_DABT_LOW 0x24

static u64 reg_get(struct frame *f, u32 r) { return r == 31 ? 0 : f->x[r]; }

/* Takes the guest to its EL1 synchronous exception vector with ESR_EL1 = esr, as the hardware would: from EL1t, EL1h,
 * AArch64 EL0 or AArch32 EL0 (SPSR.M[4]). */
static void inject_sync(struct frame *f, u64 esr)
{
    u64 mode = f->spsr & 0x1f;
    u64 off = (mode & 0x10) ? 0x600 : mode == 0 ? 0x400 : mode == 4 ? 0x0 : 0x200;
    write_sysreg(elr_el1, f->elr);
    write_sysreg(spsr_el1, f->spsr);
    write_sysreg(esr_el1, esr);
    f->elr = read_sysreg(vbar_el1) + off;
    f->spsr = 0x3c5;                                    /* EL1h, DAIF masked */
}

#ifdef SHYPER_TEST_HOOKS
/* Test facility: a VM that armed SHY_HVC_PROBE gets this fault back as a synchronous external abort. */
static void inject_abort(struct frame *f, u64 far, int iabt)
{
    int lower = (f->spsr & 0x1f) == 0 || (f->spsr & 0x10);
    u32 ec = iabt ? (lower ? 0x20 : 0x21) : (lower ? 0x24 : 0x25);
    write_sysreg(far_el1, far);
    inject_sync(f, ((u64)ec << 26) | (1ul << 25) | 0x10);
}
#endif

/* The counter an AArch32 trap that carries a condition goes to (CP14 is the debug registers). */
static u32 aarch32_cause(u32 ec)
{
    if (ec == EC_WFX) return TRAP_WFX;
    return ec == EC_CP14_32 || ec == EC_CP14_LS || ec == EC_CP14_64 ? TRAP_SYS_DEBUG : TRAP_SYS_OTHER;
}

/* An AArch32 EL0 coprocessor access that trapped (the debug registers EL0 may use while MDSCR_EL1.TDCC is 0, which the
 * guest cannot set since MDSCR_EL1 traps too; the PMU where PMUSERENR_EL0 allows it): UNDEFINED for the guest, what a
 * kernel that set TDCC expects. It used to fall to the unknown-trap case and stop the VM: any 32-bit user program could. */
static void aarch32_coprocessor_trap(struct frame *f, u64 esr, u32 ec)
{
    this_cpu()->traps[aarch32_cause(ec)]++;
    inject_sync(f, esr & (1ul << 25));                  /* EC 0 (unknown reason), IL as trapped */
}

static void stage2_fault(struct frame *f, u64 ipa, const char *access)
{
    struct pcpu *pc = this_cpu();
    struct vm *vm = this_vm();
#ifdef SHYPER_TEST_HOOKS
    if (pc->probe) {
        pc->probe = 0;
        kprintf("shyper: vm %s: stage-2 fault at IPA 0x%lx (%s), abort injected (probe)\n", vm->cfg->name, ipa, access);
        inject_abort(f, read_sysreg(far_el2), access[0] == 'e');
        return;
    }
#endif
    vuart_flush_vm(pc->vm);
    kprintf("shyper: vm %s: stage-2 fault at IPA 0x%lx (%s) pc 0x%lx vcpu %u\n", vm->cfg->name, ipa, access, f->elr, pc->vcpu);
    vm_event(pc->vm, LIFE_FAULT, 3, "stage-2 fault");
}

#ifdef SHYPER_TEST_HOOKS
/* Test facility (SHY_HVC_COND_PROBE): the vCPU's next AArch32 trap that carries a condition is seen with the flags and
 * the condition the guest armed, as a core that traps instructions failing their condition would report it (QEMU traps
 * only those that pass, and says COND 0xE). The flags become the guest's: it goes on with them. */
static u64 cond_probe_apply(struct frame *f, u64 esr)
{
    struct pcpu *pc = this_cpu();
    u32 p = pc->cond_probe, cond = p & 0x1f;
    pc->cond_probe = 0;
    f->spsr = (f->spsr & ~(0xful << 28)) | ((u64)((p >> 8) & 0xf) << 28);
    esr &= ~(0x1ful << 20);                             /* CV and COND */
    return cond < 16 ? esr | (1ul << 24) | ((u64)cond << 20) : esr;
}
#endif

/* An AArch32 guest's IT state (SPSR IT[1:0] at 26:25, IT[7:2] at 15:10): 0 outside an IT block. */
static u64 it_state(u64 spsr) { return ((spsr >> 25) & 3) | (((spsr >> 10) & 0x3f) << 2); }

/* Steps the guest over an emulated access (or an AArch32 instruction that failed its condition): 2 or 4 bytes, as the
 * syndrome's IL says (AArch32 EL0 may run 16-bit Thumb instructions; stepping over 4 used to skip the next one), and in
 * an AArch32 IT block on to its next slot. */
static void skip_instruction(struct frame *f, u64 esr)
{
    f->elr += (esr >> 25) & 1 ? 4 : 2;
    u64 it = it_state(f->spsr);
    if (!(f->spsr & 0x10) || !it) return;
    it = (it & 7) ? (it & 0xe0) | ((it << 1) & 0x1f) : 0;      /* ITAdvance */
    f->spsr = (f->spsr & ~((3ul << 25) | (0x3ful << 10))) | ((it & 3) << 25) | ((it >> 2) << 10);
}

/* The AArch32 trap classes whose syndrome carries CV and COND (Arm ARM, ESR_EL2): WFI/WFE, MCR/MRC and MCRR/MRRC to
 * CP15 and CP14, LDC/STC, FP/SIMD access, VMRS. A data abort needs no check: only an instruction that passed its
 * condition takes one. */
#define COND_ECS ((1u << EC_WFX) | (1u << EC_CP15_32) | (1u << EC_CP15_64) | (1u << EC_CP14_32) | (1u << EC_CP14_LS) \
                  | (1u << 0x07) | (1u << 0x08) | (1u << EC_CP14_64))

static int aarch32_cond_trap(u32 ec, u64 spsr) { return ec < 32 && ((1u << ec) & COND_ECS) && (spsr & 0x10); }

/* Arm ARM ConditionHolds: cond[3:1] picks the test of NZCV (SPSR 31:28), cond[0] inverts it (but for 0b1111). */
static int cond_holds(u32 cond, u64 spsr)
{
    u32 n = (spsr >> 31) & 1, z = (spsr >> 30) & 1, c = (spsr >> 29) & 1, v = (spsr >> 28) & 1;
    int r;
    switch (cond >> 1) {
    case 0: r = z; break;                               /* EQ */
    case 1: r = c; break;                               /* CS */
    case 2: r = n; break;                               /* MI */
    case 3: r = v; break;                               /* VS */
    case 4: r = c && !z; break;                         /* HI */
    case 5: r = n == v; break;                          /* GE */
    case 6: r = n == v && !z; break;                    /* GT */
    default: return 1;                                  /* AL, and 0b1111 */
    }
    return (cond & 1) ? !r : r;
}

/* Whether a trapped AArch32 instruction passed its condition. A core may trap a conditional instruction that fails it
 * (IMPLEMENTATION DEFINED), and then it must do nothing: not be emulated, not be UNDEFINED. The condition is the
 * syndrome's COND when CV is set; without CV (allowed for T32) it is the IT block's, and outside one it passes. */
static int aarch32_cond_passed(struct frame *f, u64 esr)
{
    u32 cond;
    if ((esr >> 24) & 1) cond = (esr >> 20) & 0xf;
    else {
        u64 it = it_state(f->spsr);
        if (!(it & 0xf)) return 1;
        cond = (u32)(it >> 4);
    }
    return cond_holds(cond, f->spsr);
}

/* The VM's virtio slot holding ipa, or 0. */
static const struct shy_blob_region *virtio_slot(const struct shy_blob_vm *c, u64 ipa)
{
    for (u32 i = 0; i < c->region_count; i++) {
        const struct shy_blob_region *r = blob_region(c->first_region + i);
        if (r->kind == SHY_REGION_VIRTIO && ipa >= r->ipa && ipa - r->ipa < r->size) return r;
    }
    return 0;
}

/* The faulting IPA. HPFAR_EL2 holds it for a stage-2 translation or access-flag fault and for a fault on the guest's
 * own table walk; for a permission fault (a write to the read-only console window) the architecture leaves it UNKNOWN,
 * and a real core may write anything there (QEMU always fills it in). Then the guest's VA is translated by its own
 * stage 1, live on this core (AT S1E1R gives the IPA), as KVM does, and the guest's PAR_EL1 is put back. If that walk
 * fails (the guest changed its tables meanwhile), HPFAR is all there is. The test build says where the two differ. */
static u64 fault_ipa(u64 esr)
{
    u64 far = read_sysreg(far_el2);
    u64 hpfar = ((read_sysreg(hpfar_el2) >> 4) << 12) | (far & 0xfff);
    if ((esr & 0x3c) != 0x0c || ((esr >> 7) & 1)) return hpfar;
    u64 saved = read_sysreg(par_el1);
    at_s1e1r(far);
    isb();
    u64 par = read_sysreg(par_el1);
    write_sysreg(par_el1, saved);
    if (par & 1) return hpfar;
    u64 ipa = (par & 0x000ffffffffff000ul) | (far & 0xfff);
#ifdef SHYPER_TEST_HOOKS
    /* said, not fatal: a guest that changes its tables between the fault and this walk makes them differ rightly */
    if (ipa != hpfar) kprintf("shyper: test: a permission fault's IPA: stage 1 gives 0x%lx, HPFAR_EL2 0x%lx\n", ipa, hpfar);
#endif
    return ipa;
}

static void data_abort(struct frame *f, u64 esr)
{
    struct pcpu *pc = this_cpu();
    struct vm *vm = this_vm();
    const struct shy_blob_vm *c = vm->cfg;
    u64 ipa = fault_ipa(esr);
    int write = (esr >> 6) & 1;
    int isv = (esr >> 24) & 1;
    u32 dfsc = esr & 0x3f;
    int translation = (dfsc & 0x3c) == 0x04;
    int s1ptw = (esr >> 7) & 1;         /* its own stage-1 table walk hit an emulated page: not a device access */
    /* The console window is mapped read-only where it is one page (mm.c): a write there is a permission fault. */
    int console = c->console_size && ipa >= c->console_ipa && ipa - c->console_ipa < c->console_size;
    if (!translation && console && write && (dfsc & 0x3c) == 0x0c && console_window_mapped(c)) translation = 1;
    if (isv && translation && !s1ptw) {
        u32 size = 1u << ((esr >> 22) & 3), srt = (esr >> 16) & 0x1f;
        u64 val = write ? reg_get(f, srt) : 0;
        /* STR Wt, STRH, STRB store only Xt's low 32, 16, 8 bits: the rest is whatever the guest left there, never seen
         * by a device (a 32-bit IROUTER write used to take the junk above for Aff3 and route the SPI to vCPU 0). */
        if (size < 8) val &= (1ul << (8 * size)) - 1;
        int handled = 0;
        if (c->gicd_size && ipa >= c->gicd_ipa && ipa - c->gicd_ipa < c->gicd_size) {
            pc->traps[TRAP_DABT_GICD]++;
            vgicd_access(pc->vm, ipa - c->gicd_ipa, write, size, &val);
            handled = 1;
        } else if (c->gicr_size && ipa >= c->gicr_ipa && ipa - c->gicr_ipa < c->gicr_size) {
            pc->traps[TRAP_DABT_GICR]++;
            vgicr_access(pc->vm, ipa - c->gicr_ipa, write, size, &val);
            handled = 1;
        } else if (console) {
            pc->traps[TRAP_DABT_VUART]++;
            vuart_access(pc->vm, ipa - c->console_ipa, write, size, &val);
            handled = 1;
        } else {
            const struct shy_blob_region *r = virtio_slot(c, ipa);
            if (r) {
                pc->traps[TRAP_DABT_VIRTIO]++;
                virtio_access(pc->vm, r, ipa - r->ipa, write, size, &val);
                handled = 1;
            }
        }
        if (handled) {
            pc->mmio_traps++;
            if (!write && srt != 31) {
                if (size < 8) val &= (1ul << (8 * size)) - 1;
                if ((esr >> 21) & 1) {                  /* SSE: sign-extend */
                    u64 sign = 1ul << (8 * size - 1);
                    val = (val ^ sign) - sign;
                    if (!((esr >> 15) & 1)) val &= 0xffffffffu;
                }
                f->x[srt] = val;
            }
            skip_instruction(f, esr);
            return;
        }
    }
    pc->traps[TRAP_DABT_FAULT]++;
    stage2_fault(f, ipa, write ? "write" : "read");
}

#define SYSREG(op0, op1, crn, crm, op2) (((op0) << 20) | ((op2) << 17) | ((op1) << 14) | ((crn) << 10) | ((crm) << 1))
#define SYSREG_MASK SYSREG(3, 7, 15, 15, 7)

/* The counter a trapped system register access or instruction goes to (ISS: Op0 21:20, Op2 19:17, Op1 16:14,
 * CRn 13:10, CRm 4:1). */
static u32 sysreg_cause(u32 iss)
{
    u32 op0 = (iss >> 20) & 3, op1 = (iss >> 14) & 7, crn = (iss >> 10) & 0xf, reg = iss & SYSREG_MASK;
    if (op0 == 1) return TRAP_SYS_SETWAY;                       /* DC ISW/CSW/CISW: the only system instructions trapped */
    if (op0 == 2) return TRAP_SYS_DEBUG;                        /* MDSCR, DBGB*, DBGW*, OSLAR, MDRAR, ... */
    if (reg == SYSREG(3, 0, 12, 11, 5) || reg == SYSREG(3, 0, 12, 11, 6) || reg == SYSREG(3, 0, 12, 11, 7)) return TRAP_SYS_SGI;
    if (crn == 9 || (op1 == 3 && crn == 14)) return TRAP_SYS_PMU; /* PMCR, PMCNTEN*, PMCCNTR, PMEVCNTR<n>, ... */
    if (reg == SYSREG(3, 0, 1, 0, 1) || crn == 11 || crn == 15) return TRAP_SYS_IMPDEF; /* ACTLR_EL1, IMP DEF space */
    return TRAP_SYS_OTHER;
}

/* Trapped MSR/MRS and system instructions. Besides the GICv3 SGI registers and set/way operations, these are the
 * PMU registers (MDCR_EL2.TPM, TPMCR) and the debug registers (TDA, TDOSA, TDRA): they, and anything else that
 * traps, read as zero and ignore writes. */
static void sysreg_trap(struct frame *f, u32 iss)
{
    struct pcpu *pc = this_cpu();
    u32 rt = (iss >> 5) & 0x1f, read = iss & 1, reg = iss & SYSREG_MASK;
    pc->traps[sysreg_cause(iss)]++;
    if (((iss >> 20) & 3) == 1) {
        /* HCR_EL2.TSW: DC ISW/CSW/CISW. Set/way operations reach only this core's caches, and a VM must
         * not be able to evict other VMs' data through them: count and skip (the guest's memory is coherent). */
        pc->setway_traps++;
    } else if (!read && (reg == SYSREG(3, 0, 12, 11, 5) || reg == SYSREG(3, 0, 12, 11, 6))) {
        vgic_sgi_sysreg(reg_get(f, rt));               /* ICC_SGI1R_EL1 / ICC_ASGI1R_EL1 (GICv3) */
    } else if (read && rt != 31) {
        f->x[rt] = 0;                                   /* PMU, debug, ICC_SGI0R_EL1: RAZ/WI */
    }
    f->elr += 4;
}

/* SMC/HVC by function group (SMCCC): PSCI (standard service calls 0x00-0x1f), the test build's hypercalls, others. */
static u32 call_cause(u64 x0, int hvc)
{
    u32 fid = (u32)x0;
    if ((fid & 0xbfffffe0u) == 0x84000000u) return hvc ? TRAP_HVC_PSCI : TRAP_SMC_PSCI;
    if (hvc && (fid & ~0xfu) == 0xc6000010u) return TRAP_HVC_LIFECYCLE;
    if (hvc && (fid & ~0xfu) == 0xc6000020u) return TRAP_HVC_DOORBELL;
    if (hvc && (fid & 0xff000000u) == 0xc6000000u) return TRAP_HVC_TEST;
    return hvc ? TRAP_HVC_OTHER : TRAP_SMC_OTHER;
}

void trap_guest_sync(struct frame *f)
{
    u64 esr = read_sysreg(esr_el2);
    u32 ec = esr >> 26;
    struct pcpu *pc = this_cpu();
#ifdef SHYPER_TEST_HOOKS
    if (pc->cond_probe && aarch32_cond_trap(ec, f->spsr)) esr = cond_probe_apply(f, esr);
#endif
    /* Checked here, once for every class: each would otherwise emulate it, or make it UNDEFINED (it used to). */
    if (aarch32_cond_trap(ec, f->spsr) && !aarch32_cond_passed(f, esr)) {
        pc->traps[aarch32_cause(ec)]++;
        skip_instruction(f, esr);                       /* as if it had run: the next instruction, the IT block's next slot */
        vgic_flush();
        return;
    }
    switch (ec) {
    case EC_DABT_LOW: data_abort(f, esr); break;      /* counted by what it hit */
    case EC_IABT_LOW: {
        pc->traps[TRAP_IABT]++;
        u64 ipa = ((read_sysreg(hpfar_el2) >> 4) << 12) | (read_sysreg(far_el2) & 0xfff);
        stage2_fault(f, ipa, "execute");
        break;
    }
    case EC_SMC64:                                      /* trapped SMC: ELR is the smc itself */
        pc->traps[call_cause(f->x[0], 0)]++;
        f->elr += 4;
        psci_guest(f, 0);
        break;
    case EC_HVC64: pc->traps[call_cause(f->x[0], 1)]++; psci_guest(f, 1); break;
    case EC_SYSREG: sysreg_trap(f, (u32)esr & 0x1ffffff); break;
    case EC_WFX: pc->traps[TRAP_WFX]++; f->elr += 4; break;
    case EC_CP15_32: case EC_CP15_64: case EC_CP14_32: case EC_CP14_LS: case EC_CP14_64:
        aarch32_coprocessor_trap(f, esr, ec);
        break;
    default: {
        pc->traps[TRAP_OTHER]++;
        vuart_flush_vm(pc->vm);
        kprintf("shyper: vm %s: unhandled trap EC 0x%x ESR 0x%lx at pc 0x%lx\n", this_vm()->cfg->name, ec, esr, f->elr);
        vm_event(pc->vm, LIFE_FAULT, 3, "unhandled trap");
    }
    }
    vgic_flush();
}

void trap_guest_irq(struct frame *f)
{
    (void)f;
    gic_handle_irq(1);
    vgic_flush();
}

void trap_guest_serror(struct frame *f)
{
    struct pcpu *pc = this_cpu();
    pc->traps[TRAP_OTHER]++;
    kprintf("shyper: vm %s: SError ESR 0x%lx at pc 0x%lx\n", this_vm()->cfg->name, read_sysreg(esr_el2), f->elr);
    vm_event(pc->vm, LIFE_FAULT, 3, "SError");
}

void trap_el2_irq(struct frame *f)
{
    (void)f;
    gic_handle_irq(0);
}

void trap_el2_sync(struct frame *f)
{
    u64 esr = read_sysreg(esr_el2);
    /* hlt #0xf000 without -semihosting: skip it, system_exit falls back to PSCI. */
    if ((esr >> 26) == EC_UNKNOWN && *(u32 *)f->elr == 0xd45e0000u) { f->elr += 4; return; }
    panic("EL2 exception ESR 0x%lx ELR 0x%lx FAR 0x%lx", esr, f->elr, read_sysreg(far_el2));
}

void trap_el2_bad(struct frame *f)
{
    panic("unexpected EL2 vector, ESR 0x%lx ELR 0x%lx", read_sysreg(esr_el2), f->elr);
}

const char *const trap_cause_names[TRAP_CAUSES] = {
    [TRAP_DABT_GICD] = "data abort: vGIC distributor",
    [TRAP_DABT_GICR] = "data abort: vGIC redistributor",
    [TRAP_DABT_VUART] = "data abort: vUART",
    [TRAP_DABT_VIRTIO] = "data abort: virtio",
    [TRAP_DABT_FAULT] = "data abort: other (stage-2 fault)",
    [TRAP_IABT] = "instruction abort",
    [TRAP_HVC_PSCI] = "HVC: PSCI",
    [TRAP_HVC_TEST] = "HVC: test hypercalls",
    [TRAP_HVC_LIFECYCLE] = "HVC: lifecycle",
    [TRAP_HVC_DOORBELL] = "HVC: doorbells",
    [TRAP_HVC_OTHER] = "HVC: other",
    [TRAP_SMC_PSCI] = "SMC: PSCI",
    [TRAP_SMC_OTHER] = "SMC: other",
    [TRAP_SYS_SGI] = "sysreg: ICC_SGI*R_EL1",
    [TRAP_SYS_SETWAY] = "sysreg: DC set/way",
    [TRAP_SYS_PMU] = "sysreg: PMU",
    [TRAP_SYS_DEBUG] = "sysreg: debug",
    [TRAP_SYS_IMPDEF] = "sysreg: ACTLR/IMP DEF",
    [TRAP_SYS_OTHER] = "sysreg: other",
    [TRAP_WFX] = "WFI/WFE",
    [TRAP_IRQ_TIMER] = "IRQ: virtual timer",
    [TRAP_IRQ_WATCHDOG] = "IRQ: EL2 timer (watchdog, boot)",
    [TRAP_IRQ_MAINT] = "IRQ: GIC maintenance",
    [TRAP_IRQ_IPI] = "IRQ: SGI (hypervisor IPI)",
    [TRAP_IRQ_UART] = "IRQ: console UART",
    [TRAP_IRQ_SPI] = "IRQ: passthrough SPI",
    [TRAP_IRQ_OTHER] = "IRQ: other/spurious",
    [TRAP_OTHER] = "other (SError, unknown EC)",
};

/* Where the boot went: the physical counter (from the machine's reset) at each milestone, in microseconds; printed
 * after the trap table. */
void boot_stamps_print(void)
{
    if (!blob || !(blob->flags & SHY_BLOB_FLAG_TRAP_STATS)) return;
    static const char *const stamp_names[BOOT_STAMPS] = {"entry", "blob checked", "EL2 MMU on", "cores released", "VMs loaded",
                                                        "first guest entry"};
    u64 hz = read_sysreg(cntfrq_el0);
    console_lock();
    console_puts_locked("shyper: boot (us since reset):");
    for (u32 i = 0; i < BOOT_STAMPS && hz; i++)
        kprintf_locked(" %s %lu%s", stamp_names[i], boot_stamps[i] * 1000000 / hz, i + 1 < BOOT_STAMPS ? "," : "");
    console_putc_locked('\n');
    console_unlock();
}

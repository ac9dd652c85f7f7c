/* Traps taken to HS: a guest's SBI calls, guest-page faults (MMIO emulation or a refused access), virtual
 * instructions, and the interrupts of the hypervisor (software: kicks; external: the PLIC; timer without Sstc). */
#include "rt.h"

#define CAUSE_IRQ           (1ul << 63)
#define EXC_BREAKPOINT      3
#define EXC_LOAD_PAGE       13
#define EXC_VS_ECALL        10
#define EXC_INSN_GPAGE      20
#define EXC_LOAD_GPAGE      21
#define EXC_VIRT_INSN       22
#define EXC_STORE_GPAGE     23

u64 hlvx_hu(u64 gva);

/* The trapping instruction, read through the guest's own translation (hlvx); 0 if that faults. */
static u32 guest_insn(u64 gva, u32 *len)
{
    struct pcpu *pc = this_cpu();
    pc->fault_hit = 0;
    pc->fault_expected = 1;
    u32 insn = (u32)hlvx_hu(gva);
    if (!pc->fault_hit && (insn & 3) == 3) insn |= (u32)hlvx_hu(gva + 2) << 16;
    pc->fault_expected = 0;
    if (pc->fault_hit) return 0;
    *len = (insn & 3) == 3 ? 4 : 2;
    return insn;
}

/* A load or store the hypervisor can emulate: its register, width, sign extension, and its address (base register
 * plus offset). 0 if it is something else. */
struct access { u32 reg, size, sign, write, base; long off; };

static u32 bits(u32 insn, u32 hi, u32 lo) { return (insn >> lo) & ((1u << (hi - lo + 1)) - 1); }

static int decode(u32 insn, struct access *a)
{
    if ((insn & 3) == 3) {
        u32 op = insn & 0x7f, f3 = (insn >> 12) & 7, rs1 = bits(insn, 19, 15);
        if (op == 0x03 && f3 != 7) {                    /* lb lh lw ld lbu lhu lwu */
            *a = (struct access){ bits(insn, 11, 7), 1u << (f3 & 3), f3 < 3, 0, rs1, (int)insn >> 20 };
            return 1;
        }
        if (op == 0x23 && f3 < 4) {                     /* sb sh sw sd */
            *a = (struct access){ bits(insn, 24, 20), 1u << f3, 0, 1, rs1, ((int)insn >> 25) * 32 + (long)bits(insn, 11, 7) };
            return 1;
        }
        return 0;
    }
    u32 q = insn & 3, f3 = (insn >> 13) & 7, rs1c = 8 + bits(insn, 9, 7);
    u32 off_w = bits(insn, 12, 10) << 3 | bits(insn, 6, 6) << 2 | bits(insn, 5, 5) << 6;       /* c.lw c.sw */
    u32 off_d = bits(insn, 12, 10) << 3 | bits(insn, 6, 5) << 6;                              /* c.ld c.sd */
    if (q == 0 && f3 == 2) { *a = (struct access){ 8 + bits(insn, 4, 2), 4, 1, 0, rs1c, off_w }; return 1; }
    if (q == 0 && f3 == 3) { *a = (struct access){ 8 + bits(insn, 4, 2), 8, 0, 0, rs1c, off_d }; return 1; }
    if (q == 0 && f3 == 6) { *a = (struct access){ 8 + bits(insn, 4, 2), 4, 0, 1, rs1c, off_w }; return 1; }
    if (q == 0 && f3 == 7) { *a = (struct access){ 8 + bits(insn, 4, 2), 8, 0, 1, rs1c, off_d }; return 1; }
    u32 sp_lw = bits(insn, 12, 12) << 5 | bits(insn, 6, 4) << 2 | bits(insn, 3, 2) << 6;      /* c.lwsp */
    u32 sp_ld = bits(insn, 12, 12) << 5 | bits(insn, 6, 5) << 3 | bits(insn, 4, 2) << 6;      /* c.ldsp */
    if (q == 2 && f3 == 2) { *a = (struct access){ bits(insn, 11, 7), 4, 1, 0, 2, sp_lw }; return 1; }
    if (q == 2 && f3 == 3) { *a = (struct access){ bits(insn, 11, 7), 8, 0, 0, 2, sp_ld }; return 1; }
    if (q == 2 && f3 == 6) { *a = (struct access){ bits(insn, 6, 2), 4, 0, 1, 2, bits(insn, 12, 9) << 2 | bits(insn, 8, 7) << 6 }; return 1; }
    if (q == 2 && f3 == 7) { *a = (struct access){ bits(insn, 6, 2), 8, 0, 1, 2, bits(insn, 12, 10) << 3 | bits(insn, 9, 7) << 6 }; return 1; }
    return 0;
}

/* Takes the guest to its own trap handler with this cause, as if the exception had been delegated. */
static void inject(struct frame *f, u64 cause, u64 tval)
{
    u64 vs = csr_read(CSR_VSSTATUS);
    u64 spp = (f->hstatus & HSTATUS_SPVP) ? SSTATUS_SPP : 0;
    vs = (vs & ~(SSTATUS_SPP | SSTATUS_SPIE | SSTATUS_SIE)) | spp | ((vs & SSTATUS_SIE) ? SSTATUS_SPIE : 0);
    csr_write(CSR_VSSTATUS, vs);
    csr_write(CSR_VSEPC, f->sepc);
    csr_write(CSR_VSCAUSE, cause);
    csr_write(CSR_VSTVAL, tval);
    f->sepc = csr_read(CSR_VSTVEC) & ~3ul;
    f->sstatus |= SSTATUS_SPP;                          /* the guest's handler runs in VS-mode S */
}

static void gpage_fault(struct frame *f, u64 gpa, const char *access)
{
    struct pcpu *pc = this_cpu();
    struct vm *vm = this_vm();
#ifdef SHYPER_TEST_HOOKS
    if (pc->probe) {
        pc->probe = 0;
        kprintf("shyper: vm %s: guest-page fault at GPA 0x%lx (%s), access fault injected (probe)\n", vm->cfg->name, gpa, access);
        inject(f, access[0] == 'e' ? 1 : access[0] == 'r' ? 5 : 7, csr_read(CSR_STVAL));
        return;
    }
#endif
    vuart_flush_vm(pc->vm);
    kprintf("shyper: vm %s: guest-page fault at GPA 0x%lx (%s) pc 0x%lx vcpu %u\n", vm->cfg->name, gpa, access, f->sepc, pc->vcpu);
    vm_stop(pc->vm, 3, "guest-page fault");
    park();
}

static const struct shy_blob_region *virtio_slot(const struct shy_blob_vm *c, u64 gpa)
{
    for (u32 i = 0; i < c->region_count; i++) {
        const struct shy_blob_region *r = blob_region(c->first_region + i);
        if (r->kind == SHY_REGION_VIRTIO && gpa >= r->ipa && gpa - r->ipa < r->size) return r;
    }
    return 0;
}

/* A load or store the G-stage refused: an emulated device's register, or an access outside the VM. */
static void guest_page_fault(struct frame *f, u64 cause)
{
    struct pcpu *pc = this_cpu();
    const struct shy_blob_vm *c = this_vm()->cfg;
    u64 gva = csr_read(CSR_STVAL), tinst = csr_read(CSR_HTINST);
    u64 gpa = (csr_read(CSR_HTVAL) << 2) | (gva & 3);
    const char *what = cause == EXC_INSN_GPAGE ? "execute" : cause == EXC_LOAD_GPAGE ? "read" : "write";
    if (cause == EXC_INSN_GPAGE) { pc->traps[TRAP_GPF_FAULT]++; gpage_fault(f, gpa, what); return; }
    int console = c->console_size && gpa >= c->console_ipa && gpa - c->console_ipa < c->console_size;
    int intc = c->gicd_size && gpa >= c->gicd_ipa && gpa - c->gicd_ipa < c->gicd_size;
    const struct shy_blob_region *r = console || intc ? 0 : virtio_slot(c, gpa);
    pc->traps[console ? TRAP_GPF_VUART : intc ? TRAP_GPF_VPLIC : r ? TRAP_GPF_VIRTIO : TRAP_GPF_FAULT]++;
    if (!console && !intc && !r) { gpage_fault(f, gpa, what); return; }
    u32 len = 0, insn = guest_insn(f->sepc, &len);
    struct access a;
    /* Only the instruction's own access, whole: not one that crosses into this page from the one before (the fault is
     * at this page's start, not at the instruction's address), nor a read of the guest's own page table placed in the
     * window (the fault is at the entry's address; htinst, where the hart writes it, says so too): emulating either
     * would act on a register the instruction did not name. A hart may leave stval zero for a guest-page fault (the
     * privileged spec allows it): then the page offset alone is compared. */
    u64 ea = 0;
    int own = insn && decode(insn, &a) && !(tinst && !(tinst & 1));
    if (own) ea = (a.base ? f->x[a.base] : 0) + (u64)a.off;
    if (!own || (gva && ea != gva) || ((ea ^ gpa) & 0xfff) || a.write != (cause == EXC_STORE_GPAGE) || (gpa & (a.size - 1))) {
        gpage_fault(f, gpa, what);                      /* an access the hypervisor does not emulate (an AMO, unaligned) */
        return;
    }
    u64 val = a.write ? (a.reg ? f->x[a.reg] : 0) : 0;
    if (a.size < 8) val &= (1ul << (8 * a.size)) - 1;
    if (console) vuart_access(pc->vm, gpa - c->console_ipa, a.write, a.size, &val);
    else if (intc) vplic_access(pc->vm, gpa - c->gicd_ipa, a.write, a.size, &val);
    else virtio_access(pc->vm, r, gpa - r->ipa, a.write, a.size, &val);
    pc->mmio_traps++;
    if (!a.write && a.reg) {
        if (a.size < 8) {
            val &= (1ul << (8 * a.size)) - 1;
            if (a.sign) { u64 s = 1ul << (8 * a.size - 1); val = (val ^ s) - s; }
        }
        f->x[a.reg] = val;
    }
    f->sepc += len;
}

/* A virtual instruction: the cycle and instret counters read as zero (hcounteren lets only time through); anything
 * else is an illegal instruction for the guest's own handler. From its user mode the guest kernel's scounteren comes
 * first: a counter it has not granted is its illegal instruction, as on a hart of its own. */
static void virtual_insn(struct frame *f)
{
    struct pcpu *pc = this_cpu();
    u32 insn = (u32)csr_read(CSR_STVAL);
    u32 csr = insn >> 20, f3 = (insn >> 12) & 7, rd = (insn >> 7) & 31;
    int granted = (f->hstatus & HSTATUS_SPVP) || (csr_read(CSR_SCOUNTEREN) & (1u << (csr & 31)));
    if ((insn & 0x7f) == 0x73 && (f3 == 2 || f3 == 6) && ((insn >> 15) & 31) == 0 && (csr == 0xc00 || csr == 0xc02)
        && granted) {
        if (rd) f->x[rd] = 0;                           /* csrr rd, cycle / instret */
        pc->cycle_traps++;
        pc->traps[TRAP_VINSN_COUNTER]++;
        f->sepc += 4;
        return;
    }
    pc->traps[TRAP_VINSN_OTHER]++;
    inject(f, 2, insn);
}

/* SBI calls by extension (a7): the legacy console calls and DBCN count as console, the legacy timer as TIME. */
static u32 sbi_cause(u64 eid)
{
    switch (eid) {
    case EXT_LEGACY_SET_TIMER: case EXT_TIME: return TRAP_SBI_TIME;
    case EXT_IPI: return TRAP_SBI_IPI;
    case EXT_RFENCE: return TRAP_SBI_RFENCE;
    case EXT_HSM: return TRAP_SBI_HSM;
    case EXT_LEGACY_PUTCHAR: case EXT_LEGACY_GETCHAR: case EXT_DBCN: return TRAP_SBI_CONSOLE;
    case EXT_SHYPER_TEST: return TRAP_SBI_TEST;
    default: return TRAP_SBI_OTHER;
    }
}

void trap_guest(struct frame *f)
{
    struct pcpu *pc = this_cpu();
    u64 cause = csr_read(CSR_SCAUSE);
    if (cause & CAUSE_IRQ) {
        switch (cause & 0xff) {
        case IRQ_S_SOFT: pc->traps[TRAP_IRQ_SOFT]++; csr_clear(CSR_SIP, 1ul << IRQ_S_SOFT); kick_check(); break;
        case IRQ_S_EXT: pc->traps[TRAP_IRQ_EXT]++; plic_handle(); break;
        case IRQ_S_TIMER: pc->traps[TRAP_IRQ_TIMER]++; vtimer_fire(); break;
        default: pc->traps[TRAP_IRQ_OTHER]++; break;
        }
    } else {
        switch (cause) {
        case EXC_VS_ECALL: pc->traps[sbi_cause(f->x[17])]++; sbi_guest(f); break;
        case EXC_INSN_GPAGE: case EXC_LOAD_GPAGE: case EXC_STORE_GPAGE: guest_page_fault(f, cause); break;
        case EXC_VIRT_INSN: virtual_insn(f); break;
        default:
            pc->traps[TRAP_OTHER]++;
            vuart_flush_vm(pc->vm);
            kprintf("shyper: vm %s: unhandled trap scause 0x%lx stval 0x%lx at pc 0x%lx\n", this_vm()->cfg->name, cause,
                    csr_read(CSR_STVAL), f->sepc);
            vm_stop(pc->vm, 3, "unhandled trap");
            park();
        }
    }
    virq_sync();
}

/* A trap in HS itself: a guarded read of guest memory that faulted, the semihosting ebreak without -semihosting. */
void trap_hs(struct frame *f)
{
    struct pcpu *pc = this_cpu();
    u64 cause = csr_read(CSR_SCAUSE);
    if (pc && pc->fault_expected && !(cause & CAUSE_IRQ)) {
        pc->fault_hit = 1;
        f->sepc += 4;
        return;
    }
    if (cause == EXC_BREAKPOINT) { f->sepc += 4; return; }
    panic("HS trap scause 0x%lx sepc 0x%lx stval 0x%lx", cause, f->sepc, csr_read(CSR_STVAL));
}

const char *const trap_cause_names[TRAP_CAUSES] = {
    [TRAP_SBI_TIME] = "SBI: timer",
    [TRAP_SBI_IPI] = "SBI: IPI",
    [TRAP_SBI_RFENCE] = "SBI: remote fence",
    [TRAP_SBI_HSM] = "SBI: hart state",
    [TRAP_SBI_CONSOLE] = "SBI: console",
    [TRAP_SBI_TEST] = "SBI: test hooks",
    [TRAP_SBI_OTHER] = "SBI: other (base, reset, unknown)",
    [TRAP_GPF_VUART] = "guest-page fault: vUART",
    [TRAP_GPF_VPLIC] = "guest-page fault: vPLIC",
    [TRAP_GPF_VIRTIO] = "guest-page fault: virtio",
    [TRAP_GPF_FAULT] = "guest-page fault: other",
    [TRAP_VINSN_COUNTER] = "virtual instruction: counter",
    [TRAP_VINSN_OTHER] = "virtual instruction: other",
    [TRAP_IRQ_SOFT] = "IRQ: software (hypervisor kick)",
    [TRAP_IRQ_EXT] = "IRQ: external (PLIC)",
    [TRAP_IRQ_TIMER] = "IRQ: timer (guest deadline, boot)",
    [TRAP_IRQ_OTHER] = "IRQ: other",
    [TRAP_OTHER] = "other (unhandled)",
};

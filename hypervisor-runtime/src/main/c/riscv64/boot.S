/* Entry points of the runtime on riscv64: the boot hart from OpenSBI or U-Boot's booti (HS-mode, a0 = hart ID, a1 = a DTB), the
 * other harts from SBI HSM hart_start (a1 = the top of their stack); the trap vector, and the way into a guest. */
#include "asm.h"

    .section .text.boot, "ax"
    .option norvc
    .global _start
_start:
    /* A RISC-V Linux Image header, so U-Boot's booti can start us: booti checks magic2 and refuses image_size 0, and
     * moves the image to its RAM base + text_offset; shyperc's ImageLinker fills both for the load address. booti
     * enters as OpenSBI does (a0 = hart ID, a1 = the FDT), so both come in through code0's jump. */
    j       primary_entry               /* code0 */
    .long   0                           /* code1 */
    .quad   0                           /* text_offset */
    .quad   0                           /* image_size */
    .quad   0                           /* flags: bit 0 clear, little endian */
    .long   2                           /* version 0.2 */
    .long   0                           /* res1 */
    .quad   0                           /* res2 */
    .ascii  "RISCV\0\0\0"               /* magic, deprecated since version 0.2 */
    .ascii  "RSC\x05"                   /* magic2 */
    .long   0                           /* res3 */

primary_entry:
    /* QEMU's -kernel, OpenSBI or a boot loader lands here; nothing of the loader's is kept. */
    csrw    sie, zero
    /* One hart boots the runtime. Another that enters here too (seen under QEMU TCG with OpenSBI 1.1:
     * two runtime banners, then hart_start of the first hart refused as already started) waits until
     * the boot hart hands it a stack, then starts as if by HSM. */
    lla     t0, boot_claim
    li      t1, 1
    amoswap.w.aq t1, t1, (t0)
    bnez    t1, late_hart
    csrw    sscratch, zero
    lla     t0, trap_vector
    csrw    stvec, t0
    lla     sp, boot_stack_top
    mv      tp, zero                    /* no struct pcpu yet */
    mv      s0, a0
    /* Zero .bss before any C runs. */
    lla     t0, __bss_start
    lla     t1, __bss_end
1:  bgeu    t0, t1, 2f
    sd      zero, 0(t0)
    addi    t0, t0, 8
    j       1b
2:  fence   rw, rw
    mv      a0, s0
    call    primary_main
3:  wfi
    j       3b

late_hart:
    li      t0, LATE_HARTS
    bgeu    a0, t0, 2f
    lla     t1, late_go
    slli    t2, a0, 3
    add     t1, t1, t2
1:  ld      a1, 0(t1)
    bnez    a1, 3f
    nop
    j       1b
3:  fence   r, rw
    j       secondary_entry             /* a0 = hart ID, a1 = the stack the boot hart gave it */
2:  wfi                                 /* a hart ID the handover table cannot hold: never runs */
    j       2b

    .global secondary_entry
secondary_entry:
    /* a0 = hart ID, a1 = the top of this core's stack (allocated by the boot hart). */
    csrw    sie, zero
    csrw    sscratch, zero
    lla     t0, trap_vector
    csrw    stvec, t0
    addi    sp, a1, -FRAME_SIZE
    call    secondary_main
1:  wfi
    j       1b

    /* reset_stack_and(fn): drop everything on this core's stack (below its frame) and call fn. */
    .global reset_stack_and
reset_stack_and:
    ld      t0, PCPU_STACK_TOP(tp)
    addi    sp, t0, -FRAME_SIZE
    jr      a0

    .option rvc
    .text
    .balign 4
    .global trap_vector
trap_vector:
    /* From a guest, sscratch holds this core's frame; in HS it is 0 (and sp is ours). */
    csrrw   sp, sscratch, sp
    beqz    sp, from_hs
    sd      x1, 8(sp)
    sd      x3, 24(sp)
    sd      x4, 32(sp)
    sd      x5, 40(sp)
    sd      x6, 48(sp)
    sd      x7, 56(sp)
    sd      x8, 64(sp)
    sd      x9, 72(sp)
    sd      x10, 80(sp)
    sd      x11, 88(sp)
    sd      x12, 96(sp)
    sd      x13, 104(sp)
    sd      x14, 112(sp)
    sd      x15, 120(sp)
    sd      x16, 128(sp)
    sd      x17, 136(sp)
    sd      x18, 144(sp)
    sd      x19, 152(sp)
    sd      x20, 160(sp)
    sd      x21, 168(sp)
    sd      x22, 176(sp)
    sd      x23, 184(sp)
    sd      x24, 192(sp)
    sd      x25, 200(sp)
    sd      x26, 208(sp)
    sd      x27, 216(sp)
    sd      x28, 224(sp)
    sd      x29, 232(sp)
    sd      x30, 240(sp)
    sd      x31, 248(sp)
    csrrw   t0, sscratch, zero          /* the guest's sp; sscratch = 0 while in HS */
    sd      t0, 16(sp)
    csrr    t0, sepc
    sd      t0, FRAME_SEPC(sp)
    csrr    t0, sstatus
    sd      t0, FRAME_SSTATUS(sp)
    csrr    t0, hstatus
    sd      t0, FRAME_HSTATUS(sp)
    ld      tp, FRAME_PCPU(sp)
    mv      a0, sp
    call    trap_guest
    mv      a0, sp
    /* fall through: back into the guest */

    /* run_frame(f): f is this core's frame at the top of its stack; sret into the guest it describes. */
    .global run_frame
run_frame:
    mv      sp, a0
    ld      t0, FRAME_SEPC(sp)
    csrw    sepc, t0
    ld      t0, FRAME_SSTATUS(sp)
    csrw    sstatus, t0
    ld      t0, FRAME_HSTATUS(sp)
    csrw    hstatus, t0
    csrw    sscratch, sp
    ld      x1, 8(sp)
    ld      x3, 24(sp)
    ld      x4, 32(sp)
    ld      x5, 40(sp)
    ld      x6, 48(sp)
    ld      x7, 56(sp)
    ld      x8, 64(sp)
    ld      x9, 72(sp)
    ld      x10, 80(sp)
    ld      x11, 88(sp)
    ld      x12, 96(sp)
    ld      x13, 104(sp)
    ld      x14, 112(sp)
    ld      x15, 120(sp)
    ld      x16, 128(sp)
    ld      x17, 136(sp)
    ld      x18, 144(sp)
    ld      x19, 152(sp)
    ld      x20, 160(sp)
    ld      x21, 168(sp)
    ld      x22, 176(sp)
    ld      x23, 184(sp)
    ld      x24, 192(sp)
    ld      x25, 200(sp)
    ld      x26, 208(sp)
    ld      x27, 216(sp)
    ld      x28, 224(sp)
    ld      x29, 232(sp)
    ld      x30, 240(sp)
    ld      x31, 248(sp)
    ld      x2, 16(sp)
    sret

from_hs:
    /* A trap taken in HS itself (a guarded load of guest memory, the semihosting break, or a bug). */
    csrrw   sp, sscratch, sp            /* sp = ours again, sscratch = 0 */
    addi    sp, sp, -FRAME_SIZE
    sd      x1, 8(sp)
    sd      x5, 40(sp)
    sd      x6, 48(sp)
    sd      x7, 56(sp)
    sd      x10, 80(sp)
    sd      x11, 88(sp)
    sd      x12, 96(sp)
    sd      x13, 104(sp)
    sd      x14, 112(sp)
    sd      x15, 120(sp)
    sd      x16, 128(sp)
    sd      x17, 136(sp)
    sd      x28, 224(sp)
    sd      x29, 232(sp)
    sd      x30, 240(sp)
    sd      x31, 248(sp)
    csrr    t0, sepc
    sd      t0, FRAME_SEPC(sp)
    csrr    t0, sstatus
    sd      t0, FRAME_SSTATUS(sp)
    mv      a0, sp
    call    trap_hs
    ld      t0, FRAME_SEPC(sp)
    csrw    sepc, t0
    ld      t0, FRAME_SSTATUS(sp)
    csrw    sstatus, t0
    ld      x1, 8(sp)
    ld      x5, 40(sp)
    ld      x6, 48(sp)
    ld      x7, 56(sp)
    ld      x10, 80(sp)
    ld      x11, 88(sp)
    ld      x12, 96(sp)
    ld      x13, 104(sp)
    ld      x14, 112(sp)
    ld      x15, 120(sp)
    ld      x16, 128(sp)
    ld      x17, 136(sp)
    ld      x28, 224(sp)
    ld      x29, 232(sp)
    ld      x30, 240(sp)
    ld      x31, 248(sp)
    addi    sp, sp, FRAME_SIZE
    sret

    /* u64 hlvx_hu(u64 gva): a guest instruction halfword, read with the guest's translation (both stages). A fault
     * is taken in HS: trap_hs sees fault_expected, sets fault_hit and skips this instruction. */
    .global hlvx_hu
hlvx_hu:
    .option push
    .option norvc
    .option arch, +h
    hlvx.hu a0, (a0)
    .option pop
    ret

    /* Semihosting SYS_EXIT (a0 = 0x18, a1 = its block): the three instructions QEMU recognises, uncompressed and in
     * one page. Without -semihosting the ebreak is a breakpoint: trap_hs skips it and machine_off goes on to SRST. */
    .global semihosting_call
    .balign 16
semihosting_call:
    .option push
    .option norvc
    slli    x0, x0, 0x1f
    ebreak
    srai    x0, x0, 7
    .option pop
    ret

    .bss
    .balign 16
boot_stack:
    .space  BOOT_STACK_SIZE
boot_stack_top:

    /* In .data, not .bss: the boot hart zeroes .bss while a late hart may already be reading these. */
    .data
    .balign 8
boot_claim:
    .word   0
    .balign 8
    .global late_go
late_go:
    .zero   8 * LATE_HARTS

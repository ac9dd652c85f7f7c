/* riscv64 guest entry (a0 = hart ID, a1 = DTB or hart_start's opaque). Position independent: runs at any 4 KiB-aligned
 * address. The hart ID stays in tp (vcpu_id). */
    .section .text.boot, "ax"
    .global _start
_start:
    mv      tp, a0
    lla     sp, gstacks
    addi    t0, a0, 1
    slli    t0, t0, 13
    add     sp, sp, t0
    lla     t0, gtrap
    csrw    stvec, t0
    bnez    a0, 2f
    lla     t0, __bss_start
    lla     t1, __bss_end
1:  bgeu    t0, t1, 2f
    sd      zero, 0(t0)
    addi    t0, t0, 8
    j       1b
2:  mv      a0, a1
    mv      a1, tp
    call    guest_main
3:  j       3b

    .text
    .balign 4
gtrap:
    addi    sp, sp, -144
    sd      ra, 0(sp)
    sd      t0, 8(sp)
    sd      t1, 16(sp)
    sd      t2, 24(sp)
    sd      a0, 32(sp)
    sd      a1, 40(sp)
    sd      a2, 48(sp)
    sd      a3, 56(sp)
    sd      a4, 64(sp)
    sd      a5, 72(sp)
    sd      a6, 80(sp)
    sd      a7, 88(sp)
    sd      t3, 96(sp)
    sd      t4, 104(sp)
    sd      t5, 112(sp)
    sd      t6, 120(sp)
    call    vec_trap
    ld      ra, 0(sp)
    ld      t0, 8(sp)
    ld      t1, 16(sp)
    ld      t2, 24(sp)
    ld      a0, 32(sp)
    ld      a1, 40(sp)
    ld      a2, 48(sp)
    ld      a3, 56(sp)
    ld      a4, 64(sp)
    ld      a5, 72(sp)
    ld      a6, 80(sp)
    ld      a7, 88(sp)
    ld      t3, 96(sp)
    ld      t4, 104(sp)
    ld      t5, 112(sp)
    ld      t6, 120(sp)
    addi    sp, sp, 144
    sret

    .bss
    .balign 16
gstacks:
    .space  8192 * 9

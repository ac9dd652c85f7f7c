/* Guest entry (x0 = DTB IPA, or the CPU_ON context). Position independent: runs at any 4 KiB-aligned IPA. */
    .section .text.boot, "ax"
    .global _start
_start:
    mrs     x1, mpidr_el1
    and     x1, x1, #0xff
    adr     x2, gstacks
    add     x3, x1, #1
    lsl     x3, x3, #13
    add     x2, x2, x3
    mov     sp, x2
    adr     x2, gvectors
    msr     vbar_el1, x2
    mov     x2, #(3 << 20)          /* FP/SIMD usable at EL1 */
    msr     cpacr_el1, x2
    isb
    cbnz    x1, 2f
    adr     x2, __bss_start
    adr     x3, __bss_end
1:  cmp     x2, x3
    b.hs    2f
    str     xzr, [x2], #8
    b       1b
2:  bl      guest_main
    b       .

.macro VEC handler
    .balign 0x80
    sub     sp, sp, #256
    stp     x0, x1, [sp, #0]
    stp     x2, x3, [sp, #16]
    stp     x4, x5, [sp, #32]
    stp     x6, x7, [sp, #48]
    stp     x8, x9, [sp, #64]
    stp     x10, x11, [sp, #80]
    stp     x12, x13, [sp, #96]
    stp     x14, x15, [sp, #112]
    stp     x16, x17, [sp, #128]
    stp     x18, x30, [sp, #144]
    bl      \handler
    ldp     x0, x1, [sp, #0]
    ldp     x2, x3, [sp, #16]
    ldp     x4, x5, [sp, #32]
    ldp     x6, x7, [sp, #48]
    ldp     x8, x9, [sp, #64]
    ldp     x10, x11, [sp, #80]
    ldp     x12, x13, [sp, #96]
    ldp     x14, x15, [sp, #112]
    ldp     x16, x17, [sp, #128]
    ldp     x18, x30, [sp, #144]
    add     sp, sp, #256
    eret
.endm

.macro LOWER
    .balign 0x80
    mov     x1, x0
    mrs     x0, esr_el1
    b       el0_return
.endm

    .text
    .balign 0x800
gvectors:
    VEC     vec_bad
    VEC     vec_bad
    VEC     vec_bad
    VEC     vec_bad
    VEC     vec_sync
    VEC     vec_irq
    VEC     vec_bad
    VEC     vec_bad
    LOWER                           /* lower EL, AArch64: el0_call's code came back */
    VEC     vec_bad
    VEC     vec_bad
    VEC     vec_bad
    LOWER                           /* lower EL, AArch32 */
    VEC     vec_bad
    VEC     vec_bad
    VEC     vec_bad

/* el0_call(pc, spsr, x0): runs code at EL0 (AArch64 or AArch32, as spsr says) from x0 (r0) until its first exception
 * to EL1, which comes back here: returns ESR_EL1, and el0_x0 holds EL0's x0 (r0) then. Interrupts stay masked. */
    .global el0_call
el0_call:
    stp     x29, x30, [sp, #-96]!
    stp     x19, x20, [sp, #16]
    stp     x21, x22, [sp, #32]
    stp     x23, x24, [sp, #48]
    stp     x25, x26, [sp, #64]
    stp     x27, x28, [sp, #80]
    adr     x4, el0_sp
    mov     x5, sp
    str     x5, [x4]
    msr     elr_el1, x0
    msr     spsr_el1, x1
    mov     x0, x2
    isb
    eret

el0_return:
    adr     x2, el0_sp
    ldr     x3, [x2]
    cbz     x3, 1f                  /* no el0_call under way: an unexpected exception from a lower EL */
    str     xzr, [x2]
    adr     x2, el0_x0
    str     x1, [x2]
    mov     sp, x3
    ldp     x19, x20, [sp, #16]
    ldp     x21, x22, [sp, #32]
    ldp     x23, x24, [sp, #48]
    ldp     x25, x26, [sp, #64]
    ldp     x27, x28, [sp, #80]
    ldp     x29, x30, [sp], #96
    ret
1:  bl      vec_bad
    b       .

    .bss
    .balign 8
el0_sp:
    .space  8
    .global el0_x0
el0_x0:
    .space  8
    .balign 16
gstacks:
    .space  8192 * 9

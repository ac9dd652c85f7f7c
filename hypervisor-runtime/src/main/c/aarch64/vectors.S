/* EL2 exception vectors: save a struct frame, call C, restore, eret. */
#include "asm.h"

.macro SAVE
    sub     sp, sp, #FRAME_SIZE
    stp     x0, x1, [sp, #0]
    stp     x2, x3, [sp, #16]
    stp     x4, x5, [sp, #32]
    stp     x6, x7, [sp, #48]
    stp     x8, x9, [sp, #64]
    stp     x10, x11, [sp, #80]
    stp     x12, x13, [sp, #96]
    stp     x14, x15, [sp, #112]
    stp     x16, x17, [sp, #128]
    stp     x18, x19, [sp, #144]
    stp     x20, x21, [sp, #160]
    stp     x22, x23, [sp, #176]
    stp     x24, x25, [sp, #192]
    stp     x26, x27, [sp, #208]
    stp     x28, x29, [sp, #224]
    mrs     x0, elr_el2
    mrs     x1, spsr_el2
    stp     x30, x0, [sp, #240]
    str     x1, [sp, #256]
    mov     x0, sp
.endm

.macro ENTRY handler
    .balign 0x80
    SAVE
    bl      \handler
    b       restore
.endm

    .text
    .balign 0x800
    .global vectors
vectors:
    ENTRY   trap_el2_bad        /* current EL, SP0 */
    ENTRY   trap_el2_bad
    ENTRY   trap_el2_bad
    ENTRY   trap_el2_bad
    ENTRY   trap_el2_sync       /* current EL, SPx */
    ENTRY   trap_el2_irq
    ENTRY   trap_el2_bad
    ENTRY   trap_el2_bad
    ENTRY   trap_guest_sync     /* lower EL, AArch64 */
    ENTRY   trap_guest_irq
    ENTRY   trap_el2_bad
    ENTRY   trap_guest_serror
    ENTRY   trap_el2_bad        /* lower EL, AArch32: never enabled */
    ENTRY   trap_el2_bad
    ENTRY   trap_el2_bad
    ENTRY   trap_el2_bad

    .global restore
restore:
    ldr     x1, [sp, #256]
    ldp     x30, x0, [sp, #240]
    msr     elr_el2, x0
    msr     spsr_el2, x1
    ldp     x0, x1, [sp, #0]
    ldp     x2, x3, [sp, #16]
    ldp     x4, x5, [sp, #32]
    ldp     x6, x7, [sp, #48]
    ldp     x8, x9, [sp, #64]
    ldp     x10, x11, [sp, #80]
    ldp     x12, x13, [sp, #96]
    ldp     x14, x15, [sp, #112]
    ldp     x16, x17, [sp, #128]
    ldp     x18, x19, [sp, #144]
    ldp     x20, x21, [sp, #160]
    ldp     x22, x23, [sp, #176]
    ldp     x24, x25, [sp, #192]
    ldp     x26, x27, [sp, #208]
    ldp     x28, x29, [sp, #224]
    add     sp, sp, #FRAME_SIZE
    eret

    /* vcpu_run_frame(f): f is on this stack; unwind to it and eret into the guest. */
    .global vcpu_run_frame
vcpu_run_frame:
    mov     sp, x0
    b       restore

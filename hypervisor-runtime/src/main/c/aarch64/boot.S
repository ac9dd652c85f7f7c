/* Entry points: the boot core from the loader; the others from PSCI CPU_ON (x0 = their stack) or from the firmware's
 * spin table (x0 = 0: they find their stack by MPIDR in spin_boot). */
#include "asm.h"

    .section .text.boot, "ax"
    .global _start
_start:
    /* An arm64 Linux "Image" header, so U-Boot's booti can start us (MMU and caches off, at EL2).
     * text_offset, image_size and flags are filled in by shyperc's ImageLinker for the load address. */
    b       primary_entry           /* code0 */
    .long   0                       /* code1 */
    .quad   0                       /* text_offset */
    .quad   0                       /* image_size */
    .quad   0                       /* flags */
    .quad   0, 0, 0                 /* res2-4 */
    .ascii  "ARM\x64"               /* magic */
    .long   0                       /* res5 */

primary_entry:
    /* x0 from the loader (a DTB from booti, nothing from QEMU) is not used. */
    msr     daifset, #0xf
    adr     x1, vectors
    msr     vbar_el2, x1
    adr     x1, boot_stack_top
    mov     sp, x1
    /* Zero .bss before any C runs. */
    adr     x1, __bss_start
    adr     x2, __bss_end
1:  cmp     x1, x2
    b.hs    2f
    str     xzr, [x1], #8
    b       1b
2:  isb
    bl      primary_main
    b       .

    .global secondary_entry
secondary_entry:
    /* x0 = the top of this core's stack (allocated by the boot core); MMU still off. */
    msr     daifset, #0xf
    adr     x1, vectors
    msr     vbar_el2, x1
    mov     sp, x0
    bl      secondary_main
    b       .

    /* A core the boot core released from the firmware's spin table (the Raspberry Pi's armstub, QEMU's raspi stub):
     * MMU and caches off, registers zero. Its stack is the one spin_boot lists for its MPIDR affinity
     * (main.c fills the table and cleans it to memory before the release). */
    .global spin_entry
spin_entry:
    msr     daifset, #0xf
    mrs     x1, mpidr_el1
    ubfx    x2, x1, #32, #8         /* Aff3 */
    and     x1, x1, #0xffffff       /* Aff2..Aff0 */
    orr     x1, x1, x2, lsl #32
    adrp    x2, spin_boot
    add     x2, x2, :lo12:spin_boot
    mov     x3, #SPIN_BOOT_SLOTS
1:  ldp     x4, x5, [x2], #16       /* { affinity, stack top } */
    cmp     x4, x1
    b.eq    2f
    subs    x3, x3, #1
    b.ne    1b
3:  wfe                             /* not a core of this system: stay parked */
    b       3b
2:  cbz     x5, 3b
    mov     x0, x5
    b       secondary_entry

    /* call_on_stack(fn, sp): call fn on another stack and come back to this one (mm.c el2_mmu_on: the boot stack is
     * copied while fn runs; only this frame, pushed before, is read from it again). */
    .global call_on_stack
call_on_stack:
    stp     x29, x30, [sp, #-16]!
    mov     x29, sp
    mov     sp, x1
    blr     x0
    mov     sp, x29
    ldp     x29, x30, [sp], #16
    ret

    /* reset_stack_and(fn): drop everything on this core's stack and call fn. */
    .global reset_stack_and
reset_stack_and:
    mrs     x1, tpidr_el2           /* struct pcpu * */
    ldr     x1, [x1, #PCPU_STACK_TOP]
    mov     sp, x1
    br      x0

    .bss
    .balign 16
boot_stack:
    .space  BOOT_STACK_SIZE
boot_stack_top:

/* Entry points: the boot core from the loader, the others from PSCI CPU_ON (x0 = core index). */
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

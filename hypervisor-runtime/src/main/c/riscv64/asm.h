#ifndef ASM_H
#define ASM_H
#define BOOT_STACK_SIZE 8192
#define STACK_SIZE 16384
#define LATE_HARTS 64               /* hart IDs a hart that entered _start late can be handed over with (boot.S) */
#define FRAME_SIZE 288              /* struct frame, checked in rt.h */
#define FRAME_SEPC 256
#define FRAME_SSTATUS 264
#define FRAME_HSTATUS 272
#define FRAME_PCPU 280
#define PCPU_STACK_TOP 8            /* offsetof(struct pcpu, stack_top), checked in vm.c */
#endif

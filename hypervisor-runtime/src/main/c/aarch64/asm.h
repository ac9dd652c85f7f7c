#ifndef ASM_H
#define ASM_H
#define BOOT_STACK_SIZE 8192
#define STACK_SIZE 16384
#define FRAME_SIZE 272
#define SPIN_BOOT_SLOTS 8   /* entries of spin_boot: SHY_MAX_CPUS, checked in main.c */
#define PCPU_STACK_TOP 8    /* offsetof(struct pcpu, stack_top), checked in rt.h */
#endif

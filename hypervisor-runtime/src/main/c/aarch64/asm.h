#ifndef ASM_H
#define ASM_H
#define STACK_SIZE 8192
#define FRAME_SIZE 272
#endif

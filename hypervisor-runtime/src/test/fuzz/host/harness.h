/* The fuzz harnesses' view of the host model (model.c) and of the small system it boots (system.c). */
#ifndef HARNESS_H
#define HARNESS_H

#define SHYPER_HARNESS
#include "rt.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The modelled machine: 6 cores; VM 0 on cores 0-1, VM 1 on cores 2-3, VM 2 on core 4, core 5 idle (the boot core,
 * which takes the console's interrupt). Memory is one host mapping at a fixed address below the runtime's 512 GiB
 * map (MEM_BASE): the image and blob, the pool (stacks), each VM's RAM, one page shared by VMs 0 and 1. */
#define NCORES      6u
#define NVMS        3u
#define BOOT_CORE   5u
#define MEM_BASE    0x40000000ul
#define MEM_SIZE    0x04000000ul
#define IMAGE_SIZE  0x00200000ul
#define BLOB_ADDR   0x40100000ul             /* __blob_start; _start is MEM_BASE (the link gives both) */
#define RESERVE_SIZE 0x01000000ul
#define STACKS      0x40200000ul
#define RAM_PA(v)   (0x41000000ul + (u64)(v) * 0x100000ul)
#define RAM_SIZE    0x4000ul
#define RAM_IPA     0x40000000ul
#define SHARED_PA   0x41800000ul
#define SHARED_IPA  0x50000000ul
#define SHARED_SIZE 0x1000ul
#define GICD_PA     0x08000000ul
#define GICC_PA     0x08010000ul
#define GICH_PA     0x08030000ul
#define GICV_PA     0x08040000ul
#define GICR_PA     0x080a0000ul
#define UART_PA     0x09000000ul
#define UART_IRQ    33u
#define VIRTIO_IPA  0x0a000000ul
#define VIRTIO_SLOT 0x200ul
#define NLRS        4u

/* A fuzz input read front to back; past its end every read is 0. */
struct in { const u8 *p; size_t n; };
static inline u64 in_get(struct in *in, u32 bytes)
{
    u64 v = 0;
    for (u32 i = 0; i < bytes; i++) {
        if (in->n) { v |= (u64)*in->p++ << (8 * i); in->n--; }
    }
    return v;
}

/* system.c */
enum op {
    OP_GICD, OP_GICR, OP_SGI1R, OP_SYSREG, OP_DABT, OP_HVC, OP_SMC, OP_VIRTIO, OP_RAM, OP_CONSOLE_IN, OP_EOI, OP_IRQ,
    OP_UART, OP_COUNT
};
void sys_boot(u32 gic_version);
int sys_run(const u8 *data, size_t n, const enum op *ops, u32 nops);
void sys_blob_dump(const char *path);
void sys_build_blob(void *at, u32 gic_version, u32 *size);

/* model.c: the machine's devices and system registers, contexts of the cores, state saved after boot */
extern u32 cur_core;                 /* whose tpidr_el2 this_cpu() reads */
extern u32 check_vm;                 /* the VM whose action runs: writes elsewhere abort; SHY_NO_VM during boot */
extern int lenient_mmio;             /* blob target: the console may be anywhere */
extern u8 in_el2[NCORES];
extern u64 esr[NCORES], far[NCORES], hpfar[NCORES];
extern struct frame gframe[NCORES];
void model_reset(void);
void model_check_routes(void);    /* every owned SPI routed to its owner's cores */
void model_save(void);
void model_restore(void);
void model_console_input(const u8 *p, u32 n);
void model_raise(u32 core, u32 intid);
u32 model_pending(u32 core);
void model_guest_eoi(u32 core, u32 lr);
void run_on(u32 core, void (*fn)(void *), void *arg);
void take_irq(void *unused);
int run_base(void (*fn)(void *), void *arg);     /* 0, or 1 if the machine powered off */
__attribute__((noreturn, format(printf, 1, 2))) void violation(const char *fmt, ...);
void trap_guest_irq(struct frame *f);
void trap_el2_irq(struct frame *f);

#endif

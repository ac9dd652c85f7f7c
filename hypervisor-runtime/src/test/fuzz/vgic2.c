/* Fuzz target vgic2: the emulated GICv2 distributor (offset, width, value, vCPU), GICD_SGIR, list-register
 * injection and maintenance, on a GICv2 machine (host/system.c, host/model.c). */
#include "host/harness.h"

static const enum op ops[] = { OP_GICD, OP_GICD, OP_GICD, OP_EOI, OP_IRQ, OP_DABT, OP_UART };

int LLVMFuzzerInitialize(int *argc, char ***argv) { (void)argc; (void)argv; sys_boot(2); return 0; }
int LLVMFuzzerTestOneInput(const u8 *data, size_t n) { return sys_run(data, n, ops, sizeof(ops) / sizeof(ops[0])); }

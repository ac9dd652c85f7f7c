/* Fuzz target vgic3: the emulated GICv3 distributor and redistributors (offset, width, value, vCPU), SGIs through
 * ICC_SGI1R_EL1, list-register injection and maintenance, on a GICv3 machine (host/system.c, host/model.c). */
#include "host/harness.h"

static const enum op ops[] = { OP_GICD, OP_GICD, OP_GICR, OP_GICR, OP_SGI1R, OP_SYSREG, OP_EOI, OP_IRQ, OP_DABT };

int LLVMFuzzerInitialize(int *argc, char ***argv) { (void)argc; (void)argv; sys_boot(3); return 0; }
int LLVMFuzzerTestOneInput(const u8 *data, size_t n) { return sys_run(data, n, ops, sizeof(ops) / sizeof(ops[0])); }

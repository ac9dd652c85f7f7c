/* Fuzz target psci: the HVC/SMC dispatcher and PSCI emulation (function id, arguments, calling vCPU): CPU_ON of the
 * VM's own vCPUs, CPU_OFF, AFFINITY_INFO, SYSTEM_OFF and SYSTEM_RESET with the stops and restarts they cause on
 * other cores, on a GICv3 machine (host/system.c, host/model.c). */
#include "host/harness.h"

static const enum op ops[] = { OP_HVC, OP_HVC, OP_SMC, OP_SMC, OP_SGI1R, OP_IRQ, OP_GICD, OP_SYSREG };

int LLVMFuzzerInitialize(int *argc, char ***argv) { (void)argc; (void)argv; sys_boot(3); return 0; }
int LLVMFuzzerTestOneInput(const u8 *data, size_t n) { return sys_run(data, n, ops, sizeof(ops) / sizeof(ops[0])); }

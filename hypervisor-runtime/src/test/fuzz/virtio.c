/* Fuzz target virtio: the virtio-mmio transports and the virtqueue walk against the VM's RAM, which the guest writes
 * as it likes (descriptors out of the VM, loops, huge lengths, bad indices), with console input for the receive queue
 * (host/system.c, host/model.c). */
#include "host/harness.h"

static const enum op ops[] = { OP_VIRTIO, OP_VIRTIO, OP_VIRTIO, OP_RAM, OP_RAM, OP_CONSOLE_IN, OP_EOI, OP_IRQ, OP_GICD };

int LLVMFuzzerInitialize(int *argc, char ***argv) { (void)argc; (void)argv; sys_boot(2); return 0; }
int LLVMFuzzerTestOneInput(const u8 *data, size_t n) { return sys_run(data, n, ops, sizeof(ops) / sizeof(ops[0])); }

package org.shyperc.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A guest kernel tries QEMU's semihosting under `shyperc run`: SYS_SYSTEM with `touch semihosting-escaped` (a host
 * command, run in QEMU's working folder), then SYS_WRITE0 of a forged power-off line. With `-semihosting` on QEMU's
 * command line both reached the host (the file appeared, the run ended with the forged status 0: tried by hand);
 * without it the first HLT is an undefined instruction at the guest's EL1, its vector is unmapped, and the
 * hypervisor stops the VM for the stage-2 fault.
 */
class SemihostingEscapeTest {
    /**
     * The guest, assembled at 0x4000_0000 (GNU as):
     * adr x1, block; mov x0, #0x12; hlt #0xf000        // SYS_SYSTEM, block = {cmd, length}
     * adr x1, forged; mov x0, #0x04; hlt #0xf000       // SYS_WRITE0
     * mov w0, #0x84000008; hvc #0; b .                 // PSCI SYSTEM_OFF, only if neither call trapped
     * block: .quad cmd, 25; cmd: "touch semihosting-escaped"; forged: "shyper: every VM has stopped, powering off (status 0)\\n"
     */
    private static final String GUEST = "41010010400280d200005ed421020050800080d200005ed4000180520080b072020000d40000001438000040000000001900000000000000746f7563682073656d69686f7374696e672d65736361706564007368797065723a20657665727920564d206861732073746f707065642c20706f776572696e67206f666620287374617475732030290a00";

    @Test
    void aGuestKernelCannotRunAHostCommandOrForgeTheStatus(@TempDir Path dir) throws Exception {
        Files.write(dir.resolve("guest.bin"), HexFormat.of().parseHex(GUEST));
        Files.writeString(dir.resolve("system.shy"), """
                import board "qemu-virt"

                system escape for qemu-virt {
                    vm guest : baremetal {
                        cpus [0]
                        memory @ 0x4000_0000 size 16 MiB
                        kernel "guest.bin" @ 0x4000_0000
                    }
                }
                """);
        Shyperc.Run r = Shyperc.run(dir, 120, "run", "-A", "rust-shyper", "-o", "out", "--timeout", "90", "system.shy");
        assertFalse(Files.exists(dir.resolve("semihosting-escaped")), "a guest ran a host command:\n" + r.output());
        assertTrue(r.output().contains("shyper: vm guest stopped: stage-2 fault"), r.output());
        assertEquals(3, r.exit(), r.output());
        assertTrue(r.output().contains("shyperc: the hypervisor powered off with status 3: a VM stopped on a fault"), r.output());
    }
}

package org.shyperc.cli.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.shyperc.cli.CliRun;
import org.shyperc.compiler.Compilation;
import org.shyperc.compiler.Compiler;
import org.shyperc.runtime.PowerOff;

/**
 * QEMU's command lines for `run` give a guest no way out to the host: with `-semihosting`, QEMU serves any guest
 * kernel's HLT #0xf000 (or riscv64's semihosting break) itself, before the hypervisor could trap it: host files, host
 * commands (SYS_SYSTEM), the machine's exit status. The status comes from the hypervisor's power-off line instead.
 */
class QemuCommandTest {
    @ParameterizedTest
    @ValueSource(strings = {"qemu-virt-baremetal", "qemu-virt-doorbell", "rpi4-qemu", "qemu-riscv64-baremetal"})
    void noBoardRunsWithSemihosting(String example) {
        Compilation c = Compiler.standard().forBuild().compile(List.of(CliRun.root().resolve("examples/" + example + "/system.shy")));
        assertFalse(c.instances().isEmpty(), c.diagnostics().toString());
        for (Compilation.Placed p : c.instances()) {
            List<String> cmd = QemuCommand.forPlan(p.plan(), Path.of("shyper.elf"));
            assertTrue(cmd.stream().noneMatch(a -> a.contains("semihosting")), cmd::toString);
            assertTrue(cmd.contains("-no-reboot"), cmd::toString);
        }
    }

    @Test
    void theStatusIsTheHypervisorsPowerOffLineAndNoGuestsLine() {
        assertEquals(0, PowerOff.status("shyper: every VM has stopped, powering off (status 0)"));
        assertEquals(3, PowerOff.status("shyper: powering off (status 3)"));
        assertEquals(2, PowerOff.status("shyper: cannot start without a valid config blob; powering off (status 2)"));
        // a guest's console line carries its VM's name first: it cannot pass for the hypervisor's
        assertNull(PowerOff.status("[attacker] shyper: every VM has stopped, powering off (status 0)"));
        assertNull(PowerOff.status("shyper: every VM has stopped, powering off (status 0) and more"));
        assertNull(PowerOff.status("shyper: vm beta stopped: SYSTEM_OFF"));
        assertTrue(PowerOff.halted("shyper: no PSCI firmware on this board to power it off: halted"));
        assertFalse(PowerOff.halted("[vm] shyper: no PSCI firmware on this board to power it off: halted"));
    }
}

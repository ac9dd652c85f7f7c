package org.shyperc.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.shyperc.plan.Plan;

/** The runtime on QEMU's Raspberry Pi 4 model (raspi4b): spin-table start, GIC-400, PL011 and mini-UART consoles. */
class Rpi4QemuTest {

    @Test
    void everyVmPrintsFromEachOfItsCoresStartedFromTheSpinTable(@TempDir Path dir) throws Exception {
        Plan plan = TestPlans.onRaspi4b(BootTest.threeVms(), "uart0");
        TestImages.link(plan, BootTest.HELLO).write(dir);
        Qemu.Result r = Qemu.run(Qemu.raspi4bCommand(dir.resolve("shyper.bin"), 0), 60);
        String out = r.output();
        assertFalse(r.timedOut(), out);
        for (String line : List.of("[alpha] vcpu 0: hello (mpidr 0x80000000, el1)", "[alpha] vcpu 0: 3 timer ticks",
                "[beta] vcpu 1: hello (mpidr 0x80000001, el1)", "[beta] all 2 vcpus done", "[gamma] all 1 vcpus done",
                "shyper: every VM has stopped, powering off (status 0)")) {
            assertTrue(r.lines().contains(line), "missing \"" + line + "\" in:\n" + out);
        }
        System.out.printf("MEASURE raspi4b first output after QEMU start: hypervisor %d ms, alpha %d ms, beta %d ms, gamma %d ms;"
                + " whole run %d ms%n", r.firstMillis("shyper: system"), r.firstMillis("[alpha]"), r.firstMillis("[beta]"),
                r.firstMillis("[gamma]"), r.millis());
        assertEquals(0, r.exitCode(), out);
    }

    /**
     * The same guest with the same device tree straight on raspi4b, for the times: QEMU enters it at EL2 and the model has
     * no PSCI to start its other vCPUs with, so the run ends at its first line.
     */
    @Test
    void theSameGuestWithoutHypervisorForComparison(@TempDir Path dir) throws Exception {
        Plan plan = TestPlans.onRaspi4b(BootTest.threeVms(), "uart0");
        Files.write(dir.resolve("hello.bin"), RuntimeImages.aarch64Guest("hello"));
        Files.write(dir.resolve("alpha.dtb"), TestImages.dtb(plan, plan.vm("alpha")));
        List<String> cmd = List.of(Qemu.raspi4bQemu(), "-machine", "raspi4b", "-m", "2G", "-display", "none", "-monitor", "none",
                "-serial", "stdio", "-no-reboot", "-kernel", dir.resolve("hello.bin").toString(),
                "-dtb", dir.resolve("alpha.dtb").toString());
        Qemu.Result r = Qemu.runUntil(cmd, 60, "vcpu 0: hello");
        assertFalse(r.timedOut(), r.output());
        assertTrue(r.lines().contains("vcpu 0: hello (mpidr 0x80000000, el2)"), r.output());
        System.out.printf("MEASURE raspi4b the same guest without hypervisor: first output %d ms%n", r.firstMillis("vcpu 0: hello"));
    }

    @Test
    void theIsolationExampleContainsEveryAttack(@TempDir Path dir) throws Exception {
        Plan plan = ExampleSystemsTest.compile("rpi4-qemu", "isolation.shy");
        ExampleSystemsTest.link("rpi4-qemu", plan, RuntimeImages.aarch64TestRuntime()).write(dir);
        Qemu.Result r = Qemu.run(Qemu.raspi4bCommand(dir.resolve("shyper.bin"), 0), 180, IsolationTest.TYPE_AFTER,
                "typed on the console\n");
        String out = r.output();
        List<String> lines = r.lines();
        assertFalse(r.timedOut(), out);
        for (String attack : IsolationTest.ATTACKS) {
            assertTrue(lines.contains("[attacker] CONTAINED " + attack), "attack " + attack + " not contained:\n" + out);
        }
        assertTrue(lines.contains("[victim] CONTAINED system-off (victim alive after the attacker's SYSTEM_OFF)"), out);
        assertFalse(out.contains("ESCAPED") || out.contains("ALERT"), out);
        // The victim's SD host interrupt reached it once; the attacker's own held level interrupt reached the attacker.
        assertTrue(out.contains(" 1 SD host interrupt(s), 0 alert(s)"), out);
        assertTrue(lines.contains("[attacker] unrouted level SPI: 1 interrupt(s) reached this VM"), out);
        // The line typed on the PL011 while the attacker hogged its virtio console reached it.
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("[attacker] virtio hog:") && l.endsWith("console input arrived")), out);
        assertEquals(0, r.exitCode(), out);
    }

    @Test
    void theMiniUartCarriesTheConsoleOnSerialOne(@TempDir Path dir) throws Exception {
        // The hypervisor prints on the mini-UART; every VM's emulated console is a mini-UART too.
        Plan plan = TestPlans.onRaspi4b(BootTest.threeVms(), "aux-uart");
        TestImages.link(plan, BootTest.HELLO).write(dir);
        Qemu.Result r = Qemu.run(Qemu.raspi4bCommand(dir.resolve("shyper.bin"), 1), 60);
        String out = r.output();
        assertFalse(r.timedOut(), out);
        assertTrue(r.lines().stream().anyMatch(l -> l.startsWith("shyper: system demo, 3 VMs on 4 cores, runtime ")), out);
        for (String line : List.of("[beta] vcpu 1: hello (mpidr 0x80000001, el1)", "[beta] all 2 vcpus done", "[gamma] all 1 vcpus done",
                "shyper: every VM has stopped, powering off (status 0)")) {
            assertTrue(r.lines().contains(line), "missing \"" + line + "\" in:\n" + out);
        }
        assertEquals(0, r.exitCode(), out);
    }
}

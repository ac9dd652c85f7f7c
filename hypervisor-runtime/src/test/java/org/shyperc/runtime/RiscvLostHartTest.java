package org.shyperc.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.shyperc.plan.Plan;

/**
 * riscv64 harts that never arrive (docs/runtime.md, "A hart that never arrives"): one the firmware refuses to start,
 * and one it starts that never comes. Each is named, its VM (gamma, on hart 3 alone) stops as if faulted, alpha and
 * beta run to their end, and the run powers off with status 3 instead of hanging at boot.
 */
class RiscvLostHartTest {

    static final String GAMMA_STOPPED = "shyper: vm gamma stopped: one of its harts never arrived";
    static final String REFUSED = "shyper: hart 3 (core 3) was not started: SBI HSM hart_start failed (-3)";

    /**
     * The 4-hart board on a QEMU with 3 harts: OpenSBI refuses hart_start of hart 3 (gamma's). That used to be a panic
     * (status 99) on the boot hart, whatever the other VMs were doing; now the hart is given up at once, without
     * waiting for the timeout.
     */
    @Test
    void aHartTheFirmwareRefusesToStartIsGivenUpAtOnce(@TempDir Path dir) throws Exception {
        RiscvBootTest.link(RiscvPlans.threeVms(), RiscvBootTest.HELLO, RuntimeImages.riscv64TestRuntime()).write(dir);
        List<String> cmd = new ArrayList<>(Qemu.riscvCommand(dir.resolve("shyper.elf")));
        cmd.set(cmd.indexOf("-smp") + 1, "3");
        Qemu.Result r = Qemu.run(cmd, 60);
        String out = r.output();
        List<String> lines = r.lines();
        assertFalse(r.timedOut(), out);
        assertTrue(lines.contains(REFUSED), out);
        assertTrue(lines.indexOf(GAMMA_STOPPED) > lines.indexOf(REFUSED), out);
        // at once: a few ms after the banner, not the 5 s of a started hart
        assertTrue(r.firstMillis(GAMMA_STOPPED) - r.firstMillis("shyper: system demo") < 4000, out);
        for (String line : List.of("[alpha] all 1 vcpus done", "[beta] all 2 vcpus done",
                "shyper: every VM has stopped, powering off (status 3)")) {
            assertTrue(lines.contains(line), "missing \"" + line + "\" in:\n" + out);
        }
        assertFalse(out.contains("[gamma]"), out);
        assertEquals(3, r.exitCode(), out);
    }

    /**
     * QEMU starts with every hart stopped, and the gdbstub resumes them a few at a time: hart 0 alone first (it boots
     * the machine and starts harts 1-3 with SBI HSM, which OpenSBI reports done), then harts 1 and 2 (beta's). Hart 3,
     * gamma's only hart, stays stopped: started as far as the firmware knows, it never comes. Once the boot hart has
     * given it up, it is let go, and arrives late. With Sstc the boot hart's check runs on stimecmp, without it on the
     * SBI timer; either way beside alpha's guest, which runs on that hart all along.
     */
    @ParameterizedTest(name = "-cpu {0}")
    @ValueSource(strings = {"rv64", "rv64,sstc=off"})
    void aStartedHartThatNeverArrivesIsNamedAndItsVmStops(String cpu, @TempDir Path dir) throws Exception {
        Plan p = RiscvPlans.threeVms();
        // alpha runs for 10 s of ticks: past the boot hart's check at 5 s, and past hart 3's late arrival
        Plan plan = RiscvPlans.plan("demo", List.of(RiscvBootTest.args(p.vm("alpha"), "ticks=0x3e8"), p.vm("beta"),
                p.vm("gamma")), List.of());
        RiscvBootTest.link(plan, RiscvBootTest.HELLO, RuntimeImages.riscv64TestRuntime()).write(dir);
        List<String> cmd = new ArrayList<>(Qemu.riscvCommand(dir.resolve("shyper.elf")));
        cmd.set(cmd.indexOf("rv64"), cpu);
        String named = "shyper: hart 3 (core 3) was started by SBI HSM hart_start but has not arrived after 5 s";
        String late = "shyper: hart 3 (core 3) arrived after it was given up; it stays idle";
        try (QemuSession s = QemuSession.start(cmd, dir, List.of("-S")); GdbRemote gdb = connect(s)) {
            List<String> harts = gdb.threads();
            assertEquals(4, harts.size(), harts.toString());
            gdb.resumeOnly(harts.subList(0, 1));
            // alpha's vCPU 0 waits for no other VM's hart: it runs while harts 1-3 have not come
            assertTrue(s.await(l -> l.contains("[alpha] vcpu 0: hello (hart 0, s-mode)"), 30),
                    "alpha did not run before the other harts arrived:\n" + s.output());
            gdb.interrupt();
            gdb.resumeOnly(harts.subList(0, 3));
            assertTrue(s.await(l -> l.contains(GAMMA_STOPPED), 60), "gamma was not given up:\n" + s.output());
            gdb.interrupt();
            gdb.resumeOnly(harts);
            assertTrue(s.await(l -> l.stream().anyMatch(x -> x.startsWith("shyper: every VM has stopped")), 60),
                    "no power-off:\n" + s.output());
            assertTrue(s.awaitExit(30), "QEMU did not exit:\n" + s.output());
            List<String> lines = s.lines();
            String out = s.output();
            assertTrue(lines.contains(named), out);
            assertTrue(lines.indexOf(GAMMA_STOPPED) > lines.indexOf(named), out);
            for (String line : List.of("[beta] vcpu 1: hello (hart 1, s-mode)", "[beta] all 2 vcpus done",
                    "[alpha] vcpu 0: 1000 timer ticks", "[alpha] all 1 vcpus done")) {
                assertTrue(lines.contains(line), "missing \"" + line + "\" in:\n" + out);
            }
            // alpha's guest went on on the boot hart through the check, and hart 3 came late, found itself given up
            assertTrue(lines.indexOf("[alpha] all 1 vcpus done") > lines.indexOf(GAMMA_STOPPED), out);
            assertTrue(lines.indexOf(late) > lines.indexOf(GAMMA_STOPPED), out);
            assertFalse(out.contains("[gamma]"), out);
            assertEquals("shyper: every VM has stopped, powering off (status 3)", lines.get(lines.size() - 1), out);
        }
    }

    /** QEMU's gdbstub socket, once QEMU has made it. */
    static GdbRemote connect(QemuSession s) throws IOException, InterruptedException {
        for (int tries = 0; ; tries++) {
            try {
                return s.gdb();
            } catch (IOException e) {
                if (tries == 100) throw e;
                Thread.sleep(100);
            }
        }
    }
}

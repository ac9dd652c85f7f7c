package org.shyperc.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.shyperc.abi.BlobLayout;
import org.shyperc.plan.Plan;

/**
 * The runtime's trap counters (docs/runtime.md, "Trap statistics"): with the blob's FLAG_TRAP_STATS it prints, at
 * power-off, a table of exits to EL2 (riscv64: HS) by cause with a column per VM; without the flag, nothing.
 */
class TrapStatsTest {

    /** Rows of the table: cause, then one count per VM in the header's order. */
    static Map<String, long[]> table(Qemu.Result r) {
        Map<String, long[]> rows = new LinkedHashMap<>();
        for (String l : r.lines()) {
            if (!l.startsWith("shyper: traps: ") || l.startsWith("shyper: traps: cause ")) continue;
            String row = l.substring("shyper: traps: ".length());
            String cause = row.substring(0, 34).trim();
            List<Long> counts = new ArrayList<>();
            for (String n : row.substring(34).trim().split(" +")) counts.add(Long.parseLong(n));
            rows.put(cause, counts.stream().mapToLong(Long::longValue).toArray());
        }
        return rows;
    }

    private static Qemu.Result boot(Plan plan, int flags, Path dir) throws Exception {
        TestImages.link(plan, BootTest.HELLO, RuntimeImages.aarch64Runtime(), flags).write(dir);
        Qemu.Result r = Qemu.run(Qemu.hypervisorCommand(dir.resolve("shyper.elf"), TestImages.gicVersion(plan)), 60);
        assertFalse(r.timedOut(), r.output());
        assertEquals(0, r.exitCode(), r.output());
        return r;
    }

    /** Each of these rows has a nonzero count for each of the three VMs. */
    private static void assertEveryVmCounts(Map<String, long[]> t, List<String> causes, String out) {
        for (String cause : causes) {
            long[] c = t.get(cause);
            assertTrue(c != null && c.length == 3 && c[0] > 0 && c[1] > 0 && c[2] > 0, cause + " in:\n" + out);
        }
    }

    /** The total row is each column's sum. */
    private static void assertTotals(Map<String, long[]> t, String out) {
        for (int vm = 0; vm < 3; vm++) {
            long sum = 0;
            for (Map.Entry<String, long[]> e : t.entrySet()) if (!e.getKey().equals("total")) sum += e.getValue()[vm];
            assertEquals(t.get("total")[vm], sum, "total of column " + vm + " in:\n" + out);
        }
    }

    private static void assertTable(Qemu.Result r, String gicRow) {
        String out = r.output();
        List<String> lines = r.lines();
        int title = lines.indexOf("shyper: trap statistics: exits from guests to EL2 by cause");
        assertTrue(title >= 0, out);
        assertTrue(lines.get(title + 1).matches("shyper: traps: cause +alpha +beta +gamma"), out);
        // printed once every VM has stopped, right before the power-off line
        assertTrue(title > lines.indexOf("shyper: vm beta stopped: SYSTEM_OFF"), out);
        Map<String, long[]> t = table(r);
        // each `hello` vCPU prints two lines through the emulated UART (a trap per byte), takes 3 timer interrupts,
        // reads the distributor and powers off with PSCI; beta has two vCPUs
        assertEveryVmCounts(t, List.of("data abort: vUART", "IRQ: virtual timer", "HVC: PSCI", gicRow, "total"), out);
        assertTrue(t.get("IRQ: virtual timer")[0] >= 3 && t.get("IRQ: virtual timer")[1] >= 6, out);
        assertTrue(t.get("data abort: vUART")[1] > t.get("data abort: vUART")[0], out);
        assertTotals(t, out);
        assertFalse(t.containsKey("data abort: other (stage-2 fault)"), out);
    }

    @Test
    void theTableAppearsWhenAskedOnGicv2(@TempDir Path dir) throws Exception {
        assertTable(boot(BootTest.threeVms(), BlobLayout.FLAG_TRAP_STATS, dir), "data abort: vGIC distributor");
    }

    @Test
    void theTableAppearsWhenAskedOnGicv3(@TempDir Path dir) throws Exception {
        assertTable(boot(TestPlans.onGicv3(BootTest.threeVms()), BlobLayout.FLAG_TRAP_STATS, dir), "data abort: vGIC redistributor");
    }

    /** riscv64 counts its exits to HS by its own causes: SBI calls by extension, guest-page faults by device, interrupts. */
    @Test
    void theTableAppearsWhenAskedOnRiscv64(@TempDir Path dir) throws Exception {
        RiscvBootTest.link(RiscvPlans.threeVms(), RiscvBootTest.HELLO, RuntimeImages.riscv64Runtime(), BlobLayout.FLAG_TRAP_STATS)
                .write(dir);
        Qemu.Result r = Qemu.run(Qemu.riscvCommand(dir.resolve("shyper.elf")), 60);
        String out = r.output();
        assertFalse(r.timedOut(), out);
        assertEquals(0, r.exitCode(), out);
        List<String> lines = r.lines();
        int title = lines.indexOf("shyper: trap statistics: exits from guests to HS by cause");
        assertTrue(title > lines.indexOf("shyper: vm beta stopped: SBI system shutdown"), out);
        assertTrue(lines.get(title + 1).matches("shyper: traps: cause +alpha +beta +gamma"), out);
        Map<String, long[]> t = table(r);
        // each `hello` vCPU prints through the emulated UART (a guest-page fault per byte), sets its timer by SBI three
        // times at least, and shuts down by SBI; beta's second vCPU is started through HSM
        assertEveryVmCounts(t, List.of("guest-page fault: vUART", "SBI: timer", "SBI: other (base, reset, unknown)", "total"), out);
        assertTrue(t.get("SBI: timer")[0] >= 3 && t.get("SBI: timer")[1] >= 6, out);
        assertTrue(t.containsKey("SBI: hart state") && t.get("SBI: hart state")[1] > 0, out);
        assertTrue(t.get("guest-page fault: vUART")[1] > t.get("guest-page fault: vUART")[0], out);
        assertTotals(t, out);
        assertFalse(t.containsKey("guest-page fault: other"), out);
        assertFalse(out.contains("shyper: boot (us since reset)"), out);
    }

    /**
     * riscv64 with Sstc: the hypervisor's timer is a watchdog WATCHDOG_TICKS after the guest's deadline (docs/runtime.md,
     * "A lost timer interrupt"). alpha keeps its interrupts masked for 20 ms past its deadline, without a trap: the
     * watchdog fires meanwhile (an exit beta and gamma, which take their interrupts at once, need not see), and alpha
     * still gets its interrupt when it unmasks.
     */
    @Test
    void theRiscv64TimerWatchdogFiresWhileAGuestLeavesItsTimerInterruptUntaken(@TempDir Path dir) throws Exception {
        Plan p = RiscvPlans.threeVms();
        Plan held = RiscvPlans.plan("demo", List.of(RiscvBootTest.args(p.vm("alpha"), "hold=0x14"), p.vm("beta"), p.vm("gamma")), List.of());
        RiscvBootTest.link(held, RiscvBootTest.HELLO, RuntimeImages.riscv64Runtime(), BlobLayout.FLAG_TRAP_STATS).write(dir);
        Qemu.Result r = Qemu.run(Qemu.riscvCommand(dir.resolve("shyper.elf")), 60);
        String out = r.output();
        assertFalse(r.timedOut(), out);
        assertEquals(0, r.exitCode(), out);
        assertTrue(r.lines().contains("[alpha] hold: the timer interrupt came after 20 ms masked"), out);
        long[] watchdog = table(r).get("IRQ: timer (guest deadline, boot)");
        assertTrue(watchdog != null && watchdog[0] >= 1, out);
    }

    @Test
    void noTableUnlessAsked(@TempDir Path dir) throws Exception {
        Qemu.Result r = boot(BootTest.threeVms(), 0, dir);
        assertTrue(r.lines().contains("shyper: every VM has stopped, powering off (status 0)"), r.output());
        assertFalse(r.output().contains("shyper: trap"), r.output());
    }
}

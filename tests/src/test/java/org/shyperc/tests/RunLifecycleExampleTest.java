package org.shyperc.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * `shyperc run` on the lifecycle example (production runtime, no test hooks), on GICv2 and GICv3: a VM that faults
 * is restarted and prints its banner again while the management VM never stops beating; a VM that stops kicking its
 * watchdog is restarted; a waiting VM is started by the management VM only (another VM's start hypercall is DENIED).
 */
class RunLifecycleExampleTest {
    private static final Pattern BEAT = Pattern.compile("\\[mgr\\] beat (\\d+) at (\\d+) us");
    private static final Pattern BANNER = Pattern.compile("\\[(\\w+)\\] life: boot (\\d+) at (\\d+) us");
    private static final Pattern FAULTING = Pattern.compile("\\[crasher\\] faulting at (\\d+) us");

    @ParameterizedTest
    @ValueSource(strings = {"qemu-virt", "qemu-virt-gicv3"})
    void faultsAndWatchdogsRestartTheirVmAndOnlyTheManagementVmStartsOne(String board, @TempDir Path out) throws Exception {
        Shyperc.Run r = Shyperc.run(Shyperc.ROOT, 150, "run", "examples/qemu-virt-lifecycle/system.shy", "--board", board,
                "-o", out.toString(), "--timeout", "120");
        String o = r.output();
        List<String> lines = o.lines().toList();
        assertEquals(0, r.exit(), o);

        // crasher: a stage-2 fault on its first boot, restarted, its banner again, then it runs to the end
        int fault = index(lines, "shyper: vm crasher: stage-2 fault at IPA 0x50000000 (write)");
        int restart = index(lines, "shyper: vm crasher restarting (stage-2 fault)");
        int again = indexMatching(lines, "[crasher] life: boot 2 at ");
        assertTrue(indexMatching(lines, "[crasher] life: boot 1 at ") < fault && fault < restart && restart < again, o);
        assertTrue(o.contains("[crasher] life: 20 beats done on boot 2"), o);
        assertTrue(!o.contains("[crasher] ERROR"), o);

        // watched: kicks every beat, stalls on its first boot; the watchdog restarts it once, never on its second boot
        int stall = indexMatching(lines, "[watched] stalling at ");
        int expired = index(lines, "shyper: vm watched: watchdog expired (no kick for 200 ms)");
        int wRestart = index(lines, "shyper: vm watched restarting (watchdog expired)");
        int wAgain = indexMatching(lines, "[watched] life: boot 2 at ");
        assertTrue(stall < expired && expired < wRestart && wRestart < wAgain, o);
        assertEquals(1, count(lines, "watchdog expired (no kick"), o);
        assertTrue(o.contains("[watched] kick: 0"), "the kick hypercall answers 0 to a VM with a watchdog:\n" + o);
        assertTrue(o.contains("[watched] life: 20 beats done on boot 2"), o);

        // waiter: refused to crasher (DENIED), started by mgr (0; again: -4, no longer waiting), silent until then
        int denied = index(lines, "[crasher] start vm 3: -3, again: -3");
        int started = index(lines, "shyper: vm waiter started by the management VM");
        int granted = index(lines, "[mgr] start vm 3: 0, again: -4");
        int waiterUp = indexMatching(lines, "[waiter] life: boot 1 at ");
        assertTrue(denied < started && started < waiterUp && started < granted, o);
        assertEquals(1, count(lines, "[waiter] life: boot"), o);
        assertTrue(o.contains("[waiter] life: 10 beats done on boot 1"), o);

        // mgr never stopped: beats 1..80 in order, the last after both restarts, no gap near a restart's length
        List<long[]> beats = new ArrayList<>();
        for (String l : lines) {
            Matcher m = BEAT.matcher(l);
            if (m.find()) beats.add(new long[] {Long.parseLong(m.group(1)), Long.parseLong(m.group(2))});
        }
        assertEquals(80, beats.size(), o);
        long worst = 0;
        for (int i = 0; i < beats.size(); i++) {
            assertEquals(i + 1, beats.get(i)[0], o);
            if (i > 0) worst = Math.max(worst, beats.get(i)[1] - beats.get(i - 1)[1]);
        }
        int lastBeat = indexMatching(lines, "[mgr] beat 80 at ");
        assertTrue(lastBeat > again && lastBeat > wAgain, "mgr beat on after both restarts:\n" + o);
        assertTrue(worst < 1_000_000, "mgr's longest pause between 50 ms beats was " + worst + " us:\n" + o);
        assertTrue(o.contains("shyper: every VM has stopped, powering off (status 0)"), o);

        // the figure bench/README.md quotes: from crasher's fault to its banner again (the guest's counter, in us)
        long faultAt = 0;
        long bannerAt = 0;
        for (String l : lines) {
            Matcher f = FAULTING.matcher(l);
            if (f.find()) faultAt = Long.parseLong(f.group(1));
            Matcher b = BANNER.matcher(l);
            if (b.find() && b.group(1).equals("crasher") && b.group(2).equals("2")) bannerAt = Long.parseLong(b.group(3));
        }
        assertTrue(faultAt > 0 && bannerAt > faultAt, o);
        System.out.printf("lifecycle %s: crasher restarted in %d us (fault to banner); mgr's longest pause %d us%n", board,
                bannerAt - faultAt, worst);
    }

    private static int index(List<String> lines, String exact) {
        for (int i = 0; i < lines.size(); i++) if (lines.get(i).contains(exact)) return i;
        throw new AssertionError("no line `" + exact + "` in:\n" + String.join("\n", lines));
    }

    private static int indexMatching(List<String> lines, String start) {
        return index(lines, start);
    }

    private static long count(List<String> lines, String part) {
        return lines.stream().filter(l -> l.contains(part)).count();
    }
}

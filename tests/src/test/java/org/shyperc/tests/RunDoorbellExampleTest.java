package org.shyperc.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * `shyperc run` on the doorbell example, GICv2 and GICv3: two bare-metal VMs ping-pong through doorbells, a ring of
 * a doorbell a VM was not given is refused, and a storm of rings is coalesced: every raised ring is exactly one
 * interrupt of the receiver, which keeps running.
 */
class RunDoorbellExampleTest {
    private static final Pattern STORM = Pattern.compile(
            "storm: (\\d+) rings: (\\d+) raised, (\\d+) coalesced, (\\d+) masked, (\\d+) failed; the receiver took (\\d+) interrupts");

    @ParameterizedTest
    @ValueSource(strings = {"qemu-virt", "qemu-virt-gicv3"})
    void doorbellsPingPongAreRefusedWhereNotGivenAndCoalesceAStorm(String board, @TempDir Path out) throws Exception {
        Shyperc.Run r = Shyperc.run(Shyperc.ROOT, 240, "run", "examples/qemu-virt-doorbell/system.shy", "--board", board,
                "-o", out.toString(), "--timeout", "200");
        String o = r.output();
        assertTrue(o.contains("[ping] doorbell ping-pong: median of 1000 round trips"), o);
        assertTrue(!o.contains("rings not raised"), o);
        assertTrue(o.contains("[ping] shared-memory flag ping-pong: median of 1000 round trips"), o);
        assertTrue(o.contains("[ping] ring the other VM's doorbell 1: -3; doorbell 0x1234: -3; 2^32 + own: -3;"
                + " function 0xc600002f: -1"), o);
        assertTrue(o.contains("[ping] DOORBELL REFUSED OK"), o);
        Matcher m = STORM.matcher(o);
        assertTrue(m.find(), o);
        long rings = Long.parseLong(m.group(1)), raised = Long.parseLong(m.group(2)), coalesced = Long.parseLong(m.group(3));
        long taken = Long.parseLong(m.group(6));
        assertEquals(100_000, rings, o);
        assertEquals(raised, taken, "each raised ring is one interrupt of the receiver:\n" + o);
        assertTrue(coalesced > 0 && raised + coalesced == rings, o);
        assertTrue(o.contains("[ping] STORM CONTAINED"), o);
        assertTrue(o.contains("[pong] answered: "), o);
        assertTrue(o.contains("shyper: vm ping stopped: SYSTEM_OFF"), o);
        assertTrue(o.contains("shyper: vm pong stopped: SYSTEM_OFF"), o);
        assertEquals(0, r.exit(), o);
    }
}

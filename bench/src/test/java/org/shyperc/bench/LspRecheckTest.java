package org.shyperc.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The language-server re-check benchmark runs end to end. The bound is loose on purpose (CI
 * machines are shared): it catches a re-check that grows out of proportion, not a few ms;
 * the figure itself comes from running LspRecheck's main (see bench/README.md).
 */
class LspRecheckTest {
    @Test
    void everyEditOfATwoThousandLineSystemIsRecheckedQuickly() throws Exception {
        assertTrue(LspRecheck.sizedTo(2000).lines().count() >= 2000);
        List<Double> times = LspRecheck.run(2000, 30, 30);
        assertEquals(30, times.size());
        double median = LspRecheck.percentile(times, 0.5);
        assertTrue(median < 250, "median re-check " + median + " ms");
    }
}

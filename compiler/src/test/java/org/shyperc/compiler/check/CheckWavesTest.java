package org.shyperc.compiler.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.shyperc.dsl.diag.Code;

/** The waves the runner runs in parallel: every check once, each after every check it depends on. */
class CheckWavesTest {
    @Test
    void everyCheckRunsOnceAfterTheChecksOfItsPrerequisites() {
        List<Check> all = Checks.ALL;
        List<int[]> waves = CheckRunner.waves(all);
        int[] waveOf = new int[all.size()];
        java.util.Arrays.fill(waveOf, -1);
        List<Integer> seen = new ArrayList<>();
        for (int w = 0; w < waves.size(); w++) {
            int last = -1;
            for (int i : waves.get(w)) {
                assertEquals(-1, waveOf[i], all.get(i) + " is in two waves");
                assertTrue(i > last, "a wave keeps registration order");
                last = i;
                waveOf[i] = w;
                seen.add(i);
            }
        }
        assertEquals(all.size(), seen.size());
        for (int i = 0; i < all.size(); i++) {
            for (Code p : all.get(i).prerequisites()) {
                for (int j = 0; j < all.size(); j++) {
                    if (all.get(j).code() == p) {
                        assertTrue(waveOf[j] < waveOf[i], all.get(i) + " runs in wave " + waveOf[i] + ", its prerequisite "
                                + all.get(j) + " in wave " + waveOf[j]);
                    }
                }
            }
        }
    }

    @Test
    void checksWithoutPrerequisitesShareTheFirstWave() {
        List<int[]> waves = CheckRunner.waves(Checks.ALL);
        for (int i = 0; i < Checks.ALL.size(); i++) {
            if (Checks.ALL.get(i).prerequisites().isEmpty()) {
                int index = i;
                assertTrue(java.util.Arrays.stream(waves.get(0)).anyMatch(k -> k == index), Checks.ALL.get(i).toString());
            }
        }
        assertTrue(waves.get(0).length > 1 && waves.size() > 1, "first wave " + waves.get(0).length + ", " + waves.size() + " waves");
    }
}

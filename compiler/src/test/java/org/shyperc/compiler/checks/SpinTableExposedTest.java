package org.shyperc.compiler.checks;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.shyperc.plan.Colouring;

/**
 * SHY0406 on coloured RAM: which release words a coloured region maps. A board of 8 colours (a period of 32 KiB), a
 * region's pages starting at {@code BASE}; the corpus case colour/spin-table-in-stretch shows the same in a system.
 */
class SpinTableExposedTest {
    static final long BASE = 0x4800_0000L;
    static final long PAGE = Colouring.PAGE;
    static final long PERIOD = 8 * PAGE;

    @Test
    void aWordInTheRegionsFirstPageIsMapped() {
        Colouring c = Colouring.of(List.of(0, 1), 8, false, 4 * PAGE);
        assertTrue(SpinTableExposed.maps(c, BASE, 4 * PAGE, BASE));
        assertTrue(SpinTableExposed.maps(c, BASE, 4 * PAGE, BASE + PAGE - 8));
    }

    @Test
    void aWordBelowTheRegionIsNot() {
        // just below its base, where a signed division would round page -1 up to page 0, colour 0
        Colouring c = Colouring.of(List.of(0, 1), 8, false, 4 * PAGE);
        assertFalse(SpinTableExposed.maps(c, BASE, 4 * PAGE, BASE - 8));
        assertFalse(SpinTableExposed.maps(c, BASE, 4 * PAGE, BASE - PERIOD));
    }

    @Test
    void onlyPagesOfItsColoursAreMapped() {
        Colouring c = Colouring.of(List.of(1, 3), 8, false, 8 * PAGE);
        assertTrue(SpinTableExposed.maps(c, BASE, 8 * PAGE, BASE + PERIOD + PAGE));
        assertFalse(SpinTableExposed.maps(c, BASE, 8 * PAGE, BASE + PERIOD + 2 * PAGE));
        assertTrue(SpinTableExposed.maps(c, BASE, 8 * PAGE, BASE + PERIOD + 3 * PAGE + 0xff8));
        assertFalse(SpinTableExposed.maps(c, BASE, 8 * PAGE, BASE + PERIOD + 7 * PAGE));
    }

    @Test
    void theLastPeriodIsMappedUpToTheRegionsLastPage() {
        // 5 pages in colours 1 and 3: periods 0 and 1 whole, then colour 1's page of period 2 only
        Colouring c = Colouring.of(List.of(1, 3), 8, false, 5 * PAGE);
        assertTrue(SpinTableExposed.maps(c, BASE, 5 * PAGE, BASE + 2 * PERIOD + PAGE));
        assertFalse(SpinTableExposed.maps(c, BASE, 5 * PAGE, BASE + 2 * PERIOD + 3 * PAGE));
        assertFalse(SpinTableExposed.maps(c, BASE, 5 * PAGE, BASE + 3 * PERIOD + PAGE));
        // a size that is not whole pages still maps its last page
        assertTrue(SpinTableExposed.maps(c, BASE, 4 * PAGE + 1, BASE + 2 * PERIOD + PAGE));
    }
}

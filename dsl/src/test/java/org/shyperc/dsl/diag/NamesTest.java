package org.shyperc.dsl.diag;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class NamesTest {
    private static final List<String> COMMANDS = List.of("check", "build", "run", "explain", "import", "fmt", "lsp", "init");

    @Test
    void didYouMeanStopsAtEditDistanceTwo() {
        assertEquals(Optional.of("check"), Names.closest("chek", COMMANDS));
        assertEquals(Optional.empty(), Names.closest("frob", COMMANDS));
    }

    @Test
    void aNameThatDiffersOnlyInCaseIsTheClosestAtAnyLength() {
        // three edits apart, yet the one a user meant: `RTC` for the board's `rtc`
        assertEquals(Optional.of("rtc"), Names.closest("RTC", List.of("rtc", "gpio", "uart0")));
        assertEquals(Optional.of("uart0"), Names.closest("UART0", List.of("uart1", "uart0")));
        // ahead of a candidate one edit away
        assertEquals(Optional.of("rtc"), Names.closest("Rtc", List.of("rtd", "rtc")));
        assertEquals("Did you mean `rtc`?", Names.didYouMean("RTC", List.of("rtc")));
    }

    @Test
    void theNearestIsNamedAtAnyDistanceWithTiesGoingToTheLongerPrefix() {
        // `fmt` and `run` are both three edits from `frob`; `fmt` shares its first letter
        assertEquals(Optional.of("fmt"), Names.nearest("frob", COMMANDS));
        assertEquals(Optional.of("explain"), Names.nearest("explanations", COMMANDS));
        // a tie that a prefix does not break names nothing
        assertEquals(Optional.empty(), Names.nearest("zz", List.of("ab", "cd")));
        assertEquals(Optional.empty(), Names.nearest("x", List.of()));
    }
}

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
    void theNearestIsNamedAtAnyDistanceWithTiesGoingToTheLongerPrefix() {
        // `fmt` and `run` are both three edits from `frob`; `fmt` shares its first letter
        assertEquals(Optional.of("fmt"), Names.nearest("frob", COMMANDS));
        assertEquals(Optional.of("explain"), Names.nearest("explanations", COMMANDS));
        // a tie that a prefix does not break names nothing
        assertEquals(Optional.empty(), Names.nearest("zz", List.of("ab", "cd")));
        assertEquals(Optional.empty(), Names.nearest("x", List.of()));
    }
}

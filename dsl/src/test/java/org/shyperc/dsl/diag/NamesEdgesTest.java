package org.shyperc.dsl.diag;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The edges of "did you mean": distance 2 is offered, a name is never its own suggestion, ties are ordered. */
class NamesEdgesTest {
    @Test
    void distancesAreEditsUpToTwo() {
        assertEquals(0, Names.distance("abc", "abc"));
        assertEquals(2, Names.distance("", "ab"));
        assertEquals(2, Names.distance("ab", ""));
        assertEquals(2, Names.distance("ab", "cd"));
        assertEquals(1, Names.distance("abc", "abd"));
        assertEquals(2, Names.distance("abc", "abcde"));
        assertEquals(3, Names.distance("abc", "abcdef")); // past the cap: cap + 1
        assertEquals(3, Names.distance("abc", "xyz"));
    }

    @Test
    void aSwapOfNeighboursIsOneEdit() {
        assertEquals(1, Names.distance("wr", "rw"));
        assertEquals(1, Names.distance("memroy", "memory"));
        assertEquals(2, Names.distance("abcd", "badc"));
        assertEquals(3, Names.distance("ca", "abc")); // a swapped pair is not edited again (optimal string alignment)
        assertEquals(Optional.of("rw"), Names.closest("wr", List.of("ro", "rw")));
    }

    @Test
    void aNameIsNotItsOwnSuggestion() {
        assertEquals(Optional.empty(), Names.closest("check", List.of("check")));
        assertEquals(Optional.of("chek"), Names.closest("check", List.of("check", "chek")));
    }

    @Test
    void distanceTwoIsOfferedOnlyWhenTheNameIsLongerThanThat() {
        assertEquals(Optional.of("check"), Names.closest("chk", List.of("check")));
        assertEquals(Optional.of("abcde"), Names.closest("abc", List.of("abcde")));
        assertEquals(Optional.empty(), Names.closest("ab", List.of("cd")));
        assertEquals(Optional.of("ax"), Names.closest("ab", List.of("ax")));
        assertEquals(Optional.empty(), Names.closest("a", List.of("b")));
        assertEquals(Optional.empty(), Names.closest("", List.of("b")));
    }

    @Test
    void theClosestWinsThenTheFirstInAlphabeticalOrder() {
        assertEquals(Optional.of("check"), Names.closest("chek", List.of("abek", "check")));
        assertEquals(Optional.of("bat"), Names.closest("cat", List.of("cab", "bat")));
        assertEquals("Did you mean `bat`?", Names.didYouMean("cat", List.of("cab", "bat")));
        assertEquals(null, Names.didYouMean("zzzz", List.of("cab", "bat")));
    }

    @Test
    void theNearestByDistanceBeforePrefix() {
        assertEquals(Optional.of("check"), Names.nearest("xheck", List.of("xylophone", "check")));
        assertEquals(Optional.of("y"), Names.nearest("x", List.of("y")));
        // a prefix of a candidate, and a candidate that is a prefix of the name
        assertEquals(Optional.empty(), Names.nearest("ab", List.of("abc", "abd")));
        assertEquals(Optional.of("ab"), Names.nearest("abc", List.of("bc", "ab")));
    }
}

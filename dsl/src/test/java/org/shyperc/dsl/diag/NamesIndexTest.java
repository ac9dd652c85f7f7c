package org.shyperc.dsl.diag;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.shyperc.dsl.Gens;

/** "Did you mean" made ready for many look-ups: exact among few candidates, bounded and still useful among many. */
class NamesIndexTest {

    /** Up to {@link Names.Index#EXACT_UP_TO} candidates the index answers what comparing with each answers. */
    @Test
    void amongFewCandidatesTheIndexIsTheScan() {
        Gens.qt(400).forAll(Gens.fromRandom(r -> names(r, 1 + r.nextInt(Names.Index.EXACT_UP_TO), "abAB01-"))).checkAssert(names -> {
            Names.Index index = Names.Index.of(names);
            for (String name : names.subList(0, Math.min(names.size(), 20))) {
                String slipped = name.length() > 1 ? name.substring(1) : name + "x";
                assertEquals(Names.closest(slipped, names), index.closest(slipped), slipped + " among " + names);
                assertEquals(Names.closest(name, names), index.closest(name), name + " among " + names);
            }
        });
    }

    /** Among many, whatever it names is a name within reach, chosen as the scan would choose among those it looked at. */
    @Test
    void amongManyCandidatesWhatIsNamedIsWithinTwoEditsOrInAnotherCase() {
        Gens.qt(60).forAll(Gens.fromRandom(r -> names(r, Names.Index.EXACT_UP_TO + 1 + r.nextInt(2000), "abcAB01_"))).checkAssert(names -> {
            Names.Index index = Names.Index.of(names);
            Random r = new Random(names.size());
            for (int i = 0; i < 50; i++) {
                String name = slip(names.get(r.nextInt(names.size())), r);
                Optional<String> got = index.closest(name);
                if (got.isEmpty()) continue;
                String c = got.get();
                assertTrue(!c.equals(name) && (c.equalsIgnoreCase(name) || Names.distance(name, c) <= 2), name + " -> " + c);
            }
        });
    }

    @Test
    void amongManyASlipAtEitherEndAndALetterCaseAreFound() {
        List<String> devices = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) devices.add("serial" + i);
        devices.add("rtc");
        devices.add("gpio-controller");
        Collections.shuffle(devices, new Random(7));
        Names.Index index = Names.Index.of(devices);
        assertEquals(Optional.of("serial1234"), index.closest("serial1234x"));          // late: the start is kept
        assertEquals(Optional.of("serial1234"), index.closest("xserial1234"));          // early: the end is kept
        assertEquals(Optional.of("serial1234"), index.closest("SERIAL1234"));           // any case, however far
        assertEquals(Optional.of("gpio-controller"), index.closest("gpio-contoller"));
        assertEquals(Optional.of("rtc"), index.closest("RTC"));
        assertEquals(Optional.empty(), index.closest("zzzzzz"));
        assertEquals("Did you mean `rtc`?", index.didYouMean("rtx"));
        // the candidates' order does not matter
        Collections.reverse(devices);
        assertEquals(Optional.of("serial1234"), Names.Index.of(devices).closest("xserial1234"));
    }

    /** The collection-taking form stays exact for few and agrees with an index for many. */
    @Test
    void closestOfACollectionIsTheIndexes() {
        List<String> many = new ArrayList<>();
        for (int i = 0; i < 1000; i++) many.add("vm" + i);
        assertEquals(Names.Index.of(many).closest("vm12x"), Names.closest("vm12x", many));
        assertEquals(Optional.of("vm12"), Names.closest("vm12x", many));
    }

    /** The distance is computed in a band along the diagonal: the same as the whole table, up to the cap. */
    @Test
    void theBandedDistanceIsTheWholeTablesUpToTwo() {
        Gens.qt(3000).forAll(Gens.stringsOf("abc", 0, 9), Gens.stringsOf("abc", 0, 9)).checkAssert((a, b) ->
                assertEquals(Math.min(3, wholeTable(a, b)), Math.min(3, Names.distance(a, b)), a + " / " + b));
        // two long names that differ at their ends: the band is a few cells a row, the whole table 10^8
        String stem = "a".repeat(10_000);
        assertEquals(1, Names.distance(stem + "b", stem + "c"));
        assertEquals(2, Names.distance("x" + stem + "b", stem + "c"));
        assertEquals(Optional.of(stem + "b"), Names.closest(stem + "c", List.of(stem + "b", "rtc")));
    }

    /** Optimal string alignment over the whole table, for comparison. */
    private static int wholeTable(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) d[i][0] = i;
        for (int j = 0; j <= b.length(); j++) d[0][j] = j;
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }

    private static List<String> names(Random r, int n, String chars) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            StringBuilder b = new StringBuilder();
            for (int k = 1 + r.nextInt(8); k > 0; k--) b.append(chars.charAt(r.nextInt(chars.length())));
            out.add(b.toString());
        }
        return out;
    }

    private static String slip(String s, Random r) {
        int at = r.nextInt(s.length() + 1);
        return switch (r.nextInt(3)) {
            case 0 -> s.substring(0, at) + "z" + s.substring(at);
            case 1 -> at < s.length() ? s.substring(0, at) + s.substring(at + 1) : s + "q";
            default -> s.toUpperCase(java.util.Locale.ROOT);
        };
    }
}

package org.shyperc.dsl.diag;

import java.util.Collection;
import java.util.Optional;

/**
 * "Did you mean": the closest candidate within edit distance 2 (more gives false friends), or one that differs only in
 * letter case, which comes first. In the dsl module so
 * that syntax errors offer it too; loops, not streams, so that a first error links no lambda.
 */
public final class Names {
    private Names() { }

    public static Optional<String> closest(String name, Collection<String> candidates) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String c : candidates) {
            if (c.equals(name)) continue;
            // a name in another letter case (`RTC` for `rtc`) is the one meant, however many letters differ
            int d = c.equalsIgnoreCase(name) ? 0 : distance(name, c);
            if (d > 2 || d >= Math.max(name.length(), 1)) continue;
            if (d < bestDistance || d == bestDistance && c.compareTo(best) < 0) {
                best = c;
                bestDistance = d;
            }
        }
        return Optional.ofNullable(best);
    }

    /** A hint sentence, or null when nothing is close. */
    public static String didYouMean(String name, Collection<String> candidates) {
        Optional<String> c = closest(name, candidates);
        return c.isPresent() ? "Did you mean `" + c.get() + "`?" : null;
    }

    /**
     * The one candidate nearest to {@code name} at any distance, a tie going to the one that
     * shares the longer prefix; empty when that still ties. For a short fixed list (the
     * commands), where naming the nearest helps more than a threshold.
     */
    public static Optional<String> nearest(String name, Collection<String> candidates) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        int bestPrefix = -1;
        boolean tie = false;
        for (String c : candidates) {
            int d = distance(name, c, Integer.MAX_VALUE - 1);
            int prefix = commonPrefix(name, c);
            if (d < bestDistance || d == bestDistance && prefix > bestPrefix) {
                best = c;
                bestDistance = d;
                bestPrefix = prefix;
                tie = false;
            } else if (d == bestDistance && prefix == bestPrefix) {
                tie = true;
            }
        }
        return tie ? Optional.empty() : Optional.ofNullable(best);
    }

    private static int commonPrefix(String a, String b) {
        int n = 0;
        while (n < a.length() && n < b.length() && a.charAt(n) == b.charAt(n)) n++;
        return n;
    }

    /**
     * Edit distance counting a swap of two neighbouring letters as one edit (optimal string alignment), stopping early
     * once it exceeds 2: `wr` for `rw` and `memroy` for `memory` are one slip each, not two.
     */
    static int distance(String a, String b) {
        return distance(a, b, 2);
    }

    private static int distance(String a, String b, int cap) {
        if (Math.abs(a.length() - b.length()) > cap) return cap + 1;
        int[] before = new int[b.length() + 1];
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) prev[j] = j;
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            int rowMin = cur[0];
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    cur[j] = Math.min(cur[j], before[j - 2] + 1);
                }
                rowMin = Math.min(rowMin, cur[j]);
            }
            // rows' minima never fall (a swap reaches back two rows, whose minimum is at most one less): past the cap, done
            if (rowMin > cap) return cap + 1;
            int[] t = before; before = prev; prev = cur; cur = t;
        }
        return prev[b.length()];
    }
}

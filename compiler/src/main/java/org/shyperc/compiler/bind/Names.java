package org.shyperc.compiler.bind;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** "Did you mean": the closest candidate within edit distance 2 (more gives false friends). */
public final class Names {
    private Names() { }

    public static Optional<String> closest(String name, Collection<String> candidates) {
        return candidates.stream()
                .filter(c -> !c.equals(name))
                .map(c -> new Object[] {c, distance(name, c)})
                .filter(p -> (int) p[1] <= 2 && (int) p[1] < Math.max(name.length(), 1))
                .min(Comparator.<Object[]>comparingInt(p -> (int) p[1]).thenComparing(p -> (String) p[0]))
                .map(p -> (String) p[0]);
    }

    /** A hint sentence, or null when nothing is close. */
    public static String didYouMean(String name, Collection<String> candidates) {
        return closest(name, candidates).map(c -> "Did you mean `" + c + "`?").orElse(null);
    }

    /**
     * The one candidate nearest to {@code name} at any distance, a tie going to the one that
     * shares the longer prefix; empty when that still ties. For a short fixed list (the
     * commands), where naming the nearest helps more than a threshold.
     */
    public static Optional<String> nearest(String name, Collection<String> candidates) {
        Comparator<String> order = Comparator.<String>comparingInt(c -> distance(name, c, Integer.MAX_VALUE - 1))
                .thenComparing(Comparator.<String>comparingInt(c -> commonPrefix(name, c)).reversed());
        List<String> sorted = candidates.stream().sorted(order).toList();
        if (sorted.isEmpty()) return Optional.empty();
        if (sorted.size() > 1 && order.compare(sorted.get(0), sorted.get(1)) == 0) return Optional.empty();
        return Optional.of(sorted.get(0));
    }

    private static int commonPrefix(String a, String b) {
        int n = 0;
        while (n < a.length() && n < b.length() && a.charAt(n) == b.charAt(n)) n++;
        return n;
    }

    /** Levenshtein distance, stopping early once it exceeds 2. */
    static int distance(String a, String b) {
        return distance(a, b, 2);
    }

    private static int distance(String a, String b, int cap) {
        if (Math.abs(a.length() - b.length()) > cap) return cap + 1;
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) prev[j] = j;
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            int rowMin = cur[0];
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
                rowMin = Math.min(rowMin, cur[j]);
            }
            if (rowMin > cap) return cap + 1;
            int[] t = prev; prev = cur; cur = t;
        }
        return prev[b.length()];
    }
}

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

    /**
     * For one look-up. Where many names are looked up among the same candidates (every unknown name of a file), an
     * {@link Index} made once keeps the check from growing with their product.
     */
    public static Optional<String> closest(String name, Collection<String> candidates) {
        return candidates.size() <= Index.EXACT_UP_TO ? scan(name, candidates) : Index.of(candidates).closest(name);
    }

    private static Optional<String> scan(String name, Iterable<String> candidates) {
        Best best = new Best(name);
        for (String c : candidates) best.offer(c);
        return Optional.ofNullable(best.name);
    }

    /** A hint sentence, or null when nothing is close. */
    public static String didYouMean(String name, Collection<String> candidates) {
        return sentence(closest(name, candidates));
    }

    private static String sentence(Optional<String> c) {
        return c.isPresent() ? "Did you mean `" + c.get() + "`?" : null;
    }

    /** The closest candidate offered so far: the smallest distance, then the first by name. */
    private static final class Best {
        private final String wanted;
        private String name;
        private int distance = Integer.MAX_VALUE;

        Best(String wanted) { this.wanted = wanted; }

        void offer(String c) {
            if (c.equals(wanted)) return;
            // a name in another letter case (`RTC` for `rtc`) is the one meant, however many letters differ
            int d = c.equalsIgnoreCase(wanted) ? 0 : distance(wanted, c);
            if (d > 2 || d >= Math.max(wanted.length(), 1)) return;
            if (d < distance || d == distance && c.compareTo(name) < 0) {
                name = c;
                distance = d;
            }
        }
    }

    /**
     * Candidates made ready for many look-ups. Up to {@link #EXACT_UP_TO} of them a look-up compares the name with each,
     * as {@link #closest(String, Collection)} does. Beyond, with those next to it in two sorted orders, by the name and
     * by the name read backwards, {@link #NEAR} on each side in each (a slip late in a name keeps its start, one early
     * keeps its end), and with every one that differs only in letter case: a bounded number of comparisons a look-up,
     * so that a file naming twenty thousand unknown devices of a board with as many answers at once, where comparing
     * each with each took minutes. What that can miss is a slip in the middle of a name among hundreds that share its
     * start and its end (docs/decisions.md, "Did you mean, among many names"). Immutable; safe to share between threads.
     */
    public static final class Index {
        /** At most this many candidates are each compared with the name. */
        public static final int EXACT_UP_TO = 256;
        /** Neighbours taken on each side of the name in each order. */
        static final int NEAR = 32;

        private final java.util.List<String> few;      // the candidates, when they are few; else null
        private final String[] forwardKeys, forward;    // lower-cased names, sorted; the names in that order
        private final String[] backwardKeys, backward;  // lower-cased names read backwards, sorted; the names

        private Index(java.util.List<String> few, String[][] forward, String[][] backward) {
            this.few = few;
            this.forwardKeys = forward[0];
            this.forward = forward[1];
            this.backwardKeys = backward[0];
            this.backward = backward[1];
        }

        public static Index of(Collection<String> candidates) {
            if (candidates.size() <= EXACT_UP_TO) {
                return new Index(java.util.List.copyOf(candidates), new String[2][0], new String[2][0]);
            }
            String[] names = candidates.toArray(new String[0]);
            return new Index(null, sorted(names, false), sorted(names, true));
        }

        /** {keys, names}, both in the keys' order, ties by name. */
        private static String[][] sorted(String[] names, boolean backwards) {
            String[][] pairs = new String[names.length][];
            for (int i = 0; i < names.length; i++) pairs[i] = new String[] {key(names[i], backwards), names[i]};
            java.util.Arrays.sort(pairs, KEY_THEN_NAME);
            String[][] out = new String[2][names.length];
            for (int i = 0; i < pairs.length; i++) {
                out[0][i] = pairs[i][0];
                out[1][i] = pairs[i][1];
            }
            return out;
        }

        private static String key(String name, boolean backwards) {
            String lower = name.toLowerCase(java.util.Locale.ROOT);
            return backwards ? new StringBuilder(lower).reverse().toString() : lower;
        }

        private static final java.util.Comparator<String[]> KEY_THEN_NAME = new KeyThenName();

        private static final class KeyThenName implements java.util.Comparator<String[]> {
            @Override
            public int compare(String[] a, String[] b) {
                int c = a[0].compareTo(b[0]);
                return c != 0 ? c : a[1].compareTo(b[1]);
            }
        }

        public Optional<String> closest(String name) {
            if (few != null) return scan(name, few);
            Best best = new Best(name);
            near(key(name, false), forwardKeys, forward, best);
            near(key(name, true), backwardKeys, backward, best);
            return Optional.ofNullable(best.name);
        }

        /** A hint sentence, or null when nothing is close. */
        public String didYouMean(String name) {
            return sentence(closest(name));
        }

        /** Offers the names next to {@code key}'s place in {@code keys}, and every name whose key equals it. */
        private static void near(String key, String[] keys, String[] names, Best best) {
            int at = java.util.Arrays.binarySearch(keys, key);
            if (at < 0) at = -at - 1;
            int from = at, to = at;
            while (from > 0 && keys[from - 1].equals(key)) from--;
            while (to < keys.length && keys[to].equals(key)) to++;
            for (int i = Math.max(0, from - NEAR); i < Math.min(keys.length, to + NEAR); i++) best.offer(names[i]);
        }
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
        // only the band of cells within `cap` of the diagonal can stay within `cap`: a pair of names of 100,000 letters
        // each (the same but for the last) filled all 10^10 cells, where the band is 5 a row
        int far = cap + 1;  // any value past the cap: cells outside the band read as this
        int[] before = new int[b.length() + 1];
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        java.util.Arrays.fill(before, far);
        java.util.Arrays.fill(cur, far);
        for (int j = 0; j <= b.length(); j++) prev[j] = j <= cap ? j : far;
        for (int i = 1; i <= a.length(); i++) {
            int lo = Math.max(1, i - cap);
            int hi = (int) Math.min(b.length(), (long) i + cap);
            cur[lo - 1] = lo == 1 ? i : far;
            int rowMin = lo == 1 ? i : far;
            for (int j = lo; j <= hi; j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    cur[j] = Math.min(cur[j], before[j - 2] + 1);
                }
                rowMin = Math.min(rowMin, cur[j]);
            }
            if (hi < b.length()) cur[hi + 1] = far;
            // rows' minima never fall (a swap reaches back two rows, whose minimum is at most one less): past the cap, done
            if (rowMin > cap) return cap + 1;
            int[] t = before; before = prev; prev = cur; cur = t;
        }
        return Math.min(prev[b.length()], cap + 1);
    }
}

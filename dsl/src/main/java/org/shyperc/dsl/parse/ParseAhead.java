package org.shyperc.dsl.parse;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicInteger;
import org.shyperc.dsl.diag.Diagnostic;
import org.shyperc.dsl.parser.ShyParser;
import org.shyperc.dsl.source.SourceFile;

/**
 * Parts of one large file that other threads parse while the fast parser works through the file
 * from its start. A part starts at a line that looks like the start of a top-level declaration, a
 * board item or a system item, and is parsed as a run of those until the next part begins (or the
 * run ends: a closing brace, the end of the file). The guess may be wrong (the line is inside a
 * comment, or inside a VM): a part is used only where the parser from the start arrives at its
 * first token in a loop of the part's kind, which is the state the part was parsed from, so the
 * result is the serial parser's whatever the guesses. Everything else is thrown away.
 */
final class ParseAhead {
    /** The loop a part is parsed as: the file's declarations, a board's items, a system's items. */
    enum Kind { TOP, BOARD, SYSTEM }

    /** A part's result: the declarations or items in order, and the parser's state after them. */
    record Piece(List<Object> items, int end, int lastEnd, List<Diagnostic> diags) { }

    /** The part had a syntax or lexical error: the serial parser would have met it too. */
    static final Piece FAILED = new Piece(List.of(), -1, -1, List.of());

    /** Files smaller than this are parsed on one thread (a part's hand-over would cost more than it saves). */
    static final int PARALLEL_FROM = 256 * 1024;
    /** No part is smaller than this. */
    private static final int MIN_PART = 128 * 1024;
    /** How far past a part's planned start a line that can start one is looked for. */
    private static final int SEARCH = 256 * 1024;

    private static final int NEW = 0;
    private static final int RUNNING = 1;
    private static final int CLAIMED = 2;

    private final Part[] parts;
    private int next;
    private int spliced;

    private ParseAhead(Part[] parts) { this.parts = parts; }

    /** Parts for a file as big as {@code file}, started on the common pool; null when it is parsed on one thread. */
    static ParseAhead start(SourceFile file) {
        return start(file, Math.min(8, Runtime.getRuntime().availableProcessors()));
    }

    /** The same for a machine of {@code threads} hardware threads. */
    static ParseAhead start(SourceFile file, int threads) {
        int count = Math.min(threads, file.text().length() / MIN_PART);
        if (file.text().length() < PARALLEL_FROM || count < 2) return null;
        List<int[]> planned = new ArrayList<>();
        int last = 0;
        for (int i = 1; i < count; i++) {
            int[] p = candidate(file.text(), Math.max(last + 1, (int) ((long) file.text().length() * i / count)));
            if (p != null) {
                planned.add(p);
                last = p[0];
            }
        }
        return planned.isEmpty() ? null : started(file, planned);
    }

    /** Parts at given offsets, each parsed as the given kind (tests: any offsets and kinds give the serial result). */
    static ParseAhead at(SourceFile file, int[] offsets, Kind[] kinds) {
        List<int[]> planned = new ArrayList<>();
        for (int i = 0; i < offsets.length; i++) planned.add(new int[] {offsets[i], kinds[i].ordinal()});
        planned.sort((a, b) -> Integer.compare(a[0], b[0]));
        List<int[]> distinct = new ArrayList<>();
        for (int[] p : planned) {
            if (distinct.isEmpty() || distinct.get(distinct.size() - 1)[0] < p[0]) distinct.add(p);
        }
        return started(file, distinct);
    }

    private static ParseAhead started(SourceFile file, List<int[]> planned) {
        Part[] parts = new Part[planned.size()];
        for (int i = 0; i < parts.length; i++) {
            int limit = i + 1 < parts.length ? planned.get(i + 1)[0] : Integer.MAX_VALUE;
            parts[i] = new Part(file, planned.get(i)[0], Kind.values()[planned.get(i)[1]], limit);
        }
        for (Part p : parts) ForkJoinPool.commonPool().execute(p::run);
        return new ParseAhead(parts);
    }

    /** Where the next part not yet passed starts; {@link Integer#MAX_VALUE} when none is left. */
    int nextOffset() { return next < parts.length ? parts[next].offset : Integer.MAX_VALUE; }

    /**
     * The parser is at {@code offset} in a loop of {@code kind}: the piece of the part that starts there
     * (waiting for it if it is being parsed), {@link #FAILED}, or null when the parser is to go on
     * itself (no such part, or it has not started, or it stopped without a result). Parts passed are cancelled.
     */
    Piece take(int offset, Kind kind) {
        while (next < parts.length && parts[next].offset < offset) parts[next++].cancel();
        if (next == parts.length || parts[next].offset != offset) return null;
        Part p = parts[next++];
        if (p.kind != kind) {
            p.cancel();
            return null;
        }
        Piece piece = p.claim();
        if (piece != null && piece != FAILED) spliced++;
        return piece;
    }

    /** How many parts were used (tests: that the parallel path is really taken). */
    int spliced() { return spliced; }

    /** Waits until every part has been parsed (tests: which parts get used then depends on the text alone). */
    ParseAhead settled() {
        for (Part p : parts) {
            while (p.state.get() == NEW) Thread.onSpinWait();
            if (p.state.get() == RUNNING) p.result.join();
        }
        return this;
    }

    /** Stops the parts still pending: the parse is over (finished, or given up for ANTLR). */
    void cancelAll() {
        for (int i = next; i < parts.length; i++) parts[i].cancel();
        next = parts.length;
    }

    /**
     * {offset, kind} of the first line at or after {@code from} that starts a declaration at its first column,
     * or an item only a board or only a system holds (`device`, `vm`; not `memory`, which a VM has too); null
     * if none is near.
     */
    /** The offset after the first line end at or after {@code i} (`\n`, `\r\n`, or a `\r` alone), or 0 if none. */
    private static int nextLine(String s, int i) {
        for (; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\n') return i + 1;
            if (c == '\r') return i + 1 < s.length() && s.charAt(i + 1) == '\n' ? i + 2 : i + 1;
        }
        return 0;
    }

    static int[] candidate(String s, int from) {
        if (from <= 0 || from > s.length()) return null;
        int line = SourceFile.lineStart(s, from) == from ? from : nextLine(s, from);
        Scanner sc = new Scanner(s, "", 0);
        for (int end = Math.min(s.length(), from + SEARCH); line > 0 && line < end; line = nextLine(s, line)) {
            int first = line;
            while (first < s.length() && (s.charAt(first) == ' ' || s.charAt(first) == '\t')) first++;
            int type = firstToken(sc, s, first);
            if (first == line) {
                if (type == ShyParser.BOARD || type == ShyParser.SYSTEM) return new int[] {line, Kind.TOP.ordinal()};
                continue;
            }
            if (BOARD_ITEM[type]) return new int[] {first, Kind.BOARD.ordinal()};
            if (SYSTEM_ITEM[type]) return new int[] {first, Kind.SYSTEM.ordinal()};
        }
        return null;
    }

    /**
     * The type of the word at {@code at}; 0 if no word starts there. Only a letter is scanned from: a blank
     * line or a comment would send the scanner on to the next token, lines further, again for each such line.
     */
    private static int firstToken(Scanner sc, String s, int at) {
        if (at >= s.length() || !Character.isLetter(s.charAt(at))) return 0;
        sc.seek(at);
        int type = sc.scan();
        return sc.start == at && type > 0 && type < BOARD_ITEM.length ? type : 0;
    }

    // the words that start an item of one kind of block only; a line starting with one inside a device's block
    // or an `on` block makes a part the parser from the start does not arrive at, thrown away
    private static final boolean[] BOARD_ITEM = types(ShyParser.ARCH, ShyParser.COMPATIBLE, ShyParser.MODEL,
            ShyParser.GIC, ShyParser.PLIC, ShyParser.TIMER, ShyParser.DEVICE, ShyParser.HYPERVISOR);
    private static final boolean[] SYSTEM_ITEM = types(ShyParser.VM, ShyParser.SHARED);

    private static boolean[] types(int... types) {
        boolean[] out = new boolean[TokenLiterals.BY_TYPE.length + 1];
        for (int t : types) out[t] = true;
        return out;
    }

    /** One part: parsed on a pool thread unless the parser from the start gets to it first. */
    private static final class Part {
        final SourceFile file;
        final int offset;
        final Kind kind;
        final int limit;
        final AtomicInteger state = new AtomicInteger(NEW);
        final CompletableFuture<Piece> result = new CompletableFuture<>();
        volatile boolean cancelled;

        Part(SourceFile file, int offset, Kind kind, int limit) {
            this.file = file;
            this.offset = offset;
            this.kind = kind;
            this.limit = limit;
        }

        void run() {
            if (!state.compareAndSet(NEW, RUNNING)) return;
            Piece piece;
            try {
                piece = new FastParser(file, new ArrayList<>(), offset).piece(kind, limit, () -> cancelled);
            } catch (FastParser.Bail bail) {
                piece = FAILED;
            } catch (RuntimeException | StackOverflowError e) {
                piece = null; // whatever it was, the parser from the start meets it again, on its own thread
            }
            result.complete(piece);
        }

        /** Null if it never started (the caller parses it); its piece otherwise, once done. */
        Piece claim() {
            if (state.compareAndSet(NEW, CLAIMED)) return null;
            return result.join();
        }

        void cancel() {
            cancelled = true;
            state.compareAndSet(NEW, CLAIMED);
        }
    }
}

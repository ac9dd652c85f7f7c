package org.shyperc.dsl.source;

/** A range [start, end) of character offsets in one source file. */
public record SourceSpan(SourceFile file, int start, int end) implements Comparable<SourceSpan> {

    public SourceSpan {
        if (start < 0 || end < start) throw new IllegalArgumentException("bad span " + start + ".." + end);
    }

    /** A span covering a whole file's first position, for problems with no better place. */
    public static SourceSpan startOf(SourceFile file) {
        return new SourceSpan(file, 0, 0);
    }

    public int line() { return file.line(start); }

    public int column() { return file.column(start); }

    public int endLine() { return file.line(end); }

    public int endColumn() { return file.column(end); }

    public String text() { return file.text().substring(start, Math.min(end, file.text().length())); }

    public SourceSpan to(SourceSpan other) {
        return new SourceSpan(file, Math.min(start, other.start), Math.max(end, other.end));
    }

    public boolean contains(int offset) { return offset >= start && offset <= end; }

    /** "file:line:col", the form every renderer starts with. */
    public String location() { return file.displayPath() + ":" + line() + ":" + column(); }

    @Override
    public int compareTo(SourceSpan o) {
        int c = file.displayPath().compareTo(o.file.displayPath());
        if (c != 0) return c;
        c = Integer.compare(start, o.start);
        return c != 0 ? c : Integer.compare(end, o.end);
    }

    @Override
    public String toString() { return location(); }

    // Written out: a record's generated equals and hashCode are bootstrapped through invokedynamic on their first
    // call, which spins a dozen classes and costs a short `check` about a tenth of its run (docs/decisions.md).
    @Override
    public boolean equals(Object o) {
        return o instanceof SourceSpan s && start == s.start && end == s.end && java.util.Objects.equals(file, s.file);
    }

    /**
     * {@code 31 * start + end} put spans of one length into a few buckets of a hash map (its low bits
     * were the length's): a set of 100k spans became tree bins. A large odd multiplier spreads the start.
     */
    @Override
    public int hashCode() { return java.util.Objects.hashCode(file) * 31 + start * 0x9E3779B1 + end; }
}

package org.shyperc.dsl.diag;

import java.util.Comparator;
import java.util.List;
import org.shyperc.dsl.source.SourceSpan;

/**
 * One problem: what rule (code), how bad, where, a whole-sentence message, an optional
 * hint on how to get out, and the other places involved. Immutable; sorted by position.
 */
public record Diagnostic(Code code, Severity severity, SourceSpan span, String message, String hint,
                         List<Related> related) implements Comparable<Diagnostic> {

    /** By place, then code, then message. A class rather than lambdas: each lambda links a call site on first use. */
    public static final Comparator<Diagnostic> ORDER = new Order();

    private static final class Order implements Comparator<Diagnostic> {
        @Override
        public int compare(Diagnostic a, Diagnostic b) {
            int c = a.span.compareTo(b.span);
            if (c == 0) c = a.code.id().compareTo(b.code.id());
            return c != 0 ? c : a.message.compareTo(b.message);
        }
    }

    public Diagnostic {
        related = List.copyOf(related);
        message = Quotes.bounded(Quotes.oneLine(message));
    }

    public static Builder of(Code code, SourceSpan span, String message) {
        return new Builder(code, span, message);
    }

    public boolean isError() { return severity == Severity.ERROR; }

    public Diagnostic withSeverity(Severity s) {
        return new Diagnostic(code, s, span, message, hint, related);
    }

    @Override
    public int compareTo(Diagnostic o) { return ORDER.compare(this, o); }

    // Written out rather than generated: see SourceSpan (start-up of a short `check`).
    @Override
    public boolean equals(Object o) {
        return o instanceof Diagnostic d && java.util.Objects.equals(code, d.code) && severity == d.severity
                && java.util.Objects.equals(span, d.span) && java.util.Objects.equals(message, d.message)
                && java.util.Objects.equals(hint, d.hint) && related.equals(d.related);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(code, severity, span, message, hint, related);
    }

    /** Builder so call sites read as sentences and optional parts stay optional. */
    public static final class Builder {
        private final Code code;
        private final SourceSpan span;
        private final String message;
        private String hint;
        private final java.util.ArrayList<Related> related = new java.util.ArrayList<>();

        private Builder(Code code, SourceSpan span, String message) {
            this.code = code;
            this.span = span;
            this.message = message;
        }

        public Builder hint(String h) { this.hint = h; return this; }

        public Builder related(SourceSpan s, String m) {
            if (s != null) related.add(new Related(s, m));
            return this;
        }

        public Diagnostic build() {
            return new Diagnostic(code, code.severity(), span, message, hint, related);
        }
    }
}

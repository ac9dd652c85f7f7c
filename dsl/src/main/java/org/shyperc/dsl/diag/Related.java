package org.shyperc.dsl.diag;

import org.shyperc.dsl.source.SourceSpan;

/** A second place that takes part in a problem ("the other VM's region is declared here"). */
public record Related(SourceSpan span, String message) {
    public Related {
        message = Quotes.bounded(Quotes.oneLine(message)); // a huge name quoted here too (Quotes)
    }

    // Written out rather than generated: see SourceSpan (start-up of a short `check`).
    @Override
    public boolean equals(Object o) {
        return o instanceof Related r && java.util.Objects.equals(span, r.span) && java.util.Objects.equals(message, r.message);
    }

    @Override
    public int hashCode() { return java.util.Objects.hashCode(span) * 31 + java.util.Objects.hashCode(message); }
}

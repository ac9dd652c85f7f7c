package org.shyperc.dsl.diag;

/**
 * A catalogue entry: a stable id (never reused or renumbered), a short kebab-case name users
 * may also type, the default severity, a one-line title and a paragraph of explanation.
 */
public record Code(String id, String name, Severity severity, String title, String explanation) {

    // equals and hashCode by hand, with a record's meaning: the generated ones link an
    // invokedynamic call site on first use, which cost a cold `shyperc check` about 10 ms.
    @Override
    public boolean equals(Object o) {
        return o == this || o instanceof Code c && id.equals(c.id) && name.equals(c.name) && severity == c.severity
                && title.equals(c.title) && explanation.equals(c.explanation);
    }

    @Override
    public int hashCode() { return id.hashCode(); }

    @Override
    public String toString() { return id; }
}

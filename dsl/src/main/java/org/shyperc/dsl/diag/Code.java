package org.shyperc.dsl.diag;

/**
 * A catalogue entry: a stable id (never reused or renumbered), a short kebab-case name users
 * may also type, the default severity, a one-line title and a paragraph of explanation.
 */
public record Code(String id, String name, Severity severity, String title, String explanation) {

    @Override
    public String toString() { return id; }
}

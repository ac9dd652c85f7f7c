package org.shyperc.dsl.diag;

/** How bad a diagnostic is. Errors fail `check` and `build`; warnings never do. */
public enum Severity {
    ERROR, WARNING, NOTE;

    public String label() { return name().toLowerCase(java.util.Locale.ROOT); }
}

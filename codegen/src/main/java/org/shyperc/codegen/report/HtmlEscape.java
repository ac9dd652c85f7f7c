package org.shyperc.codegen.report;

/** The template's `$esc.html(...)`. */
public final class HtmlEscape {
    public String html(Object s) {
        return s == null ? "" : Svg.esc(s.toString());
    }
}

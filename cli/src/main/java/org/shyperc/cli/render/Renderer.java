package org.shyperc.cli.render;

import java.io.PrintWriter;
import java.util.List;
import org.shyperc.dsl.diag.Diagnostic;

/** One way of printing diagnostics; all renderers see the same sorted list. */
public interface Renderer {
    void render(List<Diagnostic> diagnostics, PrintWriter out);
}

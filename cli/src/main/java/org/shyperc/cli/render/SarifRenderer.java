package org.shyperc.cli.render;

import java.io.PrintWriter;
import java.util.List;
import org.shyperc.dsl.diag.Diagnostic;

/** SARIF 2.1.0 output: written by the tooling work (issue 5); until then the JSON form. */
public final class SarifRenderer implements Renderer {
    @Override
    public void render(List<Diagnostic> diagnostics, PrintWriter out) {
        new JsonRenderer().render(diagnostics, out);
    }
}

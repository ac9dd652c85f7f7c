package org.shyperc.cli.render;

import java.io.PrintWriter;
import java.util.List;
import org.shyperc.dsl.diag.Diagnostic;
import org.shyperc.dsl.diag.Related;

/** {@code file:line:col: error[SHY0306]: message}, one line each (input's line breaks escaped), for editors and grep. */
public final class LineRenderer implements Renderer {
    @Override
    public void render(List<Diagnostic> diagnostics, PrintWriter out) {
        for (Diagnostic d : diagnostics) {
            out.println(Visible.text(d.span().location()) + ": " + d.severity().label() + "[" + d.code().id() + "]: "
                    + Visible.text(d.message()));
            for (Related r : d.related()) {
                out.println(Visible.text(r.span().location()) + ": note[" + d.code().id() + "]: " + Visible.text(r.message()));
            }
            if (d.hint() != null) {
                out.println(Visible.text(d.span().location()) + ": help[" + d.code().id() + "]: " + Visible.text(d.hint()));
            }
        }
    }
}

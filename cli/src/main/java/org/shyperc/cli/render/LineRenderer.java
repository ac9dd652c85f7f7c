package org.shyperc.cli.render;

import java.io.PrintWriter;
import java.util.List;
import org.shyperc.dsl.diag.Diagnostic;
import org.shyperc.dsl.diag.Related;

/** {@code file:line:col: error[SHY0306]: message}, one line each, for editors and grep. */
public final class LineRenderer implements Renderer {
    @Override
    public void render(List<Diagnostic> diagnostics, PrintWriter out) {
        for (Diagnostic d : diagnostics) {
            out.println(d.span().location() + ": " + d.severity().label() + "[" + d.code().id() + "]: " + d.message());
            for (Related r : d.related()) {
                out.println(r.span().location() + ": note[" + d.code().id() + "]: " + r.message());
            }
            if (d.hint() != null) out.println(d.span().location() + ": help[" + d.code().id() + "]: " + d.hint());
        }
    }
}

package org.shyperc.cli.imports;

import java.io.PrintWriter;
import java.util.List;
import org.shyperc.codegen.output.Problem;

/** Problems found reading foreign input, one line each: `location: error[CODE]: message`. */
final class ProblemPrinter {
    private ProblemPrinter() { }

    static boolean print(List<Problem> problems, PrintWriter out) {
        boolean errors = false;
        for (Problem p : problems) {
            out.println(org.shyperc.cli.render.Visible.text(p.toString()));
            errors |= p.severity() == Problem.Severity.ERROR;
        }
        out.flush();
        return errors;
    }
}

package org.shyperc.cli.lsp;

import java.util.ArrayList;
import java.util.List;
import org.eclipse.lsp4j.DiagnosticRelatedInformation;
import org.eclipse.lsp4j.DiagnosticSeverity;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.shyperc.dsl.diag.Diagnostic;
import org.shyperc.dsl.diag.Related;
import org.shyperc.dsl.source.SourceFile;

/** The compiler's diagnostics for one document, as LSP diagnostics. */
final class Diagnostics {
    private Diagnostics() { }

    /**
     * Diagnostics located in the document itself; a problem inside an imported file is shown
     * at the document's first line, naming the place, so it is not silently lost.
     */
    static PublishDiagnosticsParams of(String uri, Analysis a) {
        List<org.eclipse.lsp4j.Diagnostic> out = new ArrayList<>();
        SourceFile self = a.root() == null ? null : a.source();
        // a new, still blank file: "declares no board and no system" would be the first thing its author sees
        if (self != null && self.text().isBlank()) return new PublishDiagnosticsParams(uri, out);
        for (Diagnostic d : a.compilation().diagnostics()) {
            org.eclipse.lsp4j.Diagnostic lsp = convert(d);
            if (self != null && d.span().file() != self) {
                if (!d.isError()) continue;
                lsp.setRange(Positions.range(org.shyperc.dsl.source.SourceSpan.startOf(self)));
                lsp.setMessage("In `" + d.span().location() + "`: " + lsp.getMessage());
            }
            out.add(lsp);
        }
        return new PublishDiagnosticsParams(uri, out);
    }

    static org.eclipse.lsp4j.Diagnostic convert(Diagnostic d) {
        org.eclipse.lsp4j.Diagnostic lsp = new org.eclipse.lsp4j.Diagnostic();
        lsp.setRange(Positions.range(d.span()));
        lsp.setSeverity(switch (d.severity()) {
            case ERROR -> DiagnosticSeverity.Error;
            case WARNING -> DiagnosticSeverity.Warning;
            case NOTE -> DiagnosticSeverity.Information;
        });
        lsp.setCode(d.code().id());
        lsp.setSource("shyperc");
        lsp.setMessage(d.hint() == null ? d.message() : d.message() + "\nhelp: " + d.hint());
        List<DiagnosticRelatedInformation> related = new ArrayList<>();
        for (Related r : d.related()) related.add(new DiagnosticRelatedInformation(Positions.location(r.span()), r.message()));
        if (!related.isEmpty()) lsp.setRelatedInformation(related);
        return lsp;
    }
}

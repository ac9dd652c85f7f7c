package org.shyperc.cli.render;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.List;
import org.shyperc.dsl.diag.Diagnostic;
import org.shyperc.dsl.diag.Related;
import org.shyperc.dsl.source.SourceSpan;

/**
 * A stable JSON document for tools: {@code {"version":1,"diagnostics":[...]}}; each span has
 * offsets and 1-based line/column for both ends. Documented in docs/cli.md.
 */
public final class JsonRenderer implements Renderer {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Override
    public void render(List<Diagnostic> diagnostics, PrintWriter out) {
        ObjectNode root = JSON.createObjectNode();
        root.put("version", 1);
        ArrayNode arr = root.putArray("diagnostics");
        for (Diagnostic d : diagnostics) {
            ObjectNode n = arr.addObject();
            n.put("code", d.code().id());
            n.put("name", d.code().name());
            n.put("severity", d.severity().label());
            n.put("message", d.message());
            if (d.hint() != null) n.put("hint", d.hint());
            span(n.putObject("span"), d.span());
            ArrayNode rel = n.putArray("related");
            for (Related r : d.related()) {
                ObjectNode rn = rel.addObject();
                rn.put("message", r.message());
                span(rn.putObject("span"), r.span());
            }
        }
        try {
            out.println(JSON.writeValueAsString(root));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static void span(ObjectNode n, SourceSpan s) {
        n.put("file", s.file().displayPath());
        n.put("start", s.start());
        n.put("end", s.end());
        n.put("line", s.line());
        n.put("column", s.column());
        n.put("endLine", s.endLine());
        n.put("endColumn", s.endColumn());
    }
}

package org.shyperc.cli.render;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import org.shyperc.cli.Version;
import org.shyperc.dsl.diag.Code;
import org.shyperc.dsl.diag.Codes;
import org.shyperc.dsl.diag.Diagnostic;
import org.shyperc.dsl.diag.Related;
import org.shyperc.dsl.diag.Severity;
import org.shyperc.dsl.source.SourceSpan;

/**
 * SARIF 2.1.0 (the OASIS static-analysis exchange format code-scanning services read): one run
 * whose driver lists every code of the catalogue as a rule, and one result per diagnostic with
 * its exact region (lines, UTF-16 columns and character offsets) and related places.
 */
public final class SarifRenderer implements Renderer {
    static final String SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Override
    public void render(List<Diagnostic> diagnostics, PrintWriter out) {
        ObjectNode root = JSON.createObjectNode();
        root.put("$schema", SCHEMA);
        root.put("version", "2.1.0");
        ObjectNode run = root.putArray("runs").addObject();
        ObjectNode driver = run.putObject("tool").putObject("driver");
        driver.put("name", "shyperc");
        driver.put("version", Version.get());
        if (Version.get().matches("\\d+\\.\\d+\\.\\d+([-+].*)?")) driver.put("semanticVersion", Version.get());
        ArrayNode rules = driver.putArray("rules");
        for (Code c : Codes.ALL) {
            ObjectNode r = rules.addObject();
            r.put("id", c.id());
            r.put("name", c.name());
            r.putObject("shortDescription").put("text", c.title());
            r.putObject("fullDescription").put("text", c.explanation());
            r.putObject("help").put("text", "Run `shyperc explain " + c.id() + "`. " + c.explanation());
            r.putObject("defaultConfiguration").put("level", level(c.severity()));
        }
        run.put("columnKind", "utf16CodeUnits");
        ArrayNode results = run.putArray("results");
        for (Diagnostic d : diagnostics) {
            ObjectNode r = results.addObject();
            r.put("ruleId", d.code().id());
            int index = Codes.ALL.indexOf(d.code());
            if (index >= 0) r.put("ruleIndex", index);
            r.put("level", level(d.severity()));
            r.putObject("message").put("text", d.hint() == null ? d.message() : d.message() + " Hint: " + d.hint());
            location(r.putArray("locations").addObject(), d.span());
            if (!d.related().isEmpty()) {
                ArrayNode rel = r.putArray("relatedLocations");
                int id = 1;
                for (Related x : d.related()) {
                    ObjectNode loc = rel.addObject();
                    loc.put("id", id++);
                    location(loc, x.span());
                    loc.putObject("message").put("text", x.message());
                }
            }
            if (d.hint() != null) r.putObject("properties").put("hint", d.hint());
        }
        try {
            out.println(JSON.writeValueAsString(root));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void location(ObjectNode loc, SourceSpan s) {
        ObjectNode physical = loc.putObject("physicalLocation");
        physical.putObject("artifactLocation").put("uri", uri(s.file().displayPath()));
        ObjectNode region = physical.putObject("region");
        region.put("startLine", s.line());
        region.put("startColumn", s.column());
        region.put("endLine", s.endLine());
        region.put("endColumn", s.endColumn());
        region.put("charOffset", s.start());
        region.put("charLength", s.end() - s.start());
    }

    /** Relative paths stay relative (to the directory `check` ran in); absolute ones become file: URIs. */
    static String uri(String displayPath) {
        String path = displayPath.replace('\\', '/');
        try {
            return path.startsWith("/") ? new URI("file", "", path, null).toASCIIString()
                    : new URI(null, null, path, null).toASCIIString();
        } catch (URISyntaxException e) {
            return path;
        }
    }

    private static String level(Severity s) {
        return switch (s) {
            case ERROR -> "error";
            case WARNING -> "warning";
            case NOTE -> "note";
        };
    }

}

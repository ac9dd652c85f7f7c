package org.shyperc.compiler.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.shyperc.dsl.diag.Code;
import org.shyperc.dsl.diag.Codes;

/** docs/diagnostics.md is generated; this fails when the committed page and the catalogue differ. */
class DiagnosticsDocTest {
    static final Path PAGE = Path.of(System.getProperty("shyperc.root", "..")).resolve("docs/diagnostics.md");

    @Test
    void committedPageIsTheGeneratedOne() throws IOException {
        if ("1".equals(System.getenv("SHY_UPDATE"))) DiagnosticsDoc.main(new String[] {PAGE.toString()});
        assertTrue(Files.exists(PAGE), "docs/diagnostics.md is missing; run with SHY_UPDATE=1 or DiagnosticsDoc");
        assertEquals(DiagnosticsDoc.render(), Files.readString(PAGE, StandardCharsets.UTF_8),
                "docs/diagnostics.md differs from Codes.ALL: regenerate it (SHY_UPDATE=1 mvn -pl dsl,compiler verify)");
    }

    @Test
    void everyCodeHasASection() {
        String page = DiagnosticsDoc.render();
        for (Code c : Codes.ALL) {
            assertTrue(page.contains("\n### " + c.id() + "\n"), c.id());
            assertTrue(page.contains(c.explanation()), c.id());
        }
    }
}

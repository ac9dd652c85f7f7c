package org.shyperc.compiler.docs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.shyperc.dsl.diag.Code;
import org.shyperc.dsl.diag.Codes;

/**
 * Writes docs/diagnostics.md from {@link Codes#ALL}, so the page cannot drift from the
 * catalogue (DiagnosticsDocTest fails when the committed page differs).
 * Run: {@code java -cp ... org.shyperc.compiler.docs.DiagnosticsDoc docs/diagnostics.md}.
 */
public final class DiagnosticsDoc {
    private DiagnosticsDoc() { }

    private static final String[][] AREAS = {
        {"SHY01", "Reading and parsing"},
        {"SHY02", "Names, imports and types"},
        {"SHY03", "Memory"},
        {"SHY04", "CPUs"},
        {"SHY05", "Devices"},
        {"SHY06", "Interrupts"},
        {"SHY07", "Guest images"},
        {"SHY08", "Board"},
        {"SHY09", "Rust-Shyper import and export"},
        {"SHY10", "Device-tree import and plan.json"},
        {"SHY11", "The shyper image: what its runtime holds"},
        // cache colouring
        {"SHY12", "Cache colouring"},
        {"SHY13", "Doorbells between VMs"},
        {"SHY14", "Memory attributes"},
        {"SHY15", "VM lifecycle"},
    };

    public static String render() {
        StringBuilder b = new StringBuilder();
        b.append("# Diagnostics\n\n");
        b.append("<!-- Generated from Codes.ALL by org.shyperc.compiler.docs.DiagnosticsDoc; do not edit. -->\n\n");
        b.append("Every problem shyperc reports has a stable code. A code names a rule, not a wording: it is never\n");
        b.append("renumbered or reused. `shyperc explain CODE` prints the same text; `-W CODE` lowers a check to a\n");
        b.append("warning and `-E CODE` raises it to an error. A code may also be written by its name, e.g.\n");
        b.append("`pa-overlap`. Each code of SHY01xx-SHY08xx, SHY11xx, SHY13xx and SHY14xx has at least one failing case in `tests/diagnostics/`.\n\n");
        b.append("SHY09xx and SHY10xx come from reading and writing other formats (`shyperc import rust-shyper`,\n");
        b.append("`shyperc import dtb`, a plan.json, the Rust-Shyper files `build` writes) and are printed as\n");
        b.append("`location: severity[CODE]: message`; codegen's tests hold a failing case for each.\n\n");
        b.append("SHY11xx are the limits of the hypervisor runtime shyperc links into the image (its ABI, defined\n");
        b.append("once in `abi/`): `check` reports them for every system on an aarch64 board, so that what checks\n");
        b.append("clean also builds and boots.\n\n");
        b.append("| code | name | severity | title |\n|---|---|---|---|\n");
        for (Code c : Codes.ALL) {
            b.append("| [").append(c.id()).append("](#").append(c.id().toLowerCase(java.util.Locale.ROOT)).append(") | `")
                    .append(c.name()).append("` | ").append(c.severity().label()).append(" | ")
                    .append(c.title().replace("|", "\\|")).append(" |\n");
        }
        for (String[] area : AREAS) {
            boolean any = Codes.ALL.stream().anyMatch(c -> c.id().startsWith(area[0]));
            if (!any) continue;
            b.append("\n## ").append(area[0]).append("xx: ").append(area[1]).append("\n");
            for (Code c : Codes.ALL) {
                if (!c.id().startsWith(area[0])) continue;
                b.append("\n### ").append(c.id()).append("\n\n");
                b.append("`").append(c.name()).append("`, ").append(c.severity().label()).append(": ")
                        .append(c.title()).append("\n\n");
                b.append(c.explanation()).append("\n");
            }
        }
        return b.toString();
    }

    public static void main(String[] args) throws IOException {
        Path out = Path.of(args.length > 0 ? args[0] : "docs/diagnostics.md");
        if (out.getParent() != null) Files.createDirectories(out.getParent());
        Files.writeString(out, render(), StandardCharsets.UTF_8);
        System.out.println("wrote " + out);
    }
}

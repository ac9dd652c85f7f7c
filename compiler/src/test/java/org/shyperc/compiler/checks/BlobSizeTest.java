package org.shyperc.compiler.checks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.shyperc.compiler.Compilation;
import org.shyperc.compiler.Compiler;
import org.shyperc.compiler.bind.Loader;
import org.shyperc.compiler.check.Checks;
import org.shyperc.dsl.diag.Codes;
import org.shyperc.dsl.diag.Diagnostic;
import org.shyperc.dsl.source.SourceFile;

/**
 * SHY1107 needs a configuration of over 1 MiB, which takes a .shy file of about as much: too big
 * for the diagnostics corpus, so it is made here. Each RAM region is a 40-byte blob entry.
 */
class BlobSizeTest {
    static final Path ROOT = Path.of(System.getProperty("shyperc.root", "..")).toAbsolutePath().normalize();

    static Compilation system(int regions) {
        StringBuilder s = new StringBuilder("import \"tests/diagnostics/_lib/board.shy\"\nsystem s for tb {\n    vm a : baremetal {\n"
                + "        cpus [0]\n        memory @ 0x0 size 2 MiB\n        kernel \"tests/diagnostics/_lib/kernel.bin\" @ 0x0\n");
        for (int i = 1; i < regions; i++) s.append("        memory @ 0x").append(Long.toHexString(0x10_0000_0000L + i * 0x1000L)).append(" size 4 KiB\n");
        s.append("    }\n}\n");
        return new Compiler(ROOT, Loader.Sources.DISK, Checks.ALL).compileSource(SourceFile.of("big.shy", s.toString()));
    }

    @Test
    void aConfigurationOverOneMebibyteIsRefused() {
        List<Diagnostic> all = system(27_000).diagnostics();
        assertEquals(List.of(Codes.BLOB_SIZE), all.stream().filter(Diagnostic::isError).map(Diagnostic::code).distinct().toList(),
                () -> all.subList(0, Math.min(3, all.size())).toString());
        List<Diagnostic> ds = all.stream().filter(d -> d.code() == Codes.BLOB_SIZE).toList();
        assertEquals(1, ds.size(), ds::toString);
        assertEquals("The configuration of `s` on `tb` takes 1.1 MiB; the hypervisor runtime reads at most 1 MiB.", ds.get(0).message());
    }

    @Test
    void oneThatFitsIsNot() {
        List<Diagnostic> errors = system(200).diagnostics().stream().filter(Diagnostic::isError).toList();
        assertEquals(0, errors.size(), () -> errors.subList(0, Math.min(3, errors.size())).toString());
    }
}

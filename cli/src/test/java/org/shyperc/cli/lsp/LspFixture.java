package org.shyperc.cli.lsp;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.shyperc.cli.CliRun;

/** The test system (resources/lsp/demo.shy) beside a copy of the QEMU board, in a scratch folder. */
final class LspFixture {
    private LspFixture() { }

    static Path demo(Path dir) throws IOException {
        Files.copy(CliRun.root().resolve("boards/qemu-virt.shy"), dir.resolve("qemu-virt.shy"), StandardCopyOption.REPLACE_EXISTING);
        Path file = dir.resolve("demo.shy");
        try (InputStream in = LspFixture.class.getResourceAsStream("/lsp/demo.shy")) {
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
        }
        return file;
    }

    /** 0-based line of the first line containing {@code needle}, and the column of the needle in it. */
    static org.eclipse.lsp4j.Position find(Path file, String needle) throws IOException {
        var lines = Files.readAllLines(file);
        for (int i = 0; i < lines.size(); i++) {
            int col = lines.get(i).indexOf(needle);
            if (col >= 0) return new org.eclipse.lsp4j.Position(i, col);
        }
        throw new AssertionError("`" + needle + "` not in " + file);
    }
}

package org.shyperc.codegen.emit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * Golden files in the source tree (not target/), so an update is a diff to review.
 * `SHY_UPDATE=1` (or -Dshy.update=true) rewrites them instead of comparing.
 */
public final class Golden {

    private Golden() { }

    public static boolean updating() {
        return "1".equals(System.getenv("SHY_UPDATE")) || Boolean.getBoolean("shy.update");
    }

    /** {@code codegen/src/test/resources/<relative>} in the checkout. */
    public static Path source(String relative) {
        String root = System.getProperty("shyperc.root");
        Path base = root != null ? Path.of(root, "codegen") : Path.of("").toAbsolutePath();
        if (!Files.isDirectory(base.resolve("src/test/resources"))) {
            base = Path.of("").toAbsolutePath();
        }
        return base.resolve("src/test/resources").resolve(relative);
    }

    public static void check(Path expected, byte[] actual) {
        try {
            if (updating()) {
                Files.createDirectories(expected.getParent());
                Files.write(expected, actual);
                return;
            }
            assertTrue(Files.exists(expected), "missing golden " + expected + "; run with SHY_UPDATE=1 to create it");
            byte[] want = Files.readAllBytes(expected);
            if (!Arrays.equals(want, actual)) {
                if (isText(want) && isText(actual)) {
                    assertEquals(new String(want), new String(actual), "golden " + expected + " (SHY_UPDATE=1 rewrites)");
                }
                assertEquals(HexFormat.of().formatHex(want), HexFormat.of().formatHex(actual),
                        "golden " + expected + " (SHY_UPDATE=1 rewrites)");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean isText(byte[] b) {
        for (byte x : b) {
            if (x == 0) {
                return false;
            }
        }
        return true;
    }
}

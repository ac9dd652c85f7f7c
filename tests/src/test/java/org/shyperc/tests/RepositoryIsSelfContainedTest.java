package org.shyperc.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A user's clone is all there is: no source, test, comment or document may read or cite files
 * beside the checkout (the planning folder the project started from). Facts from outside are
 * cited by their upstream source instead.
 */
class RepositoryIsSelfContainedTest {
    private static final Set<String> SKIP = Set.of("target", "node_modules", ".git", "out");
    // spelt in pieces so this file does not match itself
    private static final Pattern OUTSIDE = Pattern.compile(String.join("|",
            "\\.\\./" + "shared", "shared/" + "reference", "DESIGN" + "\\.md", "facts" + "\\.md"));

    @Test
    void nothingPointsOutsideTheCheckout() throws IOException {
        Path root = Shyperc.ROOT;
        List<String> found = new ArrayList<>();
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes a) {
                return !d.equals(root) && SKIP.contains(d.getFileName().toString())
                        ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path f, BasicFileAttributes a) throws IOException {
                if (!a.isRegularFile() || a.size() > (4 << 20)) return FileVisitResult.CONTINUE;
                String text = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
                int line = 1;
                for (String l : text.split("\n", -1)) {
                    if (OUTSIDE.matcher(l).find()) found.add(root.relativize(f) + ":" + line + ": " + l.strip());
                    line++;
                }
                return FileVisitResult.CONTINUE;
            }
        });
        assertEquals(List.of(), found);
    }
}

package org.shyperc.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each example's README says which warnings `shyperc check` gives its systems, in a paragraph starting "Expected
 * warnings"; the codes named there are the codes it gives, over every .shy file of the example. Those lines had drifted: three READMEs said "SHY0701 only"
 * while `check` gave Rust-Shyper's warnings too, and a new user took the extra ones for a mistake of theirs.
 */
class ExampleWarningsTest {
    static final Pattern CODE = Pattern.compile("SHY\\d{4}");

    static Stream<Path> examples() throws IOException {
        List<Path> dirs = new ArrayList<>();
        try (Stream<Path> s = Files.list(Shyperc.ROOT.resolve("examples"))) {
            s.filter(d -> Files.isRegularFile(d.resolve("system.shy"))).sorted().forEach(dirs::add);
        }
        assertTrue(dirs.size() >= 10, "the examples should be found: " + dirs);
        return dirs.stream();
    }

    @ParameterizedTest
    @MethodSource("examples")
    void theReadmeNamesTheWarningsCheckGives(Path example) throws Exception {
        Path readme = example.resolve("README.md");
        assertTrue(Files.isRegularFile(readme), example + " has no README.md");
        String text = Files.readString(readme, StandardCharsets.UTF_8);
        int at = text.indexOf("\nExpected warnings");
        assertTrue(at >= 0, readme + " has no paragraph starting \"Expected warnings\"");
        int end = text.indexOf("\n\n", at + 1);
        String paragraph = text.substring(at, end < 0 ? text.length() : end);
        TreeSet<String> said = new TreeSet<>();
        Matcher m = CODE.matcher(paragraph);
        while (m.find()) said.add(m.group());

        List<String> files = new ArrayList<>();
        try (Stream<Path> s = Files.list(example)) {
            s.map(f -> f.getFileName().toString()).filter(f -> f.endsWith(".shy")).sorted().forEach(files::add);
        }
        TreeSet<String> given = new TreeSet<>();
        StringBuilder outputs = new StringBuilder();
        for (String file : files) {
            Shyperc.Run run = Shyperc.run(example, 120, "check", "--format", "line", file);
            assertEquals(0, run.exit(), run.output());
            outputs.append(run.output());
            Matcher w = Pattern.compile(": warning\\[(SHY\\d{4})\\]").matcher(run.output());
            while (w.find()) given.add(w.group(1));
        }
        assertEquals(given, said, () -> readme + "'s \"Expected warnings\" against `check` of " + files + ":\n" + outputs);
    }
}

package org.shyperc.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.shyperc.codegen.devicetree.DtbBoardImporter;
import org.shyperc.codegen.output.Problem;
import org.shyperc.codegen.output.Result;
import org.shyperc.compiler.Compilation;
import org.shyperc.compiler.Compiler;
import org.shyperc.dsl.diag.Diagnostic;

/**
 * `import dtb` over every DTB under a folder (Debian's arm64 kernel package: root/usr/lib/
 * linux-image-*), each with only `--reserve` (64 MiB at the base of the first memory bank the
 * import found, else at 0x40000000), then `check` of the board file. Prints how many import, how many check clean,
 * and the reasons of the rest, most frequent first. Run once, by hand:
 *
 *   mvn -o -q -pl bench -am package -DskipTests
 *   java -cp "$(cat bench/target/classpath.txt)" org.shyperc.bench.DtbSurvey ~/.cache/shyperc/linux/root/usr/lib [OUT]
 *
 * With OUT, every board file and its diagnostics are written there too.
 */
public final class DtbSurvey {

    private static final Pattern FIRST_BANK = Pattern.compile("(?m)^\\s*memory \\S+ @ (0x[0-9a-fA-F_]+) size");
    static final long RESERVE = 64L << 20;

    private DtbSurvey() { }

    /** The outcome of one DTB. */
    public record Outcome(Path dtb, boolean imported, List<String> importProblems, List<Diagnostic> check, String board) {
        public boolean clean() {
            return imported && check.stream().noneMatch(Diagnostic::isError);
        }
    }

    public static Outcome survey(Path dtb, Path work) throws IOException {
        byte[] bytes = Files.readAllBytes(dtb);
        String name = "b" + Integer.toHexString(dtb.toString().hashCode() & 0x7fffffff);
        Result<String> first = DtbBoardImporter.importBoard(bytes, name, dtb.getFileName().toString(), null);
        if (first.value() == null) {
            return new Outcome(dtb, false, first.problems().stream().map(Problem::toString).toList(), List.of(), null);
        }
        Matcher m = FIRST_BANK.matcher(first.value());
        // A DTB without memory (the boot loader fills it in) gets the usual arm64 DRAM base: the
        // board still fails for its missing memory, but for nothing else the reservation would hide.
        long base = m.find() ? Long.parseUnsignedLong(m.group(1).substring(2).replace("_", ""), 16) : 0x4000_0000L;
        DtbBoardImporter.HypervisorHint hint = new DtbBoardImporter.HypervisorHint(base, RESERVE,
                base + DtbBoardImporter.DEFAULT_LOAD_OFFSET);
        Result<String> r = DtbBoardImporter.importBoard(bytes, name, dtb.getFileName().toString(), hint);
        Path file = work.resolve(name + ".shy");
        Files.writeString(file, r.value());
        Compilation c = Compiler.standard().compile(List.of(file));
        return new Outcome(dtb, true, r.problems().stream().map(Problem::toString).toList(), c.diagnostics(), r.value());
    }

    /** A diagnostic without its particulars (names, numbers), to count reasons. */
    public static String reason(Diagnostic d) {
        String m = d.message().replaceAll("`[^`]*`", "`…`").replaceAll("0x[0-9a-fA-F_]+", "N").replaceAll("\\b\\d+\\b", "N");
        return d.code().id() + " " + m;
    }

    public static void main(String[] args) throws IOException {
        Path root = Path.of(args[0]);
        Path out = args.length > 1 ? Path.of(args[1]) : null;
        Path work = Files.createTempDirectory("dtb-survey");
        List<Path> dtbs;
        try (Stream<Path> s = Files.walk(root)) {
            dtbs = s.filter(p -> p.toString().endsWith(".dtb")).sorted().toList();
        }
        int imported = 0;
        int clean = 0;
        int spotless = 0;
        Map<String, List<String>> reasons = new TreeMap<>();
        List<String> failedImports = new ArrayList<>();
        for (Path dtb : dtbs) {
            Outcome o = survey(dtb, work);
            String rel = root.relativize(dtb).toString();
            if (!o.imported()) {
                failedImports.add(rel + ": " + o.importProblems());
                continue;
            }
            imported++;
            if (o.clean()) clean++;
            if (o.check().isEmpty()) spotless++;
            o.check().stream().filter(Diagnostic::isError).map(DtbSurvey::reason).distinct()
                    .forEach(r -> reasons.computeIfAbsent(r, k -> new ArrayList<>()).add(rel));
            if (out != null) {
                Path f = out.resolve(rel.replace('/', '_') + ".shy");
                Files.createDirectories(out);
                StringBuilder b = new StringBuilder(o.board());
                for (Diagnostic d : o.check()) b.append("// ").append(d.code().id()).append(": ").append(d.message()).append('\n');
                Files.writeString(f, b.toString());
            }
        }
        System.out.printf("DTBs: %d%nimported: %d%nchecked without errors (--reserve only): %d%nwithout any diagnostic: %d%n",
                dtbs.size(), imported, clean, spotless);
        failedImports.forEach(f -> System.out.println("import failed: " + f));
        System.out.println("reasons (boards with at least one such error):");
        reasons.entrySet().stream().sorted((a, b) -> b.getValue().size() - a.getValue().size())
                .forEach(e -> System.out.printf("%5d  %s   e.g. %s%n", e.getValue().size(), e.getKey(),
                        e.getValue().subList(0, Math.min(3, e.getValue().size()))));
    }
}

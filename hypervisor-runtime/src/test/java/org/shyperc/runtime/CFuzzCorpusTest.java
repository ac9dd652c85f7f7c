package org.shyperc.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Replays the corpus of every libFuzzer target of the runtime's guest-facing C code (src/test/fuzz, docs/runtime.md
 * "Fuzzing the runtime"): each harness is built for the host with clang's fuzzer, ASan and UBSan, and given the files
 * of its corpus runs each once; exit status 0 means no sanitizer report and no isolation violation on any of them.
 * bench/cfuzz.sh fuzzes one target for longer; its findings land in the same corpus directories.
 */
class CFuzzCorpusTest {
    static final Path ROOT = Path.of(System.getProperty("shyperc.root", "..")).toAbsolutePath().normalize();
    static final Path FUZZ = ROOT.resolve("hypervisor-runtime/src/test/fuzz");
    static final Path TARGET = ROOT.resolve("hypervisor-runtime/target");
    static final List<String> TARGETS = List.of("vgic2", "vgic3", "virtio", "psci", "blob");
    static final String HINT = "install clang-14 and libclang-rt-14-dev (scripts/install-deps.sh)";

    @TestFactory
    Stream<DynamicTest> everyCorpusReplaysCleanly() throws Exception {
        build();
        return TARGETS.stream().map(t -> DynamicTest.dynamicTest(t, () -> replay(t)));
    }

    private static void replay(String target) throws Exception {
        Path dir = FUZZ.resolve("corpus").resolve(target);
        List<String> cmd = new ArrayList<>(List.of(TARGET.resolve("fuzz").resolve(target).toString(), "-timeout=60"));
        try (Stream<Path> files = Files.list(dir)) {
            files.filter(Files::isRegularFile).sorted().forEach(f -> cmd.add(f.toString()));
        }
        assertTrue(cmd.size() > 2, "the corpus of " + target + " is empty: " + dir);
        Result r = run(cmd, 600);
        assertEquals(0, r.status, target + " failed on its corpus (" + (cmd.size() - 2) + " inputs):\n" + r.tail());
        assertFalse(r.out.contains("isolation violation"), r.tail());
    }

    /** clang and the fuzzer runtime, then every harness (make decides what is out of date). */
    private static void build() throws Exception {
        String clang = null;
        for (String c : List.of("clang-14", "clang")) {
            try {
                if (run(List.of(c, "--version"), 60).status == 0) { clang = c; break; }
            } catch (IOException notThere) {
                // try the next name
            }
        }
        if (clang == null) fail("no clang on the PATH: " + HINT);
        String arch = System.getProperty("os.arch").equals("amd64") ? "x86_64" : System.getProperty("os.arch");
        Path resources = Path.of(run(List.of(clang, "-print-resource-dir"), 60).out.strip());
        Path runtime = resources.resolve("lib/linux/libclang_rt.fuzzer-" + arch + ".a");
        if (!Files.isRegularFile(runtime)) fail("no libFuzzer runtime (" + runtime + "): " + HINT);
        Result make = run(List.of("make", "-s", "-C", FUZZ.toString(), "CLANG=" + clang, "OUT=" + TARGET.resolve("fuzz"),
                "GEN=" + TARGET.resolve("gen")), 900);
        assertEquals(0, make.status, "building the fuzz harnesses failed:\n" + make.tail());
    }

    private record Result(int status, String out) {
        String tail() {
            String[] lines = out.split("\n");
            return String.join("\n", List.of(lines).subList(Math.max(0, lines.length - 40), lines.length));
        }
    }

    private static Result run(List<String> cmd, int seconds) throws IOException, InterruptedException {
        Path log = Files.createTempFile("cfuzz", ".log");
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor();
                fail(String.join(" ", cmd.subList(0, Math.min(3, cmd.size()))) + " took more than " + seconds + " s");
            }
            return new Result(p.exitValue(), new String(Files.readAllBytes(log), StandardCharsets.ISO_8859_1));
        } finally {
            Files.deleteIfExists(log);
        }
    }
}

package org.shyperc.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * When the `./shyperc` launcher rebuilds: after any change to what the jar is made from (an edit
 * in place, a new, removed or renamed file, a POM, a library board), not after a change to a test
 * or to a file outside the sources, and not on a start where nothing changed. It runs on a
 * small tree of the same shape, with `mvn` and `java` on PATH replaced by scripts that count the
 * builds and stand in for the jar, so each case takes milliseconds (LauncherFirstUseTest does a
 * real build). Also what it passes `java`: its own options, then the user's ($SHYPERC_JAVA_OPTS).
 */
class LauncherStalenessTest {
    private static final List<String> MODULES = List.of("dsl", "compiler", "codegen", "cli", "hypervisor-runtime");

    @TempDir
    Path dir;
    private Path root;
    private Path bin;

    @BeforeEach
    void tree() throws IOException {
        root = dir.resolve("checkout");
        Files.createDirectories(root);
        Files.copy(Shyperc.ROOT.resolve("shyperc"), root.resolve("shyperc"), StandardCopyOption.COPY_ATTRIBUTES);
        write("pom.xml", "<project/>");
        for (String m : MODULES) {
            write(m + "/pom.xml", "<project/>");
            write(m + "/src/main/java/org/shyperc/A.java", "class A { }");
            write(m + "/src/test/java/org/shyperc/ATest.java", "class ATest { }");
        }
        write("boards/qemu-virt.shy", "board qemu-virt { }");
        write("docs/cli.md", "# shyperc");
        bin = dir.resolve("bin");
        Files.createDirectories(bin);
        // the build: counts itself, may save a source while it runs ($SAVE_DURING_BUILD), makes the jar; it takes
        // $BUILD_SECONDS, and fails as Maven's two builds in one tree did when another runs meanwhile
        script("mvn", "root=$(dirname \"$4\"); echo build >> \"$root/../builds\"\n"
                + "mkdir \"$root/../building\" 2>/dev/null || { echo '[ERROR] another build is running'; exit 1; }\n"
                + "sleep \"${BUILD_SECONDS:-0}\"\n"
                + "[ -n \"${SAVE_DURING_BUILD:-}\" ] && echo '// saved' >> \"$root/$SAVE_DURING_BUILD\"\n"
                + "mkdir -p \"$root/cli/target\"; echo jar > \"$root/cli/target/shyperc.jar\"\n"
                + "rmdir \"$root/../building\"\n"
                + "echo '[INFO] Building shyperc command line and language server 0.1.0-SNAPSHOT [6/6]'");
        // the jar: says how it was run, on its output and in java.log (the training runs' output goes nowhere)
        script("java", "echo \"java $*\" >> \"$(dirname \"$0\")/../java.log\"; echo \"java $*\"");
    }

    @Test
    void firstUseBuildsAndANewStartDoesNot() throws Exception {
        assertEquals(1, buildsAfterRun());
        assertEquals(1, buildsAfterRun());
        assertEquals(1, buildsAfterRun());
    }

    @Test
    void anEditInPlaceRebuilds() throws Exception {
        assertEquals(1, buildsAfterRun());
        Path a = root.resolve("compiler/src/main/java/org/shyperc/A.java");
        FileTime folder = Files.getLastModifiedTime(a.getParent());
        Files.writeString(a, "class A { int x; }", StandardCharsets.UTF_8);   // written in place, as VS Code saves
        assertEquals(folder, Files.getLastModifiedTime(a.getParent()));
        assertEquals(2, buildsAfterRun());
        assertEquals(2, buildsAfterRun());
    }

    @Test
    void aNewRemovedOrRenamedFileRebuilds() throws Exception {
        assertEquals(1, buildsAfterRun());
        write("dsl/src/main/java/org/shyperc/B.java", "class B { }");
        assertEquals(2, buildsAfterRun());
        Files.delete(root.resolve("dsl/src/main/java/org/shyperc/B.java"));
        assertEquals(3, buildsAfterRun());
        Files.move(root.resolve("codegen/src/main/java/org/shyperc/A.java"), root.resolve("codegen/src/main/java/org/shyperc/C.java"));
        assertEquals(4, buildsAfterRun());
        write("cli/src/main/resources/new/deep/file.txt", "x");   // in folders that did not exist at the last build
        assertEquals(5, buildsAfterRun());
        assertEquals(5, buildsAfterRun());
    }

    @Test
    void aPomOrALibraryBoardRebuilds() throws Exception {
        assertEquals(1, buildsAfterRun());
        Files.writeString(root.resolve("pom.xml"), "<project><!-- x --></project>", StandardCharsets.UTF_8);
        assertEquals(2, buildsAfterRun());
        Files.writeString(root.resolve("hypervisor-runtime/pom.xml"), "<project><!-- x --></project>", StandardCharsets.UTF_8);
        assertEquals(3, buildsAfterRun());
        Files.writeString(root.resolve("boards/qemu-virt.shy"), "board qemu-virt { // x\n}", StandardCharsets.UTF_8);
        assertEquals(4, buildsAfterRun());
    }

    @Test
    void testsDocsAndOutputsDoNotRebuild() throws Exception {
        assertEquals(1, buildsAfterRun());
        Files.writeString(root.resolve("cli/src/test/java/org/shyperc/ATest.java"), "class ATest { int x; }", StandardCharsets.UTF_8);
        write("docs/new.md", "# new");
        write("out/system.dtb", "x");
        write("compiler/target/classes/A.class", "x");
        assertEquals(1, buildsAfterRun());
    }

    @Test
    void aSourceSavedDuringTheBuildRebuildsNextTime() throws Exception {
        assertEquals(1, buildsAfterRun("SAVE_DURING_BUILD", "dsl/src/main/java/org/shyperc/A.java"));
        assertEquals(2, buildsAfterRun());
        assertEquals(2, buildsAfterRun());
    }

    @Test
    void launchersStartedTogetherAfterAChangeBuildOnceAndAllRun() throws Exception {
        // as pre-commit's parallel batches of one hook, or a language server started beside a terminal's check
        List<Process> started = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) started.add(start(root, "./shyperc", List.of("check", "x" + i + ".shy"), "BUILD_SECONDS", "1"));
        for (int i = 0; i < started.size(); i++) {
            Run r = finish(started.get(i));
            assertEquals(0, r.exit, r.output);
            javaLine(r, "check x" + i + ".shy");
        }
        assertEquals(1, builds());
        Files.writeString(root.resolve("dsl/src/main/java/org/shyperc/A.java"), "class A { int y; }", StandardCharsets.UTF_8);
        Process a = start(root, "./shyperc", List.of("--version"), "BUILD_SECONDS", "1");
        Process b = start(root, "./shyperc", List.of("--version"), "BUILD_SECONDS", "1");
        String both = finish(a).output + finish(b).output;
        assertEquals(2, builds(), both);
        assertEquals(2, both.lines().filter(l -> l.endsWith("org.shyperc.cli.Main --version")).count(), both);
        assertFalse(both.contains("another build is running"), both);
    }

    @Test
    void aJarBuiltByHandIsUsedAndItsSourcesListed() throws Exception {
        // as after `mvn package` by hand, or a launcher that kept no list: a jar newer than every source
        Files.createDirectories(root.resolve("cli/target"));
        Files.writeString(root.resolve("cli/target/shyperc.jar"), "jar", StandardCharsets.UTF_8);
        assertEquals(0, buildsAfterRun());
        assertTrue(Files.readString(root.resolve("cli/target/shyperc.sources")).contains("dsl/src/main/java/org/shyperc/A.java\n"));
        assertEquals(0, buildsAfterRun());
        Files.setLastModifiedTime(root.resolve("cli/src/main/java/org/shyperc/A.java"), FileTime.fromMillis(System.currentTimeMillis() + 5000));
        assertEquals(1, buildsAfterRun());
    }

    @Test
    void aSymlinkedLauncherFindsItsCheckout() throws Exception {
        Path link = dir.resolve("bin/shyperc");
        Files.createSymbolicLink(link, root.resolve("shyperc"));
        Run r = run(dir, link.toString());
        assertTrue(r.output.contains("-cp " + root.toRealPath().resolve("cli/target/shyperc.jar") + " org.shyperc.cli.Main --version"), r.output);
        assertEquals(1, builds());
    }

    @Test
    void theUsersJavaOptionsComeLastSoTheyWin() throws Exception {
        String java = javaLine(run(root, "./shyperc", "SHYPERC_JAVA_OPTS", "  -Xms1536m   -Xmn1g "));
        assertTrue(java.startsWith("java -XX:+UseSerialGC "), java);
        // the stand-in java writes no class-data archive, so the user's options follow the compiler's
        assertTrue(java.contains(" -XX:CICompilerCount=1" + hugePages() + " -Xms1536m -Xmn1g -cp "), java);
    }

    @Test
    void theHeapIsInHugePagesWhereTheKernelGivesThemOnRequest() throws Exception {
        String thp = Files.isReadable(THP) ? Files.readString(THP) : "";
        for (List<String> args : List.of(List.of("check", "x.shy"), List.of("build", "x.shy"), List.of("--version"))) {
            String java = javaLine(run(root, "./shyperc", args), String.join(" ", args));
            // "always": the kernel gives them anyway; "never": the JVM would warn that it cannot
            assertEquals(thp.contains("[madvise]"), java.contains(" -XX:+UseTransparentHugePages "), thp + ": " + java);
        }
        // the language server's small requests waited longer at the tail with them
        assertFalse(javaLine(run(root, "./shyperc", List.of("lsp")), "lsp").contains("HugePages"));
    }

    private static final Path THP = Path.of("/sys/kernel/mm/transparent_hugepage/enabled");

    /** The launcher's huge-page option on this machine, with its leading space, or nothing. */
    private static String hugePages() throws IOException {
        return Files.isReadable(THP) && Files.readString(THP).contains("[madvise]") ? " -XX:+UseTransparentHugePages" : "";
    }

    @Test
    void aCheckRunsTheJarFromTheBootClassPathUnlessItMayWriteAReport() throws Exception {
        String jar = root.toRealPath().resolve("cli/target/shyperc.jar").toString();
        String check = javaLine(run(root, "./shyperc", List.of("check", "x.shy")), "check x.shy");
        assertTrue(check.endsWith(" -Dshyperc.jar=" + jar + " -Xbootclasspath/a:" + jar + " -cp " + jar
                + " org.shyperc.cli.Main check x.shy"), check);
        // the report's templates need a class loader (Velocity asks for its own); an @file may ask for a report
        for (List<String> args : List.of(List.of("check", "--report", "r", "x.shy"), List.of("check", "--report=r", "x.shy"),
                List.of("check", "@args"), List.of("build", "x.shy"), List.of("lsp"), List.of("--version"))) {
            String line = javaLine(run(root, "./shyperc", args), String.join(" ", args));
            assertFalse(line.contains("-Xbootclasspath"), line);
            assertTrue(line.endsWith(" -cp " + jar + " org.shyperc.cli.Main " + String.join(" ", args)), line);
        }
    }

    @Test
    void anArchiveThatCouldNotBeMadeIsNotTriedAgainUntilTheJarChanges() throws Exception {
        // the stand-in java makes no archive: each command's first start tries (training runs, then a dump), once
        for (String command : List.of("check", "build")) {
            List<String> args = List.of(command, "x.shy");
            assertEquals(0, run(root, "./shyperc", args).exit);
            int trained = trainingRuns();
            assertTrue(trained > 0, command);
            assertEquals(0, run(root, "./shyperc", args).exit);
            assertEquals(trained, trainingRuns(), command);
        }
        int before = trainingRuns();
        Path jar = root.resolve("cli/target/shyperc.jar");
        Files.setLastModifiedTime(jar, FileTime.fromMillis(System.currentTimeMillis() + 5000));   // rebuilt by hand
        run(root, "./shyperc", List.of("check", "x.shy"));
        assertTrue(trainingRuns() > before);
    }

    private int trainingRuns() throws IOException {
        Path log = dir.resolve("java.log");
        return Files.exists(log) ? (int) Files.readAllLines(log).stream().filter(l -> l.contains("-XX:DumpLoadedClassList=")).count() : 0;
    }

    @Test
    void aCollectorTheUserNamesReplacesOurs() throws Exception {
        String java = javaLine(run(root, "./shyperc", "SHYPERC_JAVA_OPTS", "-XX:+UseParallelGC -XX:+UseG1GC"));
        assertFalse(java.contains("UseSerialGC"), java);
        assertTrue(java.startsWith("java -XX:-UsePerfData -Xss16m "), java);   // nothing else of ours dropped
        assertTrue(java.contains(" -XX:+UseParallelGC -XX:+UseG1GC -cp "), java);   // the JVM says what it thinks of two
    }

    @Test
    void noJavaOptionsLeaveOursAsTheyAre() throws Exception {
        String java = javaLine(run(root, "./shyperc", "SHYPERC_JAVA_OPTS", ""));
        assertTrue(java.startsWith("java -XX:+UseSerialGC -XX:-UsePerfData -Xss16m "), java);
        assertTrue(java.contains(" -XX:CICompilerCount=1" + hugePages() + " -cp "), java);
    }

    @Test
    void theLanguageServerGetsAYoungGenerationALargeRecheckFitsInWhereTheMachineHasRoom() throws Exception {
        long kib = Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal:"))
                .mapToLong(l -> Long.parseLong(l.split("\\s+")[1])).findFirst().orElseThrow();
        for (String limit : List.of("/sys/fs/cgroup/memory.max", "/sys/fs/cgroup/memory/memory.limit_in_bytes")) {
            Path f = Path.of(limit);
            if (!Files.isReadable(f)) continue;
            String v = Files.readString(f).trim();
            if (v.matches("[0-9]{1,18}")) kib = Math.min(kib, Long.parseLong(v) / 1024);   // a container's limit
            break;
        }
        String lsp = javaLine(run(root, "./shyperc", List.of("lsp"), "SHYPERC_JAVA_OPTS", "-Xmn2g"), "lsp");
        String heap = kib >= 8L * 1024 * 1024 ? " -Xms1536m -Xmn1g" : "";
        assertTrue(lsp.contains(" -Xlog:cds+dynamic=off" + heap + " -Xmn2g -cp "), kib + " KiB: " + lsp);   // the user's still last
        // a check or build keeps Java's young generation: cold, a larger one was slower (docs/decisions.md, "Memory")
        assertFalse(javaLine(run(root, "./shyperc", List.of("check", "x.shy")), "check x.shy").contains("-Xmn"));
        assertFalse(javaLine(run(root, "./shyperc", List.of("build", "x.shy")), "build x.shy").contains("-Xmn"));
    }

    /** The command line the launcher ran the jar with (the stand-in `java` echoes it). */
    private static String javaLine(Run r) {
        return javaLine(r, "--version");
    }

    private static String javaLine(Run r, String args) {
        assertEquals(0, r.exit, r.output);
        return r.output.lines().filter(l -> l.endsWith("org.shyperc.cli.Main " + args)).findFirst()
                .orElseThrow(() -> new AssertionError(r.output));
    }

    private int buildsAfterRun(String... env) throws IOException, InterruptedException {
        Run r = run(root, "./shyperc", env);
        assertEquals(0, r.exit, r.output);
        assertTrue(r.output.contains("org.shyperc.cli.Main --version"), r.output);   // and then it ran the jar
        return builds();
    }

    private int builds() throws IOException {
        Path log = dir.resolve("builds");
        return Files.exists(log) ? Files.readAllLines(log).size() : 0;
    }

    private record Run(int exit, String output) { }

    private Run run(Path cwd, String launcher, String... env) throws IOException, InterruptedException {
        return run(cwd, launcher, List.of("--version"), env);
    }

    private Run run(Path cwd, String launcher, List<String> args, String... env) throws IOException, InterruptedException {
        return finish(start(cwd, launcher, args, env));
    }

    private Process start(Path cwd, String launcher, List<String> args, String... env) throws IOException {
        List<String> command = new java.util.ArrayList<>(List.of(launcher));
        command.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(command).directory(cwd.toFile()).redirectErrorStream(true);
        pb.environment().put("PATH", bin + ":" + System.getenv("PATH"));
        for (int i = 0; i < env.length; i += 2) pb.environment().put(env[i], env[i + 1]);
        Process p = pb.start();
        p.getOutputStream().close();
        return p;
    }

    private static Run finish(Process p) throws IOException, InterruptedException {
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("the launcher did not finish:\n" + out);
        }
        return new Run(p.exitValue(), out);
    }

    private void write(String path, String text) throws IOException {
        Path p = root.resolve(path);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text, StandardCharsets.UTF_8);
    }

    private void script(String name, String body) throws IOException {
        Path p = bin.resolve(name);
        Files.writeString(p, "#!/usr/bin/env bash\n" + body + "\n", StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}

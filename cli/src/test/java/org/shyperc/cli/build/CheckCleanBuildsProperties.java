package org.shyperc.cli.build;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.quicktheories.QuickTheory;
import org.quicktheories.core.Gen;
import org.quicktheories.core.RandomnessSource;
import org.quicktheories.impl.Constraint;
import org.shyperc.cli.CliRun;
import org.shyperc.codegen.output.OutputTree;
import org.shyperc.compiler.Compilation;
import org.shyperc.compiler.Compiler;
import org.shyperc.compiler.bind.Loader;
import org.shyperc.compiler.check.Checks;
import org.shyperc.compiler.model.BoardModel;
import org.shyperc.dsl.diag.Diagnostic;
import org.shyperc.plan.BoardPlan;

/**
 * shyperc's promise: if `check` reports no error, `build` succeeds and links an image. Random
 * systems on every board of the library, and on the variants of them a user writes (more cores, a
 * smaller reservation, DRAM far up, a console UART of another make, a PLIC), pushed towards the
 * runtime's limits: up to ten VMs, names up to 34 bytes, IPAs up to 2^40, payloads that fill the
 * reservation. Each is checked as `check` does; a clean one is built as `build` does, in memory,
 * with stand-in guest images on disk, and must give every output and, on aarch64, the image.
 */
class CheckCleanBuildsProperties {
    static final int TRIES = 400;
    /** Stand-in guest images, by size; the big ones are what fill a reservation. */
    static final long[] IMAGE_SIZES = {4 << 10, 300 << 10, 2 << 20, 9 << 20};
    /** Every board of the library (boards/), read at start, so a board added there is covered too. */
    static final List<String> BOARDS = new ArrayList<>();

    private static Path dir;
    private static final Map<String, String> boardText = new LinkedHashMap<>();
    private static final Map<String, BoardModel> boardModel = new LinkedHashMap<>();
    private static int serial;

    @BeforeAll
    static void fixture() throws IOException {
        dir = Files.createTempDirectory("shyperc-checkbuild");
        Path images = Files.createDirectories(dir.resolve("images"));
        for (long size : IMAGE_SIZES) {
            byte[] b = new byte[(int) size];
            for (int i = 0; i < b.length; i++) b[i] = (byte) (i * 31 + 7);
            Files.write(images.resolve("k" + size + ".bin"), b);
        }
        try (var listed = Files.list(CliRun.root().resolve("boards"))) {
            listed.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".shy")).sorted()
                    .forEach(n -> BOARDS.add(n.substring(0, n.length() - ".shy".length())));
        }
        assertTrue(BOARDS.size() >= 6, "the board library: " + BOARDS);
        for (String name : BOARDS) {
            String text = Files.readString(CliRun.root().resolve("boards/" + name + ".shy"));
            boardText.put(name, text);
            Compilation c = compiler(dir).compileSource(org.shyperc.dsl.source.SourceFile.of(name + ".shy", text));
            boardModel.put(name, c.program().boards().get(0));
        }
    }

    @AfterAll
    static void cleanUp() throws IOException {
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    static Compiler compiler(Path base) {
        return new Compiler(base, Loader.Sources.DISK, Checks.ALL);
    }

    @Test
    void whatChecksCleanBuilds() {
        Map<String, Integer> seen = new TreeMap<>();
        Map<String, Integer> cleanOn = new TreeMap<>();
        QuickTheory.qt().withExamples(TRIES + TRIES / 10 + 2).withShrinkCycles(200)
                .forAll(fromRandom(CheckCleanBuildsProperties::generate).describedAs(Case::describe))
                .checkAssert(c -> {
                    Outcome o = run(c);
                    seen.merge(o.checkClean ? "check clean" : "check errors", 1, Integer::sum);
                    if (o.checkClean) {
                        seen.merge("clean on " + c.board + (c.variant.isEmpty() ? "" : " (" + c.variant + ")"), 1, Integer::sum);
                        cleanOn.merge(c.board, 1, Integer::sum);
                    }
                    assertFalse(o.checkClean && o.build.failed(), () -> "check is clean, build fails:\n"
                            + render(o.build.diagnostics()));
                    if (o.checkClean) {
                        assertFalse(o.build.trees().isEmpty(), "check is clean, build made nothing");
                        for (OutputTree t : o.build.trees().values()) {
                            // the runtime is built for aarch64 and riscv64 boards (checks refuse the rest)
                            assertTrue(t.get("shyper.bin") != null, "no image");
                        }
                    }
                });
        // a property that only meets broken systems proves nothing
        int clean = seen.getOrDefault("check clean", 0);
        assertTrue(clean * 100 >= TRIES * 25, () -> "only " + clean + " clean systems: " + seen);
        for (String board : BOARDS) assertTrue(cleanOn.containsKey(board), () -> "no clean system on " + board + ": " + seen);
    }

    record Outcome(boolean checkClean, BuildPipeline.Outcome build, List<Diagnostic> errors) { }

    static Outcome run(Case c) {
        try {
            Path d = Files.createDirectories(dir.resolve("case" + (serial++)));
            Files.writeString(d.resolve("board.shy"), c.boardText);
            Files.writeString(d.resolve("system.shy"), c.system);
            Compiler compiler = compiler(d);
            List<Path> files = List.of(d.resolve("system.shy"));
            Compilation checked = compiler.compile(files);
            boolean clean = checked.diagnostics().stream().noneMatch(Diagnostic::isError);
            BuildPipeline.Outcome built = clean ? BuildPipeline.build(compiler, files, null) : null;
            return new Outcome(clean, built, checked.diagnostics().stream().filter(Diagnostic::isError).toList());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static String render(List<Diagnostic> ds) {
        StringBuilder b = new StringBuilder();
        for (Diagnostic d : ds) b.append("  ").append(d.severity().label()).append('[').append(d.code().id()).append("] ")
                .append(d.message()).append('\n');
        return b.toString();
    }

    /** One random system, the board it is for and the board's text (a library board, or a variant of one). */
    record Case(String board, String variant, BoardPlan.Arch arch, String boardText, String system) {
        String describe() { return "board " + board + (variant.isEmpty() ? "" : " (" + variant + ")") + ":\n" + system; }
    }

    static Case generate(Random r) {
        String name = BOARDS.get(r.nextInt(BOARDS.size()));
        BoardModel b = boardModel.get(name);
        String text = boardText.get(name);
        List<String> variant = new ArrayList<>();
        int cores = b.cores().size();
        BoardPlan.Arch arch = b.arch();
        // variants a user writes of a library board
        if (r.nextInt(6) == 0) {
            int extra = 1 + r.nextInt(8);
            StringBuilder mpidrs = new StringBuilder();
            for (int i = 0; i < extra; i++) mpidrs.append(i == 0 ? "" : ", ").append("0x").append(Integer.toHexString(0x1_0000 + i));
            text = insertAfter(text, "(?m)^\\s*cpus .*$", "    cpus " + extra + " \"" + b.cores().get(0).compatible() + "\" mpidr [" + mpidrs + "]");
            cores += extra;
            variant.add(cores + " cores");
        }
        if (r.nextInt(6) == 0) {
            long size = (2 + r.nextInt(14)) << 20;
            text = text.replaceFirst("reserve @ (0x[0-9A-Fa-f_]+) size [^/\\n]*", "reserve @ $1 size 0x" + Long.toHexString(size));
            variant.add("reserve " + (size >> 20) + " MiB");
        }
        if (r.nextInt(10) == 0) {
            text = insertAfter(text, "(?m)^\\s*memory \\S+ @ .*$", "    memory far @ 0x" + Long.toHexString((1L << 39) + ((long) r.nextInt(4) << 30)) + " size 1 GiB");
            variant.add("DRAM above 512 GiB");
        }
        if (r.nextInt(12) == 0) {
            String console = b.hyp().console();
            text = text.replaceFirst("device " + Pattern.quote(console) + " \"[^\"]*\"", "device " + console + " \"acme,uart\"");
            variant.add("console acme,uart");
        }
        if (arch == BoardPlan.Arch.RISCV64 && r.nextInt(3) == 0) {
            text = text.replaceFirst("arch riscv64", "arch aarch64");
            arch = BoardPlan.Arch.AARCH64;
            variant.add("PLIC on aarch64");
        }

        // free SPIs for virtio: none a board device or the hypervisor uses
        java.util.Set<Integer> used = new java.util.HashSet<>();
        for (BoardModel.Device d : b.devices()) for (BoardModel.Irq i : d.irqs()) used.add(i.id());
        used.add(b.hyp().hypercallIrq());
        used.add(b.intc().maintenanceIrq());
        List<Integer> freeSpis = new ArrayList<>();
        boolean gic = b.intc().kind() != org.shyperc.plan.InterruptControllerPlan.Kind.PLIC;
        for (int i = gic ? 32 : 1; i < b.intc().lines(); i++) if (!used.contains(i)) freeSpis.add(i);
        Collections.shuffle(freeSpis, r);

        // guest IPAs above everything the board has, so that the virtual GIC and passthroughs keep theirs
        long top = 0;
        for (BoardModel.Device d : b.devices()) top = Math.max(top, d.base() + d.size());
        for (BoardModel.Frame f : b.intc().frames()) top = Math.max(top, f.base() + f.size());
        long window = Math.max(1L << 32, (top + (1L << 30) - 1) & -(1L << 30));

        // now and then more VMs than cores (they then share one) or than the runtime holds
        int nVm = r.nextInt(8) == 0 ? 1 + r.nextInt(Math.min(10, cores + 2)) : 1 + r.nextInt(cores);
        // now and then one VM with RAM near or past the top of the IPA space
        int highVm = r.nextInt(5) == 0 ? r.nextInt(nVm) : -1;
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < cores; i++) order.add(i);
        Collections.shuffle(order, r);
        List<List<Integer>> vmCores = new ArrayList<>();
        for (int v = 0; v < nVm; v++) vmCores.add(new ArrayList<>(List.of(order.get(v % cores))));
        for (int i = nVm; i < cores; i++) if (r.nextBoolean()) vmCores.get(r.nextInt(nVm)).add(order.get(i));

        List<BoardModel.Device> devices = new ArrayList<>();
        for (BoardModel.Device d : b.devices()) if (!d.name().equals(b.hyp().console())) devices.add(d);
        Collections.shuffle(devices, r);

        StringBuilder s = new StringBuilder("import \"board.shy\"\n\nsystem gen for " + name + " {\n");
        List<String> names = new ArrayList<>();
        for (int v = 0; v < nVm; v++) {
            String vmName = vmName(r, v);
            names.add(vmName);
            long ramIpa = v == highVm ? highIpa(r) : window + v * (1L << 30);
            long kernel = IMAGE_SIZES[r.nextInt(10) < 7 ? r.nextInt(2) : 2 + r.nextInt(2)];
            boolean initrd = r.nextInt(5) == 0;
            // room for the kernel, an initrd after it and the device tree in the top 2 MiB
            long ramSize = Math.max((1L + r.nextInt(16)) << 21, blockUp(kernel) + (initrd ? 2L << 21 : 0) + (2L << 20));
            s.append("    vm ").append(vmName).append(" : ").append(r.nextInt(4) == 0 ? "linux" : "baremetal").append(" {\n");
            List<String> cpus = vmCores.get(v).stream().sorted().map(String::valueOf).toList();
            s.append("        cpus [").append(String.join(", ", cpus)).append("]\n");
            s.append("        memory @ ").append(hex(ramIpa)).append(" size ").append(hex(ramSize)).append('\n');
            if (r.nextInt(4) == 0) {
                s.append("        memory @ ").append(hex(ramIpa + ramSize + (1L << 30))).append(" size ").append(hex((1 + r.nextInt(4)) << 21)).append('\n');
            }
            s.append("        kernel \"../images/k").append(kernel).append(".bin\" @ ").append(hex(ramIpa)).append('\n');
            if (initrd) {
                s.append("        initrd \"../images/k").append(IMAGE_SIZES[0]).append(".bin\" @ ").append(hex(ramIpa + blockUp(kernel))).append('\n');
            }
            for (int k = r.nextInt(3); k > 0 && !devices.isEmpty(); k--) {
                s.append("        passthrough ").append(devices.remove(devices.size() - 1).name()).append('\n');
            }
            if (r.nextInt(4) == 0 && !freeSpis.isEmpty()) {
                s.append("        virtio ").append(List.of("console", "blk", "net").get(r.nextInt(3))).append(" @ ")
                        .append(hex(window + (1L << 30) * 64 + v * 0x1000L)).append(" irq ").append(freeSpis.remove(freeSpis.size() - 1)).append('\n');
            }
            if (r.nextInt(8) == 0) s.append("        console @ ").append(hex(window + (1L << 30) * 65 + v * 0x1000L)).append('\n');
            s.append("    }\n");
        }
        if (nVm > 1 && r.nextInt(4) == 0) {
            s.append("    shared chan size ").append(hex((1 + r.nextInt(8)) << 12)).append(" {\n");
            s.append("        ").append(names.get(0)).append(" @ ").append(hex(window + (1L << 30) * 66)).append(" rw\n");
            s.append("        ").append(names.get(1)).append(" @ ").append(hex(window + (1L << 30) * 66)).append(r.nextBoolean() ? " rw" : " ro").append('\n');
            s.append("    }\n");
        }
        s.append("}\n");
        return new Case(name, String.join(", ", variant), arch, text, s.toString());
    }

    /** Mostly short names, sometimes right at or past the 31 bytes the runtime's table holds. */
    static String vmName(Random r, int v) {
        int len = r.nextInt(12) == 0 ? 29 + r.nextInt(5) : 2 + r.nextInt(8);
        StringBuilder b = new StringBuilder("v" + v);
        while (b.length() < len) b.append((char) ('a' + r.nextInt(26)));
        return b.toString();
    }

    /** RAM near or past the top of a 39- or 40-bit IPA space (IPAs are per VM, so one VM does). */
    static long highIpa(Random r) {
        return switch (r.nextInt(3)) {
            case 0 -> (1L << 39) - (64L << 20); // below 2^39
            case 1 -> 1L << 39;                 // at 2^39, where the runtime's stage 2 ends
            default -> (1L << 40) - (64L << 20); // below 2^40
        };
    }

    static long blockUp(long v) { return (v + (2L << 20) - 1) & -(2L << 20); }

    static String insertAfter(String text, String lineRegex, String line) {
        Matcher m = Pattern.compile(lineRegex).matcher(text);
        int end = -1;
        while (m.find()) end = m.end();
        return end < 0 ? text : text.substring(0, end) + "\n" + line + text.substring(end);
    }

    static String hex(long v) { return "0x" + Long.toHexString(v); }

    /** Values made by code written against {@link Random}, whose bits are QuickTheories' draws, so they shrink. */
    static <T> Gen<T> fromRandom(java.util.function.Function<Random, T> make) {
        return in -> make.apply(new DrawnRandom(in));
    }

    private static final class DrawnRandom extends Random {
        private final transient RandomnessSource source;

        DrawnRandom(RandomnessSource source) {
            super(0);
            this.source = source;
        }

        @Override
        protected int next(int bits) {
            return (int) source.next(Constraint.between(0, (1L << bits) - 1));
        }

        @Override
        public int nextInt(int bound) {
            return (int) source.next(Constraint.between(0, bound - 1));
        }
    }
}

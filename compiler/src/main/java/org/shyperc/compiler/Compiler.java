package org.shyperc.compiler;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.shyperc.compiler.bind.Binder;
import org.shyperc.compiler.bind.BoardPath;
import org.shyperc.compiler.bind.Loader;
import org.shyperc.compiler.check.Check;
import org.shyperc.compiler.check.CheckRunner;
import org.shyperc.compiler.check.Checks;
import org.shyperc.compiler.check.Failures;
import org.shyperc.compiler.check.Severities;
import org.shyperc.compiler.layout.Layout;
import org.shyperc.compiler.lower.Lower;
import org.shyperc.compiler.model.BoardModel;
import org.shyperc.compiler.model.Instance;
import org.shyperc.compiler.model.Program;
import org.shyperc.dsl.ast.ShyFile;
import org.shyperc.dsl.diag.Code;
import org.shyperc.dsl.diag.Codes;
import org.shyperc.dsl.diag.Severity;
import org.shyperc.dsl.diag.Diagnostic;
import org.shyperc.dsl.diag.Result;
import org.shyperc.dsl.source.SourceFile;
import org.shyperc.dsl.source.SourceSpan;

/**
 * The front end every tool runs (check, build, the language server): load, parse, bind,
 * place, check, lower. Never throws for bad input.
 */
public final class Compiler {
    private final Path base;
    private final Loader.Sources sources;
    /** Where `import board "NAME"` looks. */
    private final BoardPath boards;
    private final List<Check> checks;
    /** Per-code severity changes (`-W`/`-E`, and `build` making missing images errors): the one place they are applied. */
    private final Severities severities;
    /** The one board whose instances are bound and checked, or null for every board. */
    private final String onlyBoard;
    /**
     * From how many items a system's VMs bind and get their mapping lists, and a board's or system's checks
     * run wave by wave, in parallel ({@link CheckRunner}).
     */
    private final int parallelFrom;

    /** Board imports resolve in the board library only; {@link #withBoardPath} adds folders. */
    public Compiler(Path base, Loader.Sources sources, List<Check> checks) {
        this(base, sources, BoardPath.bundled(), checks, Severities.NONE, null, CheckRunner.PARALLEL_FROM);
    }

    private Compiler(Path base, Loader.Sources sources, BoardPath boards, List<Check> checks, Severities severities,
            String onlyBoard, int parallelFrom) {
        this.base = base;
        this.sources = sources;
        this.boards = boards;
        this.checks = List.copyOf(checks);
        this.severities = severities;
        this.onlyBoard = onlyBoard;
        this.parallelFrom = parallelFrom;
    }

    /**
     * The same compiler making only the instances of systems on {@code board} (`build --board`):
     * another board's instance, and its problems, are left out; problems that do not depend on the
     * board (syntax, names, the boards' own files) are still reported.
     */
    public Compiler forBoard(String board) {
        return new Compiler(base, sources, boards, checks, severities, board, parallelFrom);
    }

    /** The same compiler with board imports resolved on {@code path}. */
    public Compiler withBoardPath(BoardPath path) {
        return new Compiler(base, sources, path, checks, severities, onlyBoard, parallelFrom);
    }

    public BoardPath boardPath() { return boards; }

    /**
     * The same compiler with these severity changes. Applied before errors are counted, so a raised
     * warning also withholds the Plan and a lowered error lets it through.
     */
    public Compiler withSeverities(Severities s) {
        return new Compiler(base, sources, boards, checks, s, onlyBoard, parallelFrom);
    }

    /**
     * The same compiler binding a system's VMs, making their maps and running its checks in parallel from {@code items} items on
     * (0: always, {@link Integer#MAX_VALUE}: never). The findings do not depend on it; tests compare both ways.
     */
    public Compiler withParallelFrom(int items) {
        return new Compiler(base, sources, boards, checks, severities, onlyBoard, items);
    }

    /** The same compiler with {@code code} reported at {@code severity} (unchecked: see {@link Severities#warn}). */
    public Compiler withSeverity(Code code, Severity severity) {
        return withSeverities(severities.with(code, severity));
    }

    public Severities severities() { return severities; }

    /**
     * What `build` runs: guest images must exist (SHY0701 becomes an error).
     *
     * @throws Severities.Refused when the user made SHY0701 a warning
     */
    public Compiler forBuild() {
        return withSeverities(severities.forBuild());
    }

    /** Reads from disk; display paths relative to the working directory; boards on {@value BoardPath#ENV}, then the library. */
    public static Compiler standard() {
        return new Compiler(Path.of("").toAbsolutePath(), Loader.Sources.DISK, Checks.ALL)
                .withBoardPath(BoardPath.fromEnvironment(List.of()));
    }

    public Compilation compile(List<Path> roots) {
        Result<List<ShyFile>> loaded = new Loader(base, sources, boards).load(roots);
        return compileFiles(loaded.value(), loaded.diagnostics());
    }

    /** Compiles in-memory sources (tests, benchmarks); imports still resolve through {@link Loader.Sources}. */
    public Compilation compileSource(SourceFile file) {
        Path root = (file.path() != null ? file.path() : base.resolve(file.displayPath())).toAbsolutePath().normalize();
        Result<List<ShyFile>> loaded = new Loader(base, new OneFile(root, file, sources), boards).load(List.of(root));
        return compileFiles(loaded.value(), loaded.diagnostics());
    }

    /** {@code file} at {@code root}; every other path from {@code rest}. */
    private static final class OneFile implements Loader.Sources {
        private final Path root;
        private final SourceFile file;
        private final Loader.Sources rest;

        OneFile(Path root, SourceFile file, Loader.Sources rest) {
            this.root = root;
            this.file = file;
            this.rest = rest;
        }

        @Override
        public Result<SourceFile> load(Path absolute, String displayPath, SourceSpan from) {
            return absolute.equals(root) ? new Result<>(file, List.of()) : rest.load(absolute, displayPath, from);
        }
    }

    private Compilation compileFiles(List<ShyFile> files, List<Diagnostic> early) {
        Set<Diagnostic> all = new LinkedHashSet<>(tuned(early));
        Result<Program> bound = Binder.bind(files, onlyBoard, parallelFrom);
        // the loader's and parser's errors made ready for the follow-on filters; none, and no class loaded, for a valid file
        EarlyErrors known = early.isEmpty() ? null : new EarlyErrors(early, LOSSY, files);
        all.addAll(tuned(withoutFollowOns(bound.diagnostics(), early, known, files)));
        Program program = bound.value();
        CheckRunner runner = new CheckRunner(checks, severities, parallelFrom);
        // Failures are kept per item, never per code: a check skips only the items a prerequisite failed on.
        Failures unreadable = new Failures(program.unreadable());
        Map<BoardModel, Failures> boardFailures = new java.util.IdentityHashMap<>();
        for (BoardModel board : program.boards()) {
            Failures f = unreadable.copy();
            all.addAll(runner.runBoard(board, f));
            boardFailures.put(board, f);
        }
        all.addAll(runner.runInstances(program.instances()));
        boolean upstreamClean = noErrors(all);
        List<Compilation.Placed> placed = new ArrayList<>();
        for (Instance raw : program.instances()) {
            Failures failed = boardFailures.getOrDefault(raw.board(), unreadable).forInstance(raw);
            Result<Instance> laid = Layout.place(raw, new Unreadable(failed), parallelFrom);
            List<Diagnostic> layoutDiags = new ArrayList<>();
            for (Diagnostic d : laid.diagnostics()) {
                Diagnostic t = tuned(d);
                if (!failed.involves(t, List.of())) layoutDiags.add(t);
            }
            all.addAll(layoutDiags);
            failed.addAll(layoutDiags);
            List<Diagnostic> found = runner.runInstance(laid.value(), failed);
            all.addAll(withoutFollowOnFindings(withoutNoVm(found, known), known, files));
            boolean clean = upstreamClean && noErrors(layoutDiags) && noErrors(found);
            placed.add(new Compilation.Placed(laid.value(), clean ? Lower.lower(laid.value()) : null));
        }
        List<Diagnostic> sorted = new ArrayList<>(severities.shown(new ArrayList<>(all)));
        sorted.sort(Diagnostic.ORDER);
        return new Compilation(files, program, placed, sorted, all.size() - sorted.size());
    }

    private static boolean noErrors(Collection<Diagnostic> ds) {
        for (Diagnostic d : ds) if (d.isError()) return false;
        return true;
    }

    /** The items placement leaves out: those the binder could not read. */
    private static final class Unreadable implements Predicate<SourceSpan> {
        private final Failures failed;

        Unreadable(Failures failed) { this.failed = failed; }

        @Override
        public boolean test(SourceSpan item) { return failed.skips(item, List.of()); }
    }

    /** Codes that mean the parser dropped part of a file. */
    private static final Set<Code> LOSSY = Set.of(Codes.SYNTAX, Codes.BAD_TOKEN, Codes.TOO_DEEP);

    /**
     * Where the parser dropped text, "has no kernel"-style complaints about that file are
     * follow-ons of the syntax error, not news: they are left out. So is "there is no board
     * `rpi5`" where `import board "rpi5"` was already reported, and "no device `uart0`" where the
     * board's `device uart0` line has a syntax error ({@link LostDevices}).
     */
    private static List<Diagnostic> withoutFollowOns(List<Diagnostic> bound, List<Diagnostic> early, EarlyErrors known,
                                                     List<ShyFile> files) {
        if (known == null) return bound;
        Set<String> unfound = unfoundBoards(early, files);
        if (!known.anyLossy() && unfound.isEmpty()) return bound;
        // only where the parser lost text: a valid file's check loads no class for it (and its pattern links lambdas)
        LostDevices lost = known.anyLossy() ? new LostDevices(early, LOSSY) : null;
        List<Diagnostic> out = new ArrayList<>(bound.size());
        org.shyperc.dsl.diag.Names.Index unfoundNames = unfound.isEmpty() ? null : org.shyperc.dsl.diag.Names.Index.of(unfound);
        for (Diagnostic d : bound) {
            if (lost != null && lost.followOn(d)) continue;
            // `/*` never closed took the rest of the file: a name declared there (`peer b`, vm `b` inside the comment)
            if (d.code() == Codes.UNKNOWN_NAME && inUnclosedComment(d.span().text(), d.span().file(), known)) continue;
            if ((d.code() == Codes.MISSING || d.code() == Codes.NO_CORE) && known.lossy(d.span().file())
                    && brokenWhere(d.span(), known)) continue;
            // `vm : baremetal {` twice: each VM named by its kind, as the syntax error that says the name is missing
            if (d.code() == Codes.DUPLICATE && unnamedVm(d.span(), known)) continue;
            // `hugepages 1.5 MiB`: what was left of the number is no block size, but it was not read as written
            if (d.code() == Codes.HUGEPAGE_SIZE && known.badTokenIn(d.span())) continue;
            // the import not found, or misspelt there and not here (`import board "qemu_virt"`, `for qemu-virt`): the
            // import's error says which board to import, and fixing it fixes this too
            if (d.code() == Codes.UNKNOWN_NAME && d.message().startsWith("There is no board `")
                    && (unfound.contains(d.span().text())
                        || unfoundNames != null && unfoundNames.closest(d.span().text()).isPresent())) continue;
            out.add(d);
        }
        return Collections.unmodifiableList(out);
    }

    /**
     * "System `s` has no VM" about a file the parser lost the rest of (the file ends inside the system block, being
     * typed): a follow-on of that syntax error, as "has no kernel" is; the error says where the file stopped.
     */
    private static List<Diagnostic> withoutNoVm(List<Diagnostic> found, EarlyErrors known) {
        if (known == null) return found;
        List<Diagnostic> out = null;
        for (int i = 0; i < found.size(); i++) {
            Diagnostic d = found.get(i);
            boolean followOn = d.code() == Codes.VM_COUNT && d.message().contains("` has no VM") && known.lossy(d.span().file());
            if (followOn && out == null) out = new ArrayList<>(found.subList(0, i));
            else if (!followOn && out != null) out.add(d);
        }
        return out == null ? found : out;
    }

    /** Whether `span` is the name of a VM whose header had none, which the parser took from its kind. */
    private static boolean unnamedVm(SourceSpan span, EarlyErrors known) {
        if (!known.lossy(span.file())) return false;
        org.shyperc.dsl.ast.VmDecl vm = known.vmHolding(span);
        return vm != null && vm.unnamed() && vm.name().span().equals(span);
    }

    /**
     * Whether the parser dropped text where `span` says something is missing: inside the VM declaration that holds
     * it, or, for a place in no VM (a board's, a system's), anywhere in its file. Per VM, as a misspelt `cpu [0]` in
     * one VM says nothing about another VM's missing `cpus`: that one was hidden until the first was fixed.
     */
    private static boolean brokenWhere(SourceSpan span, EarlyErrors known) {
        org.shyperc.dsl.ast.VmDecl vm = known.vmHolding(span);
        return vm == null ? known.lossy(span.file()) : known.lossyIn(vm.span());
    }

    /**
     * Follow-ons of a syntax error among a system's findings. "The management VM does not own core 0" where no VM was
     * given core 0 and the management VM's own declaration lost a statement to a syntax error (`cpu [0]`): the
     * error's hint (`cpus`) fixes both. A console's peer VM without the console, where that VM lost a statement. An
     * image "missing" whose path holds an unknown escape (`"images\guest.bin"`):
     * the path was not read as written (`imagesguest.bin`), and the escape's hint gives the one to write. "No VM is the
     * management VM" where a VM of that system has a misspelt modifier the error offers `management` for.
     */
    private static List<Diagnostic> withoutFollowOnFindings(List<Diagnostic> found, EarlyErrors known,
                                                            List<ShyFile> files) {
        List<Diagnostic> out = new ArrayList<>(found.size());
        for (Diagnostic d : found) {
            boolean followOn = d.code() == Codes.MANAGEMENT_CORE0 && d.related().isEmpty() && known != null
                    && known.lossy(d.span().file()) && known.vmHolding(d.span()) != null && brokenWhere(d.span(), known)
                    || d.code() == Codes.IMAGE_MISSING && known != null && known.badTokenIn(d.span())
                    || d.code() == Codes.RS_NO_MANAGEMENT && misspeltManagementIn(d.span(), files)
                    || d.code() == Codes.VIRTIO_PEER && known != null && peerLostText(d, known);
            if (!followOn) out.add(d);
        }
        return out;
    }

    /**
     * SHY0505 about a peer VM whose own declaration lost a statement to a syntax error: the console it lacks may be the
     * statement lost (`virtio console @ 0x0a00_4000 { peer a }` without its `irq`), and that error's hint fixes both.
     * The peer is the finding's related place, its declaration.
     */
    private static boolean peerLostText(Diagnostic d, EarlyErrors known) {
        return !d.related().isEmpty() && known.lossy(d.related().get(0).span().file())
                && brokenWhere(d.related().get(0).span(), known);
    }

    /** A VM of the system with a modifier within reach of `management` (`managment`), which SHY0205 offers it for. */
    private static boolean misspeltManagementIn(SourceSpan systemName, List<ShyFile> files) {
        for (ShyFile f : files) {
            if (f.source() != systemName.file()) continue;
            for (org.shyperc.dsl.ast.SystemDecl s : f.systems()) {
                if (!s.span().contains(systemName.start())) continue;
                List<org.shyperc.dsl.ast.VmDecl> vms = new ArrayList<>(s.vms());
                for (org.shyperc.dsl.ast.OnBlock on : s.overrides()) vms.addAll(on.vms());
                for (org.shyperc.dsl.ast.VmDecl v : vms) {
                    for (org.shyperc.dsl.ast.Ident m : v.modifiers()) {
                        if (!m.text().equals("management")
                                && org.shyperc.dsl.diag.Names.closest(m.text(), List.of("management")).isPresent()) return true;
                    }
                }
            }
        }
        return false;
    }


    /** Whether {@code name} is a word of the text a block comment never closed took from {@code file}. */
    private static boolean inUnclosedComment(String name, SourceFile file, EarlyErrors known) {
        if (name.isEmpty()) return false;
        for (Diagnostic e : known.unclosedComments()) {
            if (e.span().file() != file) continue;
            String rest = file.text().substring(Math.min(e.span().start(), file.text().length()));
            for (int i = rest.indexOf(name); i >= 0; i = rest.indexOf(name, i + 1)) {
                int end = i + name.length();
                if ((i == 0 || !nameChar(rest.charAt(i - 1))) && (end == rest.length() || !nameChar(rest.charAt(end)))) return true;
            }
        }
        return false;
    }

    private static boolean nameChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '-';
    }

    /** Names of `import board "NAME"` the loader could not find, or the parser could not read. */
    private static Set<String> unfoundBoards(List<Diagnostic> early, List<ShyFile> files) {
        Set<String> out = new HashSet<>();
        Map<SourceFile, Map<Integer, String>> boardImports = null;
        for (Diagnostic d : early) {
            // `import board qemu-virt`: not read at all (no quotes); its syntax error says how to write it
            if (d.code() == Codes.SYNTAX && d.message().contains(" in an `import`")) {
                String name = d.span().text().replace("\"", "").strip();
                if (!name.isEmpty()) out.add(name);
                continue;
            }
            if (d.code() != Codes.IMPORT_NOT_FOUND) continue;
            // the board imports by file and place, gathered once: looked for per error, 20,000 imports not found took 5 s
            if (boardImports == null) boardImports = boardImports(files);
            Map<Integer, String> inFile = boardImports.get(d.span().file());
            String name = inFile == null ? null : inFile.get(d.span().start());
            if (name != null) out.add(name);
        }
        return out;
    }

    /** Each file's `import board "NAME"` names by the offset of the name's string. */
    private static Map<SourceFile, Map<Integer, String>> boardImports(List<ShyFile> files) {
        Map<SourceFile, Map<Integer, String>> out = new java.util.IdentityHashMap<>();
        for (ShyFile f : files) {
            Map<Integer, String> inFile = out.get(f.source());
            if (inFile == null) {
                inFile = new java.util.HashMap<>();
                out.put(f.source(), inFile);
            }
            for (org.shyperc.dsl.ast.Import imp : f.imports()) {
                if (imp.isBoard()) inFile.putIfAbsent(imp.target().span().start(), imp.target().value());
            }
        }
        return out;
    }

    private List<Diagnostic> tuned(List<Diagnostic> ds) {
        if (severities.isEmpty()) return ds;
        List<Diagnostic> out = new ArrayList<>(ds.size());
        for (Diagnostic d : ds) out.add(severities.apply(d));
        return out;
    }

    private Diagnostic tuned(Diagnostic d) {
        return severities.apply(d);
    }
}

package org.shyperc.cli.lsp;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import org.shyperc.compiler.Compilation;
import org.shyperc.compiler.Compiler;
import org.shyperc.compiler.bind.BoardPath;
import org.shyperc.compiler.bind.Loader;
import org.shyperc.compiler.check.Check;
import org.shyperc.compiler.check.Checks;
import org.shyperc.compiler.check.Reporter;
import org.shyperc.compiler.model.BoardModel;
import org.shyperc.compiler.model.Instance;
import org.shyperc.dsl.ast.ShyFile;
import org.shyperc.dsl.diag.Code;
import org.shyperc.dsl.diag.Result;
import org.shyperc.dsl.source.SourceFile;
import org.shyperc.dsl.source.SourceSpan;

/**
 * Runs the one front end (the same {@link Compiler} as `shyperc check`) on open documents, with
 * open buffers in place of files. Each document has at most one analysis running, on a thread
 * of its own, so a large document never holds up a small one; the last complete analysis is
 * kept for requests.
 *
 * <ul>
 * <li>An analysis records every file it read (see {@link Documents}), so a change re-checks
 * only the documents that read the changed file ({@link #dependents}).
 * <li>A change to what a running analysis reads supersedes it ({@link #supersede}): it stops at
 * its next file or check and publishes nothing. An analysis that finds, when done, that a file
 * it read has changed is not published either, and runs again.
 * <li>Requests ({@link #forRequest}) take the last analysis without waiting when the document's
 * own text is what it read (only an import changed), or when the document is large; they wait
 * for the new analysis of a small document whose text changed, which takes milliseconds.
 * </ul>
 */
final class Analyzer {
    /** A document longer than this (characters) answers requests from its last analysis while a new one runs. */
    static final int LARGE = 256 * 1024;

    private final Documents documents;
    private final BoardPath boards;
    private volatile Path base;
    private final Map<Path, Lane> lanes = new ConcurrentHashMap<>();
    private final ExecutorService pool = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "shyperc-lsp-analysis");
        t.setDaemon(true);
        return t;
    });
    private volatile BiConsumer<Path, Analysis> onCurrent = (p, a) -> { };
    /** Tests only: called with the document before each file one of its runs reads. */
    private volatile java.util.function.Consumer<Path> beforeRead = p -> { };
    /** Tests only: called with the document when one of its runs has computed, before it finishes. */
    private volatile java.util.function.Consumer<Path> beforeFinish = p -> { };
    private final AtomicLong stopped = new AtomicLong();
    private final AtomicLong superseded = new AtomicLong();
    /** Runs created and not yet finished (published, or stopped): zero when every analysis is done. */
    private final java.util.concurrent.atomic.AtomicInteger inFlight = new java.util.concurrent.atomic.AtomicInteger();

    Analyzer(Path base, Documents documents) {
        this(base, documents, BoardPath.bundled());
    }

    /** {@code boards}: where `import board` looks (the server's `--board-path` and SHYPERC_BOARD_PATH). */
    Analyzer(Path base, Documents documents, BoardPath boards) {
        this.documents = documents;
        this.boards = boards;
        this.base = base;
    }

    /** Called with each analysis that is current when it completes (diagnostics to publish). */
    void onCurrent(BiConsumer<Path, Analysis> listener) { this.onCurrent = listener; }

    /** Messages name files relative to {@code base}: the workspace folder once the client says which. */
    void base(Path base) {
        this.base = base;
        documents.touch();
    }

    /** The analysis of the document as it is now: the last one if still current, else a new one (waits for it). */
    Analysis analysis(Path path) {
        for (int tries = 0; ; tries++) {
            CompletableFuture<Analysis> f = refresh(path);
            try {
                return f.join();
            } catch (CancellationException e) {
                // superseded by a newer change while we waited: wait for the run that replaced it
                if (tries > 100) throw e;
            } catch (CompletionException e) {
                if (e.getCause() instanceof RuntimeException r) throw r;
                if (e.getCause() instanceof Error r) throw r;
                throw e;
            }
        }
    }

    /**
     * The analysis a request is answered from. The last one when it is current, when only files
     * the document imports changed since (its own text is the same, so positions hold), or when
     * the document is {@link #LARGE}; else the document's text changed and is small: its new
     * analysis, which is quick.
     */
    Analysis forRequest(Path path) {
        Analysis last = last(path);
        if (last != null) {
            if (isCurrent(last)) return last;
            Long own = last.reads().get(Loader.identity(path));
            if (own != null && own == documents.stamp(Loader.identity(path))) return last;
            String text = documents.text(path);
            if (text != null && text.length() > LARGE) return last;
        }
        return analysis(path);
    }

    /** The last complete analysis of {@code path}, current or not; null before the first. */
    Analysis last(Path path) {
        Lane lane = lanes.get(path);
        if (lane == null) return null;
        synchronized (lane) {
            return lane.last;
        }
    }

    /**
     * Starts an analysis of the document as it is now, unless one is current or already wanted.
     * One analysis of a document computes at a time: while a superseded one is still on its way
     * to its next stopping point, the new one waits for it (two would only compete for the
     * cores and the heap).
     */
    CompletableFuture<Analysis> refresh(Path path) {
        Lane lane = lanes.computeIfAbsent(path, p -> new Lane());
        Run run = null;
        Analysis current;
        long ticket = 0;
        synchronized (lane) {
            if (lane.running != null) return lane.running.result;
            current = lane.last != null && isCurrent(lane.last) ? lane.last : null;
            if (current == null) {
                run = new Run(path, lane);
                inFlight.incrementAndGet();
                lane.running = run;
                if (lane.active != null) return run.result; // started when the active one ends
                lane.active = run;
            } else if (lane.sent != current) {
                // Current but never published: it finished while a newer run waited, which was superseded in turn
                // (DocumentEditsFuzzTest, fuzzing: a board that got no diagnostics at all). Sent now.
                ticket = ++lane.tickets;
            }
        }
        if (run != null) {
            pool.execute(run);
            return run.result;
        }
        if (ticket != 0) send(path, lane, current, ticket);
        return CompletableFuture.completedFuture(current);
    }

    /** What {@code path}'s running analysis read, or may read, changed: it stops and publishes nothing. */
    void supersede(Path path) {
        Lane lane = lanes.get(path);
        if (lane == null) return;
        synchronized (lane) {
            Run r = lane.running;
            if (r != null) {
                r.cancelled = true;
                superseded.incrementAndGet();
                lane.running = null;
                if (r != lane.active) { // it never started: whoever waits for it retries
                    r.result.cancel(false);
                    inFlight.decrementAndGet();
                }
            }
        }
    }

    /**
     * The open documents a change to {@code changed} may affect: itself, those whose last
     * analysis read it (an import, directly or not, or an import not found there), and those
     * with no analysis yet.
     */
    List<Path> dependents(Path changed) {
        Path id = Loader.identity(changed);
        List<Path> out = new ArrayList<>();
        for (Path doc : documents.paths()) {
            Analysis last = last(doc);
            if (doc.equals(changed) || last == null || last.reads().containsKey(id)) out.add(doc);
        }
        return out;
    }

    /** The document was closed: its analyses are dropped. */
    void forget(Path path) {
        supersede(path);
        lanes.remove(path);
    }

    /** Tests only: {@code hook} runs with the document's path before each file a run of it reads (a run can be held there). */
    void beforeRead(java.util.function.Consumer<Path> hook) { this.beforeRead = hook; }

    /** Tests only: {@code hook} runs with the document's path when a run of it has computed, before it finishes. */
    void beforeFinish(java.util.function.Consumer<Path> hook) { this.beforeFinish = hook; }

    /** Analyses stopped because something newer superseded them (for tests and the benchmark). */
    long stopped() { return stopped.get(); }

    /** Running analyses told to stop so far (for tests: an edit has reached the analyzer). */
    long superseded() { return superseded.get(); }

    /** No analysis waiting, running or about to publish (for tests that compare what was published last). */
    boolean idle() { return inFlight.get() == 0; }

    void close() { pool.shutdown(); }

    /** Whether no file {@code a} read has changed since. */
    boolean isCurrent(Analysis a) {
        if (a.everything() != documents.everything()) return false;
        for (Map.Entry<Path, Long> r : a.reads().entrySet()) {
            if (documents.stamp(r.getKey()) != r.getValue()) return false;
        }
        return true;
    }

    private void finished(Run run, Analysis a) {
        boolean publish = false;
        boolean again = false;
        long ticket = 0;
        Run next;
        synchronized (run.lane) {
            boolean mine = run.lane.running == run;
            if (mine) run.lane.running = null;
            if (a != null) {
                if (run.lane.last == null || mine || run.lane.running == null) run.lane.last = a;
                // Superseded after its last stopping point yet still current, with nothing newer wanted:
                // its diagnostics are the document's, and a refresh now finds it current and runs nothing,
                // so it publishes (else the document could go without diagnostics; DocumentEditsFuzzTest).
                publish = (mine || run.lane.running == null) && isCurrent(a);
                // A file it read changed during the run and nothing superseded it (the document did not
                // read that file before): run again, or the newest text would never be published.
                again = mine && !publish && documents.isOpen(run.path);
                if (publish) ticket = ++run.lane.tickets;
            }
            next = run.lane.running; // a run that waited for this one to end
            run.lane.active = next;
        }
        if (next != null) pool.execute(next);
        // Sent outside the lane's lock, so a newer analysis can finish and publish first: the
        // tickets, given in the order analyses finished, keep an older one from publishing after
        // it (the client would keep the older text's diagnostics; DocumentEditsFuzzTest saw it).
        if (publish) send(run.path, run.lane, a, ticket);
        if (again && lanes.get(run.path) == run.lane) refresh(run.path);
        inFlight.decrementAndGet(); // after its diagnostics went out and any re-run was started
    }

    private void send(Path path, Lane lane, Analysis a, long ticket) {
        synchronized (lane.publishing) {
            if (ticket > lane.published) {
                lane.published = ticket;
                synchronized (lane) {
                    lane.sent = a;
                }
                onCurrent.accept(path, a);
            }
        }
    }

    private Analysis compile(Run run) {
        long start = System.nanoTime();
        long everything = documents.everything();
        Recorder sources = new Recorder(run, Loader.identity(run.path));
        List<Check> checks = new ArrayList<>(Checks.ALL.size());
        for (Check c : Checks.ALL) checks.add(new Stoppable(c, run));
        Compilation c = new Compiler(base, sources, checks).withBoardPath(boards).compile(List.of(run.path));
        run.stopIfCancelled();
        ShyFile root = null;
        for (ShyFile f : c.files()) if (run.path.equals(f.source().path())) root = f;
        String text = root != null ? root.source().text() : documents.text(run.path);
        return new Analysis(text == null ? "" : text, root, c, SymbolIndex.of(c.files(), boards),
                Map.copyOf(sources.reads), everything, sources.version, System.nanoTime() - start);
    }

    /**
     * One document's analyses: the newest complete one, the one wanted (nothing superseded it;
     * running or waiting), and the one computing (perhaps superseded, on its way to stop).
     */
    private static final class Lane {
        Analysis last;
        Run running;
        Run active;
        /** Analyses that finished current, numbered in that order (under the lane's lock). */
        long tickets;
        /** Held while publishing: only publishers take it, so a slow client never blocks an edit. */
        final Object publishing = new Object();
        /** The newest ticket published (under {@link #publishing}). */
        long published;
        /** The analysis published last (under the lane's lock): a refresh that finds {@link #last} current sends it if not. */
        Analysis sent;
    }

    /** One analysis of one document, on a pool thread. */
    private final class Run implements Runnable {
        final Path path;
        final Lane lane;
        final CompletableFuture<Analysis> result = new CompletableFuture<>();
        volatile boolean cancelled;

        Run(Path path, Lane lane) {
            this.path = path;
            this.lane = lane;
        }

        void stopIfCancelled() {
            if (cancelled) throw new CancellationException("superseded");
        }

        @Override
        public void run() {
            Analysis a;
            try {
                stopIfCancelled();
                a = compile(this);
            } catch (CancellationException e) {
                stopped.incrementAndGet();
                finished(this, null);
                result.cancel(false);
                return;
            } catch (RuntimeException | Error e) {
                finished(this, null);
                result.completeExceptionally(e);
                return;
            }
            beforeFinish.accept(path);
            // Published first: a request answered from this run finds its diagnostics already sent
            // (DocumentEditsFuzzTest, fuzzing, saw a board's only publication arrive after the answers).
            finished(this, a);
            result.complete(a);
            // The index's lookups by position are made now, after the diagnostics went out (the
            // re-check's latency), and before most requests ask: only for the analysis kept for them.
            if (last(path) == a) a.index().prepareLookups();
        }
    }

    /** The documents as a run reads them, recording the stamp of each file before reading it. */
    private final class Recorder implements Loader.Sources {
        private final Run run;
        private final Path rootIdentity;
        final Map<Path, Long> reads = new ConcurrentHashMap<>();
        volatile Integer version;

        Recorder(Run run, Path rootIdentity) {
            this.run = run;
            this.rootIdentity = rootIdentity;
        }

        @Override
        public Result<SourceFile> load(Path absolute, String displayPath, SourceSpan from) {
            beforeRead.accept(run.path);
            run.stopIfCancelled();
            Path id = Loader.identity(absolute);
            reads.putIfAbsent(id, documents.stamp(id)); // first the stamp: a change while reading makes the run stale
            if (id.equals(rootIdentity)) {
                Documents.Buffer b = documents.bufferFor(absolute);
                if (b != null) version = b.version();
            }
            return documents.load(absolute, displayPath, from);
        }
    }

    /** A check that first makes sure its run is still wanted: a superseded run stops between checks. */
    private static final class Stoppable implements Check {
        private final Check check;
        private final Run run;

        Stoppable(Check check, Run run) {
            this.check = check;
            this.run = run;
        }

        @Override
        public Code code() { return check.code(); }

        @Override
        public List<Code> prerequisites() { return check.prerequisites(); }

        @Override
        public void checkBoard(BoardModel board, Reporter out) {
            run.stopIfCancelled();
            check.checkBoard(board, out);
        }

        @Override
        public void checkInstance(Instance instance, Reporter out) {
            run.stopIfCancelled();
            check.checkInstance(instance, out);
        }
    }
}

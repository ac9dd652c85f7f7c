package org.shyperc.cli.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.lsp4j.DidChangeTextDocumentParams;
import org.eclipse.lsp4j.Hover;
import org.eclipse.lsp4j.HoverParams;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.VersionedTextDocumentIdentifier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which documents an edit re-checks, what happens to an analysis that an edit overtakes, and
 * that requests do not wait for another document's analysis. Runs are held where needed by
 * the analyzer's test hook, which is called before each file a run reads.
 */
class LspDependenciesTest {
    private static final String OTHER = """
            import board "qemu-virt"

            system other for qemu-virt {
                vm solo : baremetal {
                    cpus [0]
                    memory @ 0x0 size 16 MiB
                    kernel "solo.bin" @ 0x0
                }
            }
            """;

    @TempDir
    Path dir;
    private Path demo;
    private Path other;

    @BeforeEach
    void files() throws Exception {
        demo = LspFixture.demo(dir); // imports "qemu-virt.shy" beside it
        other = Files.writeString(dir.resolve("other.shy"), OTHER); // the library's board: does not read demo.shy or that copy
    }

    @Test
    void anEditRechecksOnlyTheDocumentsThatReadTheEditedFile() throws Exception {
        try (LspSession session = new LspSession(dir, 20)) {
            Set<Path> read = ConcurrentHashMap.newKeySet();
            session.analyzer().beforeRead(read::add);
            String demoUri = session.open(demo);
            String otherUri = session.open(other);
            next(session, demoUri);
            next(session, otherUri);
            assertEquals(Set.of(demo, other), read);

            read.clear();
            drain(session);
            change(session, otherUri, 2, OTHER.replace("16 MiB", "32 MiB"));
            assertEquals(Integer.valueOf(2), next(session, otherUri).getVersion());
            assertNull(diagnosticsWithin(session, demoUri, 500), "demo.shy does not import other.shy, yet was re-checked");
            assertEquals(Set.of(other), read);

            // the board demo.shy imports: demo is re-checked, other (which uses the library's board) is not
            read.clear();
            Path board = dir.resolve("qemu-virt.shy");
            String boardUri = session.open(board);
            change(session, boardUri, 2, Files.readString(board).replace("device rtc ", "device rtc2 "));
            PublishDiagnosticsParams p;
            do {
                p = next(session, demoUri);
            } while (p.getDiagnostics().stream().noneMatch(d -> "SHY0203".equals(d.getCode().getLeft())));
            assertNull(diagnosticsWithin(session, otherUri, 500), "other.shy does not read the edited board, yet was re-checked");
            assertTrue(read.containsAll(Set.of(demo, board)) && !read.contains(other), read::toString);
        }
    }

    @Test
    void anAnalysisOvertakenByAnEditStopsAndPublishesNothing() throws Exception {
        try (LspSession session = new LspSession(dir, 0)) {
            String uri = session.open(demo);
            assertEquals(Integer.valueOf(1), next(session, uri).getVersion());
            CountDownLatch held = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            AtomicBoolean hold = new AtomicBoolean(true);
            session.analyzer().beforeRead(p -> {
                if (p.equals(demo) && hold.getAndSet(false)) {
                    held.countDown();
                    await(release);
                }
            });
            long stoppedBefore = session.analyzer().stopped();
            String text = Files.readString(demo);
            change(session, uri, 2, text.replace("passthrough rtc", "passthrough rtcc")); // an error
            assertTrue(held.await(10, TimeUnit.SECONDS), "the analysis of version 2 did not start");
            long supersededBefore = session.analyzer().superseded();
            change(session, uri, 3, text); // overtakes it while it reads its first file
            // the edit travels through JSON-RPC: release version 2 only once the server has it
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (session.analyzer().superseded() == supersededBefore && System.nanoTime() < until) Thread.sleep(5);
            assertEquals(supersededBefore + 1, session.analyzer().superseded(), "version 3 did not reach the analyzer");
            release.countDown(); // version 3's analysis waits for it to stop
            PublishDiagnosticsParams three = next(session, uri);
            assertEquals(Integer.valueOf(3), three.getVersion());
            assertTrue(three.getDiagnostics().stream().noneMatch(d -> "SHY0203".equals(d.getCode().getLeft())), three::toString);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (session.analyzer().stopped() == stoppedBefore && System.nanoTime() < deadline) Thread.sleep(10);
            assertEquals(stoppedBefore + 1, session.analyzer().stopped(), "the analysis of version 2 was not stopped");
            assertNull(diagnosticsWithin(session, uri, 500), "diagnostics published for an outdated version");
        }
    }

    @Test
    void requestsAreAnsweredWhileAnotherAnalysisRuns() throws Exception {
        try (LspSession session = new LspSession(dir, 0)) {
            String demoUri = session.open(demo);
            String otherUri = session.open(other);
            next(session, demoUri);
            next(session, otherUri);
            CountDownLatch release = new CountDownLatch(1);
            Set<Path> hold = ConcurrentHashMap.newKeySet();
            Set<Path> holding = ConcurrentHashMap.newKeySet();
            Path board = dir.resolve("qemu-virt.shy");
            session.analyzer().beforeRead(p -> {
                if (hold.contains(p)) {
                    holding.add(p);
                    await(release);
                }
            });
            try {
                // other.shy is being re-checked (held): a hover in demo.shy does not wait for it
                hold.add(other);
                change(session, otherUri, 2, OTHER.replace("16 MiB", "32 MiB"));
                HoverParams onRegion = new HoverParams(new TextDocumentIdentifier(demoUri), LspFixture.find(demo, "size 64 MiB at pa"));
                Hover h = session.server.getTextDocumentService().hover(onRegion).get(5, TimeUnit.SECONDS);
                assertNotNull(h);

                // the board demo.shy imports changed, and demo's re-check is held: its own text did not
                // change, so the hover is answered from its last analysis
                hold.add(demo);
                String boardUri = session.open(board);
                change(session, boardUri, 2, Files.readString(board).replace("device rtc ", "device rtc2 "));
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (!holding.contains(demo) && System.nanoTime() < deadline) Thread.sleep(10);
                assertTrue(holding.contains(demo), "demo.shy was not re-checked after its board changed");
                Hover again = session.server.getTextDocumentService().hover(onRegion).get(5, TimeUnit.SECONDS);
                assertEquals(h.getContents().getRight().getValue(), again.getContents().getRight().getValue());
            } finally {
                release.countDown();
            }
        }
    }

    private static void change(LspSession session, String uri, int version, String text) {
        session.server.getTextDocumentService().didChange(new DidChangeTextDocumentParams(
                new VersionedTextDocumentIdentifier(uri, version), List.of(new TextDocumentContentChangeEvent(text))));
    }

    /** Publications taken from the session's queue while waiting for another document's. */
    private final Map<String, Deque<PublishDiagnosticsParams>> stash = new ConcurrentHashMap<>();

    /** The next diagnostics published for {@code uri}, keeping other documents' for later; at most ten seconds. */
    private PublishDiagnosticsParams next(LspSession session, String uri) throws InterruptedException {
        PublishDiagnosticsParams p = diagnosticsWithin(session, uri, 10_000);
        if (p == null) throw new AssertionError("no diagnostics for " + uri + " within 10 s");
        return p;
    }

    /** Diagnostics published for {@code uri} within {@code millis}, or null. */
    private PublishDiagnosticsParams diagnosticsWithin(LspSession session, String uri, long millis) throws InterruptedException {
        Deque<PublishDiagnosticsParams> mine = stash.computeIfAbsent(uri, u -> new ArrayDeque<>());
        if (!mine.isEmpty()) return mine.removeFirst();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        long left;
        while ((left = deadline - System.nanoTime()) > 0) {
            PublishDiagnosticsParams p = session.diagnostics.poll(left, TimeUnit.NANOSECONDS);
            if (p == null) continue;
            if (p.getUri().equals(uri)) return p;
            stash.computeIfAbsent(p.getUri(), u -> new ArrayDeque<>()).addLast(p);
        }
        return null;
    }

    /** Forgets every publication so far. */
    private void drain(LspSession session) {
        stash.clear();
        session.diagnostics.clear();
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(30, TimeUnit.SECONDS)) throw new AssertionError("never released");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

package org.shyperc.cli.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The race DocumentEditsFuzzTest found (a board that never got diagnostics), step by step: a run finishes current
 * while a newer one waits for it, so it does not publish; the newer one is superseded in turn and stops; the next
 * refresh finds the first run's analysis current and, before the fix, ran nothing and sent nothing.
 */
class UnsentAnalysisTest {

    @TempDir
    Path dir;

    @Test
    void aCurrentAnalysisThatWasNeverSentIsSentByTheRefreshThatFindsIt() throws Exception {
        Path board = LspFixture.demo(dir).resolveSibling("qemu-virt.shy");
        Documents documents = new Documents();
        documents.put(board, Files.readString(board), 1);
        Analyzer analyzer = new Analyzer(dir, documents);
        List<Path> sent = new CopyOnWriteArrayList<>();
        analyzer.onCurrent((p, a) -> sent.add(p));
        try {
            CountDownLatch computed = new CountDownLatch(1);
            CountDownLatch finish = new CountDownLatch(1);
            AtomicInteger finishing = new AtomicInteger();
            analyzer.beforeFinish(p -> {
                if (finishing.getAndIncrement() == 0) {
                    computed.countDown();
                    await(finish);
                }
            });
            AtomicBoolean holdReads = new AtomicBoolean();
            CountDownLatch reading = new CountDownLatch(1);
            CountDownLatch read = new CountDownLatch(1);
            analyzer.beforeRead(p -> {
                if (holdReads.getAndSet(false)) {
                    reading.countDown();
                    await(read);
                }
            });

            analyzer.refresh(board);                          // run 1: computes, then waits to finish
            assertTrue(computed.await(30, TimeUnit.SECONDS), "run 1 did not compute");
            analyzer.supersede(board);                        // past its last stopping point: it will still finish
            holdReads.set(true);
            analyzer.refresh(board);                          // run 2 waits for run 1
            finish.countDown();                               // run 1 finishes current, but not the wanted run: unsent
            assertTrue(reading.await(30, TimeUnit.SECONDS), "run 2 did not start");
            analyzer.supersede(board);                        // run 2 is superseded while it reads
            read.countDown();
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!analyzer.idle() && System.nanoTime() < until) Thread.sleep(5);
            assertTrue(analyzer.idle(), "runs still in flight");
            assertEquals(List.of(), sent, "nothing was current and wanted so far");

            analyzer.refresh(board).get(30, TimeUnit.SECONDS);
            assertEquals(List.of(board), sent, "the board's only current analysis was never published");
            analyzer.refresh(board).get(30, TimeUnit.SECONDS);
            assertEquals(List.of(board), sent, "sent once");
        } finally {
            analyzer.close();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(30, TimeUnit.SECONDS)) throw new IllegalStateException("not released");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

package dev.aio4j;

import static dev.aio4j.Asyncio.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The seed's examples (DESIGN.md, "The feel we want from Java"), as a Java user writes them. */
class SeedExamplesTest extends JavaLoopTestBase {

    private CompletableFuture<String> downloadFile(int id) {
        log.add("Starting download " + id + " at " + loop.time());
        return sleep(Duration.ofSeconds(2)).thenApply(v -> {
            log.add("Finished download " + id + " at " + loop.time());
            return "file_" + id + ".dat";
        });
    }

    @Test
    void threeConcurrentDownloadsTakeTwoSecondsNotSix() {
        double[] elapsed = new double[1];
        List<String> files = loop.runUntilComplete(() -> {
            double start = loop.time();
            return gather(downloadFile(1), downloadFile(2), downloadFile(3))
                    .whenComplete((v, e) -> elapsed[0] = loop.time() - start);
        });
        assertEquals(List.of("file_1.dat", "file_2.dat", "file_3.dat"), files);
        assertEquals(2.0, elapsed[0], 0.01, "gather runs the downloads concurrently");
        log.assertEvents(
                "Starting download 1 at 0.0",
                "Starting download 2 at 0.0",
                "Starting download 3 at 0.0",
                "Finished download 1 at 2.0",
                "Finished download 2 at 2.0",
                "Finished download 3 at 2.0");
    }

    @Test
    void sequentialAwaitsTakeSixSeconds() {
        // The contrast the tutorial draws: chaining the same downloads one after the other.
        List<String> files = loop.runUntilComplete(() -> downloadFile(1)
                .thenCompose(a -> downloadFile(2).thenCompose(b -> downloadFile(3).thenApply(c -> List.of(a, b, c)))));
        assertEquals(List.of("file_1.dat", "file_2.dat", "file_3.dat"), files);
        assertEquals(6.0, loop.time(), 0.01);
    }

    @Test
    void taskGroupReturnsTheBodysValueOnceEveryChildIsDone() {
        List<String> files = loop.runUntilComplete(() -> taskGroup(tg -> List.of(
                        tg.createTask(() -> downloadFile(1), "download-1"),
                        tg.createTask(() -> downloadFile(2), "download-2")))
                .thenApply(tasks -> {
                    log.add("group done at " + loop.time() + ": " + tasks.get(0).getName() + ", " + tasks.get(1).getName());
                    return tasks.stream().map(Task::result).toList();
                }));
        assertEquals(List.of("file_1.dat", "file_2.dat"), files);
        // Tasks start on the next loop iteration, after the body returned (asyncio's create_task).
        log.assertEvents(
                "Starting download 1 at 0.0",
                "Starting download 2 at 0.0",
                "Finished download 1 at 2.0",
                "Finished download 2 at 2.0",
                "group done at 2.0: download-1, download-2");
    }

    @Test
    void timeoutCancelsTheInnerWorkAndRaisesTimeoutError() {
        // The cleanup sits on the sleep's own future: see withCleanup for why not on a dependent stage.
        TimeoutError e = assertThrows(TimeoutError.class, () -> loop.runUntilComplete(() ->
                timeout(Duration.ofSeconds(2), () -> withCleanup(sleep(Duration.ofSeconds(10)), (v, err) ->
                        log.add("inner finally at " + loop.time() + ", cancelled: " + (err instanceof CancellationException))))));
        log.add("Operation timed out!");
        assertTrue(e.getMessage() != null && !e.getMessage().isEmpty());
        assertEquals(2.0, loop.time(), 0.01);
        log.assertEvents("inner finally at 2.0, cancelled: true", "Operation timed out!");
    }

    @Test
    void asyncioRunGivesTheSeedsResultsOnARealClock() {
        // Asyncio.run uses a real-time loop: keep the sleep short, assert only what is deterministic.
        List<String> files = run(() -> gather(
                sleep(Duration.ofMillis(20), "file_1.dat"),
                sleep(Duration.ofMillis(10), "file_2.dat"),
                sleep(Duration.ofMillis(1), "file_3.dat")));
        assertEquals(List.of("file_1.dat", "file_2.dat", "file_3.dat"), files);
    }
}

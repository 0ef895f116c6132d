package dev.aio4j;

import static dev.aio4j.Asyncio.createTask;
import static dev.aio4j.Asyncio.fromPublisher;
import static dev.aio4j.Asyncio.generate;
import static dev.aio4j.Asyncio.sleep;
import static dev.aio4j.Asyncio.toPublisher;
import static dev.aio4j.Asyncio.using;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.SubmissionPublisher;
import org.junit.jupiter.api.Test;

/** The seeds' async generators ({@code async for}) written and consumed from Java. */
class AsyncIterationJavaTest extends JavaLoopTestBase {

    /** {@code async def async_range(start, stop, step): while current < stop: await sleep(0.1); yield current; ...}. */
    static AsyncIterator<Integer> asyncRange(int start, int stop, int step) {
        return generate(out -> rangeFrom(out, start, stop, step));
    }

    private static CompletionStage<Void> rangeFrom(Yield<Integer> out, int current, int stop, int step) {
        if (current >= stop) return CompletableFuture.completedFuture(null);
        return sleep(Duration.ofMillis(100))
                .thenCompose(v -> out.yield(current))
                .thenCompose(v -> rangeFrom(out, current + step, stop, step));
    }

    /** {@code async def async_countdown(n): while n > 0: yield n; await sleep(0.5); n -= 1}. */
    static AsyncIterator<Integer> asyncCountdown(int n) {
        return generate(out -> countdownFrom(out, n));
    }

    private static CompletionStage<Void> countdownFrom(Yield<Integer> out, int n) {
        if (n <= 0) return CompletableFuture.completedFuture(null);
        return out.yield(n)
                .thenCompose(v -> sleep(Duration.ofMillis(500)))
                .thenCompose(v -> countdownFrom(out, n - 1));
    }

    @Test
    void asyncRangeIsConsumedWithForEachOneItemAtATime() {
        loop.runUntilComplete(() -> asyncRange(0, 10, 2).forEach(number -> {
            log.add("Procesando: " + number + " at " + Math.round(loop.time() * 100) / 100.0);
            return sleep(Duration.ofMillis(50));   // process_number
        }));
        log.assertEvents("Procesando: 0 at 0.1", "Procesando: 2 at 0.25", "Procesando: 4 at 0.4",
                "Procesando: 6 at 0.55", "Procesando: 8 at 0.7");
    }

    @Test
    void asyncCountdownCollectsToAListAndRunsLazily() {
        List<Integer> numbers = loop.runUntilComplete(() -> asyncCountdown(5).toList());
        assertEquals(List.of(5, 4, 3, 2, 1), numbers);
        assertEquals(2.5, loop.time(), 1e-9);   // four sleeps between five yields, plus the one after the last
    }

    @Test
    void aManualAnextLoopSeesTheEndAsAnEmptyOptional() {
        AsyncIterator<Integer> it = loop.runUntilComplete(() -> CompletableFuture.completedFuture(asyncCountdown(2)));
        assertEquals(Optional.of(2), loop.runUntilComplete(it::anext));
        assertEquals(Optional.of(1), loop.runUntilComplete(it::anext));
        assertEquals(Optional.empty(), loop.runUntilComplete(it::anext));
        assertEquals(Optional.empty(), loop.runUntilComplete(it::anext));
    }

    /** The seed's AsyncDatabaseCursor as a generator: open, fetch rows one by one, always close. */
    AsyncIterator<Map<String, Object>> users(String query) {
        return generate(out -> sleep(Duration.ofSeconds(1)).thenCompose(v -> {
            log.add("executed " + query);
            List<Map<String, Object>> rows = List.of(
                    Map.of("id", 1, "name", "Alice"), Map.of("id", 2, "name", "Bob"), Map.of("id", 3, "name", "Charlie"));
            return rowsFrom(out, rows, 0);
        }).whenComplete((v, e) -> log.add("cursor closed" + (e == null ? "" : " by " + unwrap(e).getClass().getSimpleName()))));
    }

    private static CompletionStage<Void> rowsFrom(Yield<Map<String, Object>> out, List<Map<String, Object>> rows, int i) {
        if (i == rows.size()) return CompletableFuture.completedFuture(null);
        return out.yield(rows.get(i)).thenCompose(v -> rowsFrom(out, rows, i + 1));
    }

    private static Throwable unwrap(Throwable e) {
        return e instanceof java.util.concurrent.CompletionException && e.getCause() != null ? e.getCause() : e;
    }

    @Test
    void aCursorLikeGeneratorUsedWithUsingIsClosedWhenTheBodyStopsEarly() {
        Object first = loop.runUntilComplete(() -> using(users("SELECT * FROM users"),
                cursor -> cursor.anext().thenApply(row -> row.get().get("name"))));
        assertEquals("Alice", first);
        log.assertEvents("executed SELECT * FROM users", "cursor closed by GeneratorExit");
    }

    @Test
    void aCursorReadToTheEndClosesNormallyAndAFailingActionClosesIt() {
        loop.runUntilComplete(() -> users("q1").forEach(row -> {
            log.add("User: " + row.get("name"));
            return CompletableFuture.completedFuture(null);
        }));
        log.assertEvents("executed q1", "User: Alice", "User: Bob", "User: Charlie", "cursor closed");
        log.clear();
        IOException boom = new IOException("disk full");
        IOException thrown = assertThrows(IOException.class, () -> loop.runUntilComplete(() ->
                users("q2").forEach(row -> CompletableFuture.failedFuture(boom))));
        assertSame(boom, thrown);
        log.assertEvents("executed q2", "cursor closed by GeneratorExit");
    }

    @Test
    void cancellingTheConsumingTaskRunsTheGeneratorsCleanup() {
        assertThrows(CancellationException.class, () -> loop.runUntilComplete(() -> {
            Task<Void> reader = createTask(() -> users("slow").forEach(row -> sleep(Duration.ofHours(1))));
            return sleep(Duration.ofSeconds(5)).thenCompose(v -> {
                reader.cancel();
                return reader;
            });
        }));
        log.assertEvents("executed slow", "cursor closed by GeneratorExit");
    }

    @Test
    void aGeneratorRoundTripsThroughAFlowPublisher() {
        List<Integer> numbers = loop.runUntilComplete(() -> fromPublisher(toPublisher(() -> asyncCountdown(3))).toList());
        assertEquals(List.of(3, 2, 1), numbers);
    }

    @Test
    void aJdkSubmissionPublisherOnOtherThreadsIsReadOnTheLoopThread() {
        try (SubmissionPublisher<String> publisher = new SubmissionPublisher<>()) {
            List<String> seen = loop.runUntilComplete(() -> {
                CompletableFuture<List<String>> all = fromPublisher(publisher).forEach(s -> {
                    log.add(s + (Thread.currentThread() == loopThread ? " on the loop" : " elsewhere"));
                    return CompletableFuture.completedFuture(null);
                }).thenApply(v -> log.events());
                // Publish from a plain thread once the subscription is there (submit blocks while demand is 0).
                Thread producer = new Thread(() -> {
                    while (publisher.getNumberOfSubscribers() == 0) Thread.onSpinWait();
                    publisher.submit("a");
                    publisher.submit("b");
                    publisher.close();
                });
                producer.start();
                return all;
            });
            assertEquals(List.of("a on the loop", "b on the loop"), seen);
        }
    }
}

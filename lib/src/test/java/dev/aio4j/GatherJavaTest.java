package dev.aio4j;

import static dev.aio4j.Asyncio.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;

/** gather, gatherSettled, wait and asCompleted through the Java facade. */
class GatherJavaTest extends JavaLoopTestBase {

    private CompletableFuture<String> slowly(String name, int seconds) {
        return sleep(Duration.ofSeconds(seconds)).thenApply(v -> {
            log.add(name + " finished at " + loop.time());
            return name;
        });
    }

    @Test
    void gatherKeepsInputOrderWhenTheFirstInputFinishesLast() {
        List<String> results = loop.runUntilComplete(() -> gather(slowly("slow", 3), slowly("fast", 1), slowly("middle", 2)));
        assertEquals(List.of("slow", "fast", "middle"), results);
        log.assertEvents("fast finished at 1.0", "middle finished at 2.0", "slow finished at 3.0");
        assertEquals(3.0, loop.time(), 0.01);
    }

    @Test
    void gatherOverACollectionAndOfNothing() {
        List<CompletionStage<String>> stages = new ArrayList<>();
        List<String> results = loop.runUntilComplete(() -> {
            stages.add(slowly("b", 2));
            stages.add(slowly("a", 1));
            return gather(stages);
        });
        assertEquals(List.of("b", "a"), results);
        List<Object> none = loop.runUntilComplete(() -> gather(List.of()));
        assertEquals(List.of(), none);
    }

    @Test
    void gatherFailureCancelsTheOthersAndWaitsForTheirCleanup() {
        Steps steps = new Steps();
        List<Task<String>> others = new ArrayList<>();
        IOException failure = assertThrows(IOException.class, () -> loop.runUntilComplete(() -> {
            steps.expect(1);
            Task<String> slow = createTask(() -> withCleanup(sleep(Duration.ofSeconds(10), "slow"), (v, e) -> {
                steps.expect(3);
                log.add("slow cleanup at " + loop.time() + ", cancelled: " + (e instanceof CancellationException));
            }), "slow");
            others.add(slow);
            CompletableFuture<String> failing = sleep(Duration.ofSeconds(1)).thenCompose(v -> {
                steps.expect(2);
                log.add("failing at " + loop.time());
                return CompletableFuture.failedFuture(new IOException("boom"));
            });
            return gather(slow, failing).whenComplete((v, e) -> {
                steps.expect(4);
                log.add("gather failed at " + loop.time());
            });
        }));
        steps.finish(5);
        assertEquals("boom", failure.getMessage());
        assertSame(IOException.class, failure.getClass(), "the failure is not wrapped");
        log.assertEvents("failing at 1.0", "slow cleanup at 1.0, cancelled: true", "gather failed at 1.0");
        assertTrue(others.get(0).cancelled(), "the other input was cancelled, not left running");
    }

    @Test
    void cancellingTheGatherCancelsEveryInput() {
        List<Task<String>> inputs = new ArrayList<>();
        String outcome = loop.runUntilComplete(() -> {
            for (String name : List.of("a", "b")) {
                inputs.add(createTask(() -> withCleanup(sleep(Duration.ofSeconds(10), name),
                        (v, e) -> log.add(name + " cleanup, cancelled: " + (e instanceof CancellationException)))));
            }
            CompletableFuture<List<String>> all = gather(inputs.get(0), inputs.get(1));
            return sleep(Duration.ofSeconds(1))
                    .thenCompose(v -> {
                        all.cancel(true);
                        return Asyncio.wait(List.of(all));
                    })
                    .thenApply(r -> "gather cancelled: " + all.isCancelled());
        });
        assertEquals("gather cancelled: true", outcome);
        log.assertEvents("a cleanup, cancelled: true", "b cleanup, cancelled: true");
        assertTrue(inputs.get(0).cancelled() && inputs.get(1).cancelled());
        assertEquals(1.0, loop.time(), 0.01);
    }

    @Test
    void gatherSettledReportsEachOutcomeTypedAndCancelsNothing() {
        List<Outcome<String>> outcomes = loop.runUntilComplete(() -> {
            Task<String> victim = createTask(() -> sleep(Duration.ofSeconds(5), "never"), "victim");
            loop.callLater(Duration.ofSeconds(1), () -> victim.cancel("stop"));
            CompletableFuture<String> failing = sleep(Duration.ofSeconds(2))
                    .thenCompose(v -> CompletableFuture.failedFuture(new IOException("broken")));
            return gatherSettled(slowly("ok", 3), failing, victim);
        });
        assertEquals(3, outcomes.size());

        Outcome<String> ok = outcomes.get(0);
        assertInstanceOf(Outcome.Success.class, ok);
        assertTrue(ok.isSuccess());
        assertEquals("ok", ok.value());
        assertEquals(null, ok.exception());

        Outcome<String> failed = outcomes.get(1);
        Outcome.Failure failure = assertInstanceOf(Outcome.Failure.class, failed);
        assertFalse(failed.isSuccess());
        assertInstanceOf(IOException.class, failure.exception());
        assertEquals("broken", failure.exception().getMessage());
        IOException thrown = assertThrows(IOException.class, failed::value, "value() throws the failure as itself");
        assertSame(failure.exception(), thrown);

        Outcome<String> cancelled = outcomes.get(2);
        Outcome.Cancelled c = assertInstanceOf(Outcome.Cancelled.class, cancelled);
        CancellationException ce = c.exception();
        assertEquals("stop", ce.getMessage());
        assertThrows(CancellationException.class, cancelled::value);

        // The failure at 2 s did not cancel the slow input: it finished at 3 s.
        log.assertEvents("ok finished at 3.0");
        assertEquals(3.0, loop.time(), 0.01);
    }

    @Test
    void waitFirstCompletedReturnsDoneAndPendingWithoutCancelling() {
        List<Task<String>> tasks = new ArrayList<>();
        WaitResult<Task<String>> result = loop.runUntilComplete(() -> {
            tasks.add(createTask(() -> slowly("slow", 5)));
            tasks.add(createTask(() -> slowly("fast", 1)));
            return Asyncio.wait(tasks, ReturnWhen.FIRST_COMPLETED).whenComplete((r, e) ->
                    log.add("wait returned at " + loop.time() + ", slow done: " + tasks.get(0).done()));
        });
        assertEquals(List.of(tasks.get(1)), List.copyOf(result.done()));
        assertEquals(List.of(tasks.get(0)), List.copyOf(result.pending()));
        // wait cancels nothing: the pending task runs on.
        assertEquals("slow", loop.runUntilComplete(tasks.get(0)));
        log.assertEvents("fast finished at 1.0", "wait returned at 1.0, slow done: false", "slow finished at 5.0");
    }

    @Test
    void waitWithATimeoutNeverFails() {
        List<Task<String>> tasks = new ArrayList<>();
        WaitResult<Task<String>> result = loop.runUntilComplete(() -> {
            tasks.add(createTask(() -> slowly("slow", 5)));
            return Asyncio.wait(tasks, ReturnWhen.ALL_COMPLETED, Duration.ofSeconds(2)).whenComplete((r, e) -> {
                log.add("wait returned at " + loop.time());
                tasks.get(0).cancel();
            });
        });
        assertEquals(0, result.done().size());
        assertEquals(List.of(tasks.get(0)), List.copyOf(result.pending()));
        assertThrows(CancellationException.class, () -> loop.runUntilComplete(tasks.get(0)));
        log.assertEvents("wait returned at 2.0");
    }

    @Test
    void asCompletedDeliversInCompletionOrder() {
        List<String> order = loop.runUntilComplete(() -> {
            List<CompletableFuture<String>> next = asCompleted(List.of(slowly("c", 3), slowly("a", 1), slowly("b", 2)));
            List<String> seen = new ArrayList<>();
            CompletableFuture<Void> chain = CompletableFuture.completedFuture(null);
            for (CompletableFuture<String> f : next) chain = chain.thenCompose(v -> f.thenAccept(seen::add));
            return chain.thenApply(v -> seen);
        });
        assertEquals(List.of("a", "b", "c"), order);
    }

    @Test
    void asCompletedTimeoutFailsTheRemainingFuturesWithTimeoutError() {
        List<String> seen = loop.runUntilComplete(() -> {
            List<CompletableFuture<String>> next =
                    asCompleted(List.of(slowly("late", 5), slowly("early", 1)), Duration.ofSeconds(2));
            List<String> events = new ArrayList<>();
            return next.get(0).thenCompose(first -> {
                events.add(first);
                return next.get(1).handle((v, e) -> {
                    events.add(e instanceof TimeoutError ? "TimeoutError at " + loop.time() : v + " / " + e);
                    return events;
                });
            });
        });
        assertEquals(List.of("early", "TimeoutError at 2.0"), seen);
    }
}

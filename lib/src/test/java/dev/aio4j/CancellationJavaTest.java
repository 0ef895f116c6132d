package dev.aio4j;

import static dev.aio4j.Asyncio.*;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Cancellation through the Java facade (DESIGN.md, decisions 2 and 7), in both directions:
 * CompletableFuture → coroutine and coroutine → CompletableFuture.
 */
class CancellationJavaTest extends JavaLoopTestBase {

    private static String describe(Throwable e) {
        return e == null ? "none" : e.getClass().getSimpleName() + "(" + e.getMessage() + ")";
    }

    @Test
    void cancelFromAnotherTaskDeliversTheMessageAfterTheCleanupRan() {
        Steps steps = new Steps();
        Task<String> victim = loop.runUntilComplete(() -> {
            Task<String> v = createTask(() -> withCleanup(sleep(Duration.ofSeconds(100), "never"), (r, e) -> {
                steps.expect(3);
                log.add("victim cleanup at " + loop.time() + ": " + describe(e));
            }), "victim");
            createTask(() -> sleep(Duration.ofSeconds(1)).thenRun(() -> {
                steps.expect(1);
                boolean requested = v.cancel("stop it");
                log.add("cancel returned " + requested + ", done " + v.done() + ", cancelling " + v.cancelling());
                steps.expect(2);
            }), "canceller");
            return Asyncio.wait(List.of(v)).thenApply(r -> {
                steps.expect(4);
                return v;
            });
        });
        steps.finish(5);
        log.assertEvents(
                "cancel returned true, done false, cancelling 1",
                "victim cleanup at 1.0: CancellationException(stop it)");
        assertTrue(victim.cancelled());
        assertTrue(victim.isCancelled());
        assertEquals(0, victim.cancelling(), "no longer cancelling once done");
        CancellationException fromResult = assertThrows(CancellationException.class, victim::result);
        assertEquals("stop it", fromResult.getMessage());
        CancellationException fromException = assertThrows(CancellationException.class, victim::exception);
        assertEquals("stop it", fromException.getMessage());
        assertFalse(victim.cancel("again"), "a done task cannot be cancelled again");
        assertEquals(1.0, loop.time(), 0.01, "the 100 s sleep was cancelled, its timer gone");
    }

    /**
     * BUG(main): the natural Java "finally" — {@code return work().whenComplete(cleanup)} — is skipped
     * when the task is cancelled. The task awaits its body's stage with kotlinx's
     * {@code CompletionStage.await()}, which cancels that stage (here the plain dependent made by
     * {@code whenComplete}) as soon as the task is cancelled; the JDK then never runs the action of a
     * dependent that is already complete. Decision 2 promises the task "runs its finally/close logic".
     * Works today only when the cleanup is attached to the operation's own future (see withCleanup).
     */
    @Test
    @DisplayName("BUG(main): a whenComplete cleanup chained on the body's stage runs when the task is cancelled")
    void aWhenCompleteCleanupChainedOnTheBodysStageRunsWhenTheTaskIsCancelled() {
        Task<String> victim = loop.runUntilComplete(() -> {
            Task<String> v = createTask(() -> sleep(Duration.ofSeconds(100), "never")
                    .whenComplete((r, e) -> log.add("finally: " + describe(e))), "victim");
            return sleep(Duration.ofSeconds(1)).thenCompose(x -> {
                v.cancel("stop it");
                return Asyncio.wait(List.of(v));
            }).thenApply(r -> v);
        });
        assertTrue(victim.cancelled());
        log.assertEvents("finally: CancellationException(stop it)");
    }

    @Test
    void completableFutureCancelOnATaskCancelsTheCoroutine() {
        List<CompletableFuture<String>> seen = new ArrayList<>();
        String state = loop.runUntilComplete(() -> {
            CompletableFuture<String> asJdk = createTask(() -> withCleanup(sleep(Duration.ofSeconds(100), "never"),
                    (r, e) -> log.add("cleanup at " + loop.time() + ": " + describe(e))));
            seen.add(asJdk);
            return sleep(Duration.ofSeconds(1))
                    .thenCompose(v -> {
                        log.add("cancel(true) returned " + asJdk.cancel(true));
                        return Asyncio.wait(List.of(asJdk));
                    })
                    .thenApply(r -> "isCancelled " + asJdk.isCancelled() + ", isDone " + asJdk.isDone());
        });
        assertEquals("isCancelled true, isDone true", state);
        log.assertEvents("cancel(true) returned true", "cleanup at 1.0: CancellationException(null)");
        assertThrows(CancellationException.class, () -> seen.get(0).get(5, SECONDS));
    }

    @Test
    void completableFutureCancelFromAForeignThreadIsDoneOnlyAfterTheCleanup() throws Exception {
        // Real clock: the task must still be sleeping when the test thread cancels it.
        try (EventLoop real = EventLoop.create()) {
            CountDownLatch started = new CountDownLatch(1);
            CompletableFuture<String> asJdk = real.createTask(() -> {
                started.countDown();
                return withCleanup(sleep(Duration.ofDays(1), "never"), (r, e) ->
                        log.add("cleanup: " + describe(e) + " on " + Thread.currentThread().getName()));
            }, "sleeper");
            assertTrue(started.await(5, SECONDS));
            assertTrue(asJdk.cancel(true));
            assertThrows(CancellationException.class, () -> asJdk.get(5, SECONDS));
            // The task is done only once its cleanup ran, so the cleanup is already logged.
            assertTrue(asJdk.isCancelled());
            assertEquals(1, log.events().size());
            assertTrue(log.events().get(0).startsWith("cleanup: CancellationException(null) on aio4j-loop-"), log.events().toString());
        }
    }

    @Test
    void aTaskThatCancelsItselfIsACancelledFuture() {
        Task<String> t = loop.runUntilComplete(() -> {
            Task<String> self = createTask(() -> {
                currentTask().cancel("self");
                return sleep(Duration.ofSeconds(10), "unreached").whenComplete((r, e) -> log.add("sleep ended: " + describe(e)));
            });
            return Asyncio.wait(List.of(self)).thenApply(r -> self);
        });
        CompletableFuture<String> asJdk = t;
        assertTrue(asJdk.isCancelled());
        assertTrue(t.cancelled());
        CancellationException e = assertThrows(CancellationException.class, () -> asJdk.get(5, SECONDS));
        assertEquals(0.0, loop.time(), 0.01, "the sleep never waited");
        log.assertEvents("sleep ended: CancellationException(self)");
        assertEquals("self", e.getMessage());
    }

    @Test
    void aCancellationExceptionThrownByTheBodysStageCancelsTheTask() {
        Task<String> t = loop.runUntilComplete(() -> {
            Task<String> giving = createTask(() -> sleep(Duration.ofSeconds(1)).thenApply(v -> {
                throw new CancellationException("gave up");
            }));
            return Asyncio.wait(List.of(giving)).thenApply(r -> giving);
        });
        CompletableFuture<String> asJdk = t;
        assertTrue(asJdk.isCancelled(), "coroutine → future: a cancelled coroutine is a cancelled CompletableFuture");
        assertEquals("gave up", assertThrows(CancellationException.class, t::result).getMessage());
    }

    @Test
    void aFutureWithNoWorkIsCancelledAtOnce() {
        String state = loop.runUntilComplete(() -> {
            Future<String> f = createFuture();
            f.addDoneCallback(done -> log.add("callback: cancelled " + done.cancelled()));
            boolean requested = f.cancel("no work");
            log.add("cancel returned " + requested + ", done " + f.done());
            return sleep(Duration.ZERO).thenApply(v -> assertThrows(CancellationException.class, f::result).getMessage());
        });
        assertEquals("no work", state);
        log.assertEvents("cancel returned true, done true", "callback: cancelled true");
    }

    @Test
    void rethrowIfCancelledLetsACancellationThroughAJavaCatchAll() {
        List<String> outcomes = loop.runUntilComplete(() -> {
            Task<String> cancelled = createTask(() -> sleep(Duration.ofSeconds(10), "never"));
            Task<String> failed = createTask(() -> CompletableFuture.failedFuture(new IOException("disk")));
            Task<String> guardedCancelled = createTask(() -> cancelled.exceptionally(e -> {
                rethrowIfCancelled(e);
                return "fallback";
            }));
            Task<String> guardedFailed = createTask(() -> failed.exceptionally(e -> {
                rethrowIfCancelled(e);
                return "fallback for " + e.getMessage();
            }));
            cancelled.cancel("stop");
            return gatherSettled(guardedCancelled, guardedFailed).thenApply(os -> List.of(
                    guardedCancelled.cancelled() + " " + os.get(0).getClass().getSimpleName(),
                    os.get(1).value()));
        });
        assertEquals(List.of("true Cancelled", "fallback for disk"), outcomes);
    }

    /** DESIGN.md decision 7, the exact test it names. */
    @Test
    void aCancelledRecursiveThenComposeLoopLogsNothingMoreAndLeavesNothingBehind() {
        AtomicInteger ticks = new AtomicInteger();
        Set<Task<?>> left = loop.runUntilComplete(() -> {
            Task<Void> ticker = createTask(() -> tick(ticks), "ticker");
            return sleep(Duration.ofMillis(3500))
                    .thenCompose(v -> {
                        log.add("cancel at " + loop.time());
                        ticker.cancel("enough");
                        return Asyncio.wait(List.of(ticker));
                    })
                    .thenCompose(r -> {
                        log.add("ticker cancelled: " + ticker.cancelled());
                        return sleep(Duration.ofSeconds(10));
                    })
                    .thenApply(v -> {
                        Set<Task<?>> tasks = allTasks();
                        log.add("after 10 s more: " + tasks.size() + " task(s), only main: " + tasks.equals(Set.of(currentTask())));
                        return tasks;
                    });
        });
        log.assertEvents(
                "tick 1 at 1.0",
                "tick 2 at 2.0",
                "tick 3 at 3.0",
                "cancel at 3.5",
                "ticker cancelled: true",
                "after 10 s more: 1 task(s), only main: true");
        assertEquals(3, ticks.get());
        assertEquals(1, left.size());
        assertEquals(13.5, loop.time(), 0.01);
    }

    private CompletableFuture<Void> tick(AtomicInteger ticks) {
        return sleep(Duration.ofSeconds(1)).thenCompose(v -> {
            log.add("tick " + ticks.incrementAndGet() + " at " + loop.time());
            return tick(ticks);
        });
    }

    @Test
    void cancellingATaskCancelsTheOperationsItStartedEvenUnawaited() {
        Task<String> parent = loop.runUntilComplete(() -> {
            Task<String> p = createTask(() -> {
                // Started and not awaited: still a child of the task (decision 2).
                sleep(Duration.ofSeconds(50)).whenComplete((r, e) -> log.add("unawaited child ended: " + describe(e)));
                return withCleanup(sleep(Duration.ofSeconds(100), "never"), (r, e) -> log.add("awaited child ended: " + describe(e)));
            });
            return sleep(Duration.ofSeconds(1)).thenCompose(v -> {
                p.cancel("parent cancelled");
                return Asyncio.wait(List.of(p));
            }).thenApply(r -> p);
        });
        assertTrue(parent.cancelled());
        assertEquals(Set.of(
                "unawaited child ended: CancellationException(parent cancelled)",
                "awaited child ended: CancellationException(parent cancelled)"), Set.copyOf(log.events()));
        assertEquals(2, log.events().size());
        assertEquals(1.0, loop.time(), 0.01);
    }
}

package dev.aio4j;

import static dev.aio4j.Asyncio.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * {@code Semaphore.withPermit} and {@code Lock.withLock} without a coroutine frame (lib/DESIGN-NOTES.md,
 * "Costs"): the permit is released however the body ends, a waiter cancelled while queued (also after
 * it was handed the permit, before it ran) takes nothing, and what the body starts belongs to the
 * operation.
 */
class GuardedBodyJavaTest extends JavaLoopTestBase {

    @Test
    void aWithPermitCancelledWhileQueuedNeverRunsItsBodyAndTakesNoPermit() {
        Semaphore sem = new Semaphore(1);
        Steps steps = new Steps();
        loop.runUntilComplete(() -> {
            steps.expect(1);
            Future<String> holder = sem.withPermit(() -> {
                steps.expect(2); // a free permit: the body runs inside the call
                return sleep(Duration.ofSeconds(1), "holder");
            });
            Future<String> cancelled = sem.withPermit(() -> steps.unreachable());
            Future<String> next = sem.withPermit(() -> {
                steps.expect(5);
                return sleep(Duration.ofSeconds(1), "next");
            });
            steps.expect(3);
            assertEquals("<Semaphore [locked, waiters:2]>", sem.toString());
            return sleep(Duration.ofMillis(500)).thenCompose(v -> {
                steps.expect(4);
                cancelled.cancel();
                return holder;
            }).thenCompose(h -> next).thenApply(n -> {
                steps.expect(6);
                assertTrue(cancelled.cancelled());
                assertEquals(2.0, loop.time(), 1e-9, "next ran after the holder, not after the cancelled one");
                return n;
            });
        });
        steps.finish(7);
        assertEquals("<Semaphore [unlocked, value:1]>", sem.toString());
    }

    @Test
    void aWithPermitHandedThePermitAndCancelledBeforeItRanPassesItOn() {
        Semaphore sem = new Semaphore(1);
        Steps steps = new Steps();
        loop.runUntilComplete(() -> {
            sem.acquire();
            Future<String> woken = sem.withPermit(() -> steps.unreachable());
            Future<String> next = sem.withPermit(() -> {
                steps.expect(2);
                return CompletableFuture.completedFuture("next");
            });
            return sleep(Duration.ZERO).thenCompose(v -> {
                steps.expect(1);
                sem.release();   // hands the permit to `woken`, which has not run yet
                woken.cancel();  // ... and is cancelled before it runs
                return next;
            }).thenApply(n -> {
                steps.expect(3);
                assertTrue(woken.cancelled());
                return n;
            });
        });
        steps.finish(4);
        assertFalse(sem.locked());
        assertEquals("<Semaphore [unlocked, value:1]>", sem.toString());
    }

    @Test
    void thePermitIsReleasedWhenTheBodyThrowsFailsOrReturnsNull() {
        Semaphore sem = new BoundedSemaphore(1);
        loop.runUntilComplete(() -> {
            IllegalStateException boom = new IllegalStateException("boom");
            Future<Object> thrown = sem.withPermit(() -> {
                throw boom;
            });
            log.add("thrown: " + thrown.exception().getMessage() + ", locked " + sem.locked());
            Future<Object> failed = sem.withPermit(() -> sleep(Duration.ofSeconds(1))
                    .thenCompose(v -> CompletableFuture.failedFuture(new IllegalArgumentException("late"))));
            return failed.handle((v, e) -> {
                log.add("failed: " + e.getMessage() + ", locked " + sem.locked());
                return sem.withPermit(() -> null);
            }).thenCompose(f -> f.handle((v, e) -> {
                log.add("null body: " + e.getClass().getSimpleName() + " " + e.getMessage() + ", locked " + sem.locked());
                return null;
            }));
        });
        log.assertEvents("thrown: boom, locked false", "failed: late, locked false",
                "null body: NullPointerException the body returned null instead of a CompletionStage, locked false");
    }

    @Test
    void cancellingTheTaskCancelsTheBodysOperationsThenReleasesThenSettles() {
        Semaphore sem = new Semaphore(1);
        Steps steps = new Steps();
        loop.runUntilComplete(() -> {
            Task<?>[] self = new Task<?>[1];
            Task<Void> task = createTask(() -> {
                self[0] = currentTask();
                Future<Void> op = sem.withPermit(() -> {
                    assertSame(self[0], currentTask(), "the body runs inside the task");
                    return withCleanup(sleep(Duration.ofHours(1)), (v, e) -> {
                        steps.expect(2);
                        assertInstanceOf(CancellationException.class, e);
                        assertTrue(sem.locked(), "the body's cleanup runs before the permit is released");
                    });
                });
                op.whenComplete((v, e) -> {
                    steps.expect(3);
                    assertInstanceOf(CancellationException.class, e);
                    assertFalse(sem.locked());
                });
                return op;
            }, "holder");
            return sleep(Duration.ofSeconds(1)).thenCompose(v -> {
                steps.expect(1);
                task.cancel();
                return task.handle((r, e) -> {
                    steps.expect(4);
                    assertTrue(task.cancelled());
                    return null;
                });
            });
        });
        steps.finish(5);
        assertEquals(1.0, loop.time(), 1e-9, "the hour-long sleep was cancelled");
    }

    @Test
    void aForeignStageIsAwaitedAndCancelledWithTheOperation() {
        Semaphore sem = new Semaphore(1);
        CompletableFuture<String> foreign = new CompletableFuture<>();
        CompletableFuture<String> later = new CompletableFuture<>();
        loop.runUntilComplete(() -> {
            Future<String> done = sem.withPermit(() -> later);
            loop.callLater(Duration.ofSeconds(1), () -> later.complete("later"));
            return done.thenCompose(v -> {
                log.add("foreign stage result " + v + ", locked " + sem.locked());
                Future<String> cancelled = sem.withPermit(() -> foreign);
                return sleep(Duration.ofSeconds(1)).thenCompose(w -> {
                    cancelled.cancel();
                    return cancelled.handle((r, e) -> {
                        log.add("cancelled " + cancelled.cancelled() + ", foreign cancelled " + foreign.isCancelled()
                                + ", locked " + sem.locked());
                        return null;
                    });
                });
            });
        });
        log.assertEvents("foreign stage result later, locked false", "cancelled true, foreign cancelled true, locked false");
    }

    @Test
    void overReleasingABoundedSemaphoreInsideTheBodyFailsTheOperation() {
        Semaphore sem = new BoundedSemaphore(1);
        Throwable e = assertThrows(IllegalArgumentException.class, () -> loop.runUntilComplete(() -> sem.withPermit(() -> {
            sem.release(); // gives back the permit withPermit holds: its own release then over-releases
            return sleep(Duration.ZERO);
        })));
        assertEquals("BoundedSemaphore released too many times", e.getMessage());
        assertFalse(sem.locked());
    }

    @Test
    void withLockQueuesFifoAndACancelledWaiterNeverRuns() {
        Lock lock = new Lock();
        loop.runUntilComplete(() -> {
            Future<Void> a = lock.withLock(() -> {
                log.add("A in");
                return sleep(Duration.ofSeconds(1));
            });
            Future<Void> b = lock.withLock(() -> {
                log.add("B in, should not run");
                return sleep(Duration.ofSeconds(1));
            });
            Future<Void> c = lock.withLock(() -> {
                log.add("C in at " + loop.time());
                return sleep(Duration.ofSeconds(1));
            });
            b.cancel();
            return gatherSettled(a, b, c).thenRun(() -> log.add("b cancelled " + b.cancelled() + ", locked " + lock.locked()));
        });
        log.assertEvents("A in", "C in at 1.0", "b cancelled true, locked false");
    }
}

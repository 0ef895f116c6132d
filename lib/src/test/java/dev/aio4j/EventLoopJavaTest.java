package dev.aio4j;

import static dev.aio4j.Asyncio.*;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/** EventLoop from Java: callbacks, threads, cross-thread submission, close, reports, debug mode. */
class EventLoopJavaTest extends JavaLoopTestBase {

    @Test
    void callSoonRunsCallbacksInFifoOrderAndNestedOnesAfterThose() {
        loop.runUntilComplete(() -> {
            loop.callSoon(() -> {
                log.add("a");
                loop.callSoon(() -> log.add("d (scheduled by a)"));
            });
            loop.callSoon(() -> log.add("b"));
            Handle cancelled = loop.callSoon(() -> log.add("never"));
            loop.callSoon(() -> log.add("c"));
            cancelled.cancel();
            log.add("scheduled, cancelled() " + cancelled.cancelled());
            return sleep(Duration.ofSeconds(1));
        });
        log.assertEvents("scheduled, cancelled() true", "a", "b", "c", "d (scheduled by a)");
    }

    @Test
    void callLaterAndCallAtRunInDeadlineOrderThenSchedulingOrder() {
        List<Double> whens = new ArrayList<>();
        loop.runUntilComplete(() -> {
            double t0 = loop.time();
            whens.add(loop.callLater(Duration.ofSeconds(3), () -> log.add("3 s at " + loop.time())).when() - t0);
            whens.add(loop.callLater(Duration.ofSeconds(1), () -> log.add("1 s first at " + loop.time())).when() - t0);
            TimerHandle cancelled = loop.callLater(Duration.ofSeconds(2), () -> log.add("never"));
            whens.add(loop.callAt(t0 + 2, () -> log.add("callAt 2 s at " + loop.time())).when() - t0);
            whens.add(loop.callLater(Duration.ofSeconds(1), () -> log.add("1 s second at " + loop.time())).when() - t0);
            loop.callLater(Duration.ZERO, () -> log.add("0 s at " + loop.time()));
            cancelled.cancel();
            return sleep(Duration.ofSeconds(4));
        });
        log.assertEvents("0 s at 0.0", "1 s first at 1.0", "1 s second at 1.0", "callAt 2 s at 2.0", "3 s at 3.0");
        assertEquals(List.of(3.0, 1.0, 2.0, 1.0), whens);
    }

    @Test
    void timeIsVirtualAndMonotonic() {
        double before = loop.time();
        double after = loop.runUntilComplete(() -> sleep(Duration.ofHours(5)).thenApply(v -> loop.time()));
        assertEquals(0.0, before, 0.0);
        assertEquals(5 * 3600.0, after, 0.01);
    }

    @Test
    void aCallbackThatThrowsIsReportedAndTheLoopRunsOn() {
        loop.runUntilComplete(() -> {
            loop.callSoon(() -> {
                throw new IllegalStateException("callback bug");
            });
            loop.callSoon(() -> log.add("next callback still runs"));
            return sleep(Duration.ofSeconds(1));
        });
        log.assertEvents("next callback still runs");
        assertEquals(1, reports.size());
        LoopReport r = reports.remove(0);
        assertEquals(LoopReport.Kind.CALLBACK_ERROR, r.kind());
        assertEquals("callback bug", r.exception().getMessage());
    }

    @Test
    void toThreadRunsOffTheLoopAndCompletesBackOnIt() {
        List<String> seen = loop.runUntilComplete(() -> {
            List<String> events = new ArrayList<>();
            CountDownLatch loopWasFree = new CountDownLatch(1);
            CompletableFuture<String> blocking = toThread(() -> {
                events.add("worker is loop thread: " + (Thread.currentThread() == loopThread));
                // Blocks until a loop callback ran: would deadlock if the loop waited for us.
                return "latch " + loopWasFree.await(5, SECONDS);
            });
            loop.callSoon(loopWasFree::countDown);
            return blocking.thenApply(v -> {
                events.add(v);
                events.add("completes on loop thread: " + (Thread.currentThread() == loopThread));
                return events;
            });
        });
        assertEquals(List.of("worker is loop thread: false", "latch true", "completes on loop thread: true"), seen);
    }

    @Test
    void theVirtualClockDoesNotJumpWhileThreadWorkIsOutstanding() {
        loop.runUntilComplete(() -> {
            CompletableFuture<String> worker = toThread(() -> {
                // Returns only once the loop thread is parked, i.e. idle with a 60 s timer pending.
                long deadline = System.nanoTime() + SECONDS.toNanos(5);
                while (!isParked(loopThread) && System.nanoTime() < deadline) Thread.onSpinWait();
                return "worker saw an idle loop: " + isParked(loopThread);
            }).thenApply(w -> {
                log.add(w + ", now " + loop.time());
                return w;
            });
            CompletableFuture<Void> timer = sleep(Duration.ofSeconds(60)).thenRun(() -> log.add("timer at " + loop.time()));
            return gather(worker, timer);
        });
        log.assertEvents("worker saw an idle loop: true, now 0.0", "timer at 60.0");
    }

    private static boolean isParked(Thread t) {
        Thread.State s = t.getState();
        return s == Thread.State.WAITING || s == Thread.State.TIMED_WAITING;
    }

    @Test
    void toThreadOfARunnableAndRunInExecutor() throws Exception {
        ExecutorService pool = Executors.newSingleThreadExecutor(r -> new Thread(r, "my-pool"));
        try {
            List<String> seen = loop.runUntilComplete(() -> {
                List<String> events = new ArrayList<>();
                return toThread(() -> {
                            events.add("runnable on " + (Thread.currentThread() == loopThread ? "loop" : "worker"));
                        })
                        .thenCompose(v -> runInExecutor(pool, () -> Thread.currentThread().getName()))
                        .thenCompose(name -> {
                            events.add("runInExecutor on " + name);
                            return loop.runInExecutor(null, () -> "default executor");
                        })
                        .thenApply(s -> {
                            events.add(s);
                            return events;
                        });
            });
            assertEquals(List.of("runnable on worker", "runInExecutor on my-pool", "default executor"), seen);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aCheckedExceptionOfTheCallableArrivesAsItself() {
        IOException e = assertThrows(IOException.class, () -> loop.runUntilComplete(() -> toThread(() -> {
            throw new IOException("unreadable");
        })));
        assertEquals("unreadable", e.getMessage());
    }

    @Test
    void runCoroutineThreadsafeFromAForeignThread() throws Exception {
        CompletableFuture<String> f = loop.runCoroutineThreadsafe(() -> sleep(Duration.ofSeconds(3))
                .thenApply(v -> "on loop " + (Thread.currentThread() == loopThread) + " at " + loop.time()));
        assertEquals("on loop true at 3.0", f.get(5, SECONDS));
        assertNotSame(loopThread, Thread.currentThread());
        // A failure: runUntilComplete shows it as itself (get() would wrap it in the JDK's exception).
        CompletableFuture<String> failing = loop.runCoroutineThreadsafe(() -> CompletableFuture.failedFuture(new IOException("remote")));
        assertEquals("remote", assertThrows(IOException.class, () -> loop.runUntilComplete(failing)).getMessage());
    }

    @Test
    void cancellingRunCoroutineThreadsafesFutureCancelsTheTask() throws Exception {
        try (EventLoop real = EventLoop.create()) {
            CountDownLatch started = new CountDownLatch(1);
            CountDownLatch cleaned = new CountDownLatch(1);
            CompletableFuture<String> f = real.runCoroutineThreadsafe(() -> {
                started.countDown();
                return withCleanup(sleep(Duration.ofDays(1), "never"), (v, e) -> {
                    log.add("cleanup, cancelled " + (e instanceof CancellationException));
                    cleaned.countDown();
                });
            });
            assertTrue(started.await(5, SECONDS));
            assertTrue(f.cancel(true));
            assertTrue(cleaned.await(5, SECONDS), "the task was cancelled and ran its cleanup");
            assertThrows(CancellationException.class, () -> f.get(5, SECONDS));
            log.assertEvents("cleanup, cancelled true");
        }
    }

    @Test
    void runUntilCompleteAndCloseRefuseTheLoopThread() {
        List<String> seen = loop.runUntilComplete(() -> CompletableFuture.completedFuture(List.of(
                assertThrows(IllegalStateException.class, () -> loop.runUntilComplete(() -> sleep(Duration.ZERO))).getClass().getSimpleName(),
                assertThrows(IllegalStateException.class, () -> loop.runUntilComplete(sleep(Duration.ZERO))).getClass().getSimpleName(),
                assertThrows(IllegalStateException.class, loop::close).getClass().getSimpleName())));
        assertEquals(List.of("IllegalStateException", "IllegalStateException", "IllegalStateException"), seen);
    }

    @Test
    void closeCancelsRemainingTasksWaitsForTheirCleanupAndThenRefusesWork() throws Exception {
        // Real clock, so that the day-long sleep is still pending when close() comes.
        EventLoop other = EventLoop.create();
        CountDownLatch started = new CountDownLatch(1);
        Task<String> t = other.createTask(() -> {
            started.countDown();
            return withCleanup(sleep(Duration.ofDays(1), "never"), (v, e) ->
                    log.add("cleanup on close, cancelled " + (e instanceof CancellationException)));
        }, "long-lived");
        assertTrue(started.await(5, SECONDS));
        assertTrue(other.isRunning());
        other.close();
        // close() returned: the task's cleanup already ran.
        log.assertEvents("cleanup on close, cancelled true");
        assertTrue(other.isClosed());
        assertFalse(other.isRunning());
        assertTrue(t.cancelled());
        assertThrows(IllegalStateException.class, () -> other.createTask(() -> sleep(Duration.ZERO)));
        assertThrows(IllegalStateException.class, () -> other.callSoonThreadsafe(() -> { }));
        other.close(); // idempotent
    }

    @Test
    void callSoonThreadsafeFromAForeignThread() throws Exception {
        CompletableFuture<String> ran = new CompletableFuture<>();
        Handle h = loop.callSoonThreadsafe(() -> ran.complete("on loop " + (Thread.currentThread() == loopThread)));
        assertEquals("on loop true", ran.get(5, SECONDS));
        assertFalse(h.cancelled());
    }

    @Test
    void debugModeReportsASlowCallbackWithItsStackWhileItStillRuns() {
        loop.setDebug(true);
        loop.setSlowCallbackDuration(Duration.ofMillis(20));
        assertTrue(loop.getDebug());
        assertEquals(Duration.ofMillis(20), loop.getSlowCallbackDuration());
        CountDownLatch reported = new CountDownLatch(1);
        loop.setExceptionHandler(r -> {
            reports.add(r);
            if (r.kind() == LoopReport.Kind.SLOW_CALLBACK) reported.countDown();
        });
        Task<?> slow = loop.runUntilComplete(() -> {
            try {
                // Holds the loop thread until the watchdog has reported us: no fixed sleep.
                assertTrue(reported.await(5, SECONDS));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            return CompletableFuture.completedFuture(currentTask());
        });
        assertEquals(1, reports.size(), reports.toString());
        LoopReport r = reports.remove(0);
        assertEquals(LoopReport.Kind.SLOW_CALLBACK, r.kind());
        assertSame(slow, r.task());
        assertTrue(r.stack().stream().anyMatch(e -> e.getClassName().startsWith(EventLoopJavaTest.class.getName())), r.stack().toString());
        assertThrows(IllegalArgumentException.class, () -> loop.setSlowCallbackDuration(Duration.ZERO));
    }

    @Test
    void debugModeRefusesNonThreadsafeCallsFromAForeignThread() {
        loop.setDebug(true);
        assertThrows(IllegalStateException.class, () -> loop.callSoon(() -> { }));
        assertThrows(IllegalStateException.class, () -> loop.callLater(Duration.ofSeconds(1), () -> { }));
        loop.setDebug(false);
        assertFalse(loop.getDebug());
    }

    @Test
    void callExceptionHandlerReachesTheHandler() {
        LoopReport mine = new LoopReport(LoopReport.Kind.UNHANDLED_EXCEPTION, "custom", new IOException("x"), null, List.of());
        loop.callExceptionHandler(mine);
        assertEquals(List.of(mine), List.copyOf(reports));
        reports.clear();
        assertEquals("UNHANDLED_EXCEPTION: custom", mine.toString());
    }

    @Test
    void runForeverReturnsWhenStopped() throws Exception {
        Thread caller = Thread.currentThread();
        java.util.concurrent.atomic.AtomicBoolean returned = new java.util.concurrent.atomic.AtomicBoolean();
        CompletableFuture<Void> stopper = loop.runCoroutineThreadsafe(() -> toThread(() -> {
            // stop() only affects a runForever() already waiting: keep stopping until it has returned.
            long deadline = System.nanoTime() + SECONDS.toNanos(5);
            while (!returned.get() && System.nanoTime() < deadline) {
                if (isParked(caller)) loop.stop();
                Thread.onSpinWait();
            }
        }));
        loop.runForever();
        returned.set(true);
        stopper.get(5, SECONDS);
        IllegalStateException onLoop = loop.runUntilComplete(() -> CompletableFuture.completedFuture(
                assertThrows(IllegalStateException.class, loop::runForever)));
        assertTrue(onLoop.getMessage().contains("runForever"), onLoop.getMessage());
    }
}

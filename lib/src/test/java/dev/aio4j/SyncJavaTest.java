package dev.aio4j;

import static dev.aio4j.Asyncio.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;

/**
 * The synchronization primitives as a Java user drives them: the seed's patterns, and the bridging
 * (already-completed futures, scheduling-only wake-ups, cancellation both ways, errors as themselves).
 * Their semantics are tested in the Kotlin specs of {@code dev.aio4j.coroutines}.
 */
class SyncJavaTest extends JavaLoopTestBase {

    @Test
    void semaphoreOfThreeRunsTenCallsInFourRounds() {
        Semaphore sem = new Semaphore(3);
        List<String> results = loop.runUntilComplete(() -> {
            List<CompletionStage<String>> calls = new ArrayList<>();
            for (int i = 1; i <= 10; i++) {
                int id = i;
                calls.add(sem.withPermit(() -> {
                    log.add("call " + id + " at " + loop.time());
                    return sleep(Duration.ofSeconds(1), "result " + id);
                }));
            }
            return gather(calls);
        });
        assertEquals(4.0, loop.time(), 1e-9, "ten one-second calls, three at a time: four rounds");
        assertEquals("result 10", results.get(9));
        log.assertEvents(
                "call 1 at 0.0", "call 2 at 0.0", "call 3 at 0.0",
                "call 4 at 1.0", "call 5 at 1.0", "call 6 at 1.0",
                "call 7 at 2.0", "call 8 at 2.0", "call 9 at 2.0",
                "call 10 at 3.0");
        assertFalse(sem.locked());
    }

    private CompletableFuture<Void> worker(String name, Lock lock) {
        log.add(name + " trying");
        return lock.withLock(() -> {
            log.add(name + " acquired");
            return sleep(Duration.ofMillis(100)).thenRun(() -> log.add(name + " released"));
        });
    }

    @Test
    void twoWorkersOnOneLockPrintCPythonsOrder() {
        Lock lock = new Lock();
        loop.runUntilComplete(() -> gather(worker("A", lock), worker("B", lock)));
        log.assertEvents("A trying", "A acquired", "B trying", "A released", "B acquired", "B released");
        assertFalse(lock.locked());
    }

    @Test
    void aFreeLockIsAcquiredAtOnceAndReleaseOnlySchedulesTheWaiter() {
        Lock lock = new Lock();
        loop.runUntilComplete(() -> {
            Future<Boolean> first = lock.acquire();
            log.add("first done at once: " + first.isDone());
            Future<Boolean> second = lock.acquire();
            second.thenRun(() -> log.add("second acquired"));
            log.add("second done at once: " + second.isDone());
            return sleep(Duration.ZERO).thenCompose(v -> {
                lock.release();
                log.add("release returned");
                return second;
            }).thenRun(lock::release);
        });
        log.assertEvents("first done at once: true", "second done at once: false", "release returned", "second acquired");
    }

    @Test
    void aCancelledEventWaitLeavesNoWaiterAndTheOthersStillWake() {
        Event ev = new Event();
        loop.runUntilComplete(() -> {
            Task<Boolean> parked = createTask(() -> ev.await().whenComplete((v, e) ->
                    log.add("parked task cleanup, cancelled " + (e instanceof java.util.concurrent.CancellationException))));
            Future<Boolean> other = ev.await();
            Future<Boolean> withdrawn = ev.await();
            return sleep(Duration.ofSeconds(1)).thenCompose(v -> {
                log.add("before: " + ev);
                parked.cancel("stop");
                withdrawn.cancel();
                return sleep(Duration.ZERO);
            }).thenCompose(v -> {
                log.add("after cancel: " + ev + ", withdrawn cancelled " + withdrawn.cancelled());
                ev.set();
                return other;
            }).thenApply(woke -> {
                log.add("other woke " + woke + ", parked cancelled " + parked.cancelled() + ", " + ev);
                return woke;
            });
        });
        log.assertEvents("before: <Event [unset, waiters:3]>", "parked task cleanup, cancelled true",
                "after cancel: <Event [unset, waiters:1]>, withdrawn cancelled true",
                "other woke true, parked cancelled true, <Event [set]>");
    }

    @Test
    void eventWakesBothWaitersAfterSetReturns() {
        Event ev = new Event();
        loop.runUntilComplete(() -> {
            CompletableFuture<Boolean> a = ev.await().whenComplete((v, e) -> log.add("A woke: " + v));
            CompletableFuture<Boolean> b = ev.await().whenComplete((v, e) -> log.add("B woke: " + v));
            log.add("waiting: " + a.isDone() + ", " + b.isDone());
            return sleep(Duration.ofSeconds(1)).thenCompose(v -> {
                ev.set();
                log.add("set returned");
                return gather(a, b);
            }).thenRun(() -> log.add("await on a set event done at once: " + ev.await().isDone()));
        });
        log.assertEvents("waiting: false, false", "set returned", "A woke: true", "B woke: true",
                "await on a set event done at once: true");
        assertTrue(ev.isSet());
        ev.clear();
        assertFalse(ev.isSet());
    }

    @Test
    void cancellingWithLocksFutureCancelsTheBodyAndReleasesTheLock() {
        Lock lock = new Lock();
        loop.runUntilComplete(() -> {
            Future<Void> held = lock.withLock(() -> withCleanup(sleep(Duration.ofHours(1)),
                    (v, e) -> log.add("body cleanup, cancelled " + (e instanceof CancellationException))));
            return sleep(Duration.ofSeconds(1)).thenCompose(v -> {
                log.add("locked " + lock.locked());
                held.cancel("stop");
                return held.handle((r, e) -> {
                    log.add("withLock cancelled " + (e instanceof CancellationException) + ", locked " + lock.locked());
                    return null;
                });
            });
        });
        log.assertEvents("locked true", "body cleanup, cancelled true", "withLock cancelled true, locked false");
        assertEquals(1.0, loop.time(), 1e-9, "the hour-long sleep was cancelled");
    }

    @Test
    void cancellingTheTaskCancelsItsWithLockAndReleasesTheLock() {
        Lock lock = new Lock();
        loop.runUntilComplete(() -> {
            Task<Void> task = createTask(() -> lock.withLock(() -> sleep(Duration.ofHours(1))), "holder");
            return sleep(Duration.ofSeconds(1)).thenCompose(v -> {
                log.add("locked " + lock.locked());
                task.cancel();
                return task.handle((r, e) -> {
                    log.add("task cancelled " + task.cancelled() + ", locked " + lock.locked());
                    return null;
                });
            });
        });
        log.assertEvents("locked true", "task cancelled true, locked false");
    }

    @Test
    void aCancelledAcquireTakesNothing() {
        Semaphore sem = new Semaphore(1);
        loop.runUntilComplete(() -> {
            sem.acquire();
            Future<Boolean> cancelled = sem.acquire();
            Future<Boolean> next = sem.acquire();
            return sleep(Duration.ZERO).thenCompose(v -> {
                cancelled.cancel();
                sem.release();
                return next;
            }).thenRun(() -> log.add("next acquired, cancelled one: " + cancelled.cancelled() + ", locked " + sem.locked()));
        });
        log.assertEvents("next acquired, cancelled one: true, locked true");
    }

    @Test
    void errorsSurfaceAsThemselves() {
        IllegalStateException notHeld = assertThrows(IllegalStateException.class, () -> new Lock().release());
        assertEquals("Lock is not acquired", notHeld.getMessage());
        IllegalArgumentException negative = assertThrows(IllegalArgumentException.class, () -> new Semaphore(-1));
        assertTrue(negative.getMessage().contains("-1"), negative.getMessage());
        Semaphore bounded = new BoundedSemaphore(2);
        assertThrows(IllegalArgumentException.class, bounded::release);
        Semaphore plain = new Semaphore(2);
        plain.release(); // asyncio's plain Semaphore allows it
        assertThrows(IllegalArgumentException.class, () -> new Barrier(0));
        assertThrows(IllegalStateException.class, () -> new Condition().signal());
        Throwable waitUnlocked = assertThrows(IllegalStateException.class,
                () -> loop.runUntilComplete(() -> new Condition().await()));
        assertEquals("cannot wait on un-acquired lock", waitUnlocked.getMessage());
    }

    @Test
    void conditionWaitForWakesWhenSignalledAndThePredicateHolds() {
        Condition cond = new Condition();
        List<String> queue = new ArrayList<>();
        String item = loop.runUntilComplete(() -> {
            CompletableFuture<String> consumer = cond.withLock(() -> cond.waitFor(() -> !queue.isEmpty())
                    .thenApply(v -> { log.add("consumer holds the lock: " + cond.locked()); return queue.remove(0); }));
            return sleep(Duration.ofSeconds(1)).thenCompose(v -> cond.withLock(() -> {
                queue.add("job");
                cond.signalAll();
                log.add("signalled");
                return CompletableFuture.completedFuture(null);
            })).thenCompose(v -> consumer);
        });
        assertEquals("job", item);
        log.assertEvents("signalled", "consumer holds the lock: true");
        assertFalse(cond.locked());
    }

    @Test
    void barrierReleasesAllPartiesWithTheirIndicesAndAbortBreaksIt() {
        Barrier barrier = new Barrier(3);
        List<Integer> indices = loop.runUntilComplete(() -> gather(barrier.await(), barrier.await(), barrier.await()));
        assertEquals(List.of(0, 1, 2), indices);
        assertEquals(0, barrier.nWaiting());
        Throwable broken = loop.runUntilComplete(() -> {
            Future<Integer> waiting = barrier.await();
            return sleep(Duration.ZERO).thenCompose(v -> barrier.abort()).thenCompose(v -> waiting.handle((r, e) -> e));
        });
        assertInstanceOf(BrokenBarrierError.class, broken);
        assertTrue(barrier.broken());
    }
}

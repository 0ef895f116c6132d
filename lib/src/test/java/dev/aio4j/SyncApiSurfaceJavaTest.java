package dev.aio4j;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The Java surface of the synchronization primitives, compile-only (like {@link ApiSurfaceJavaTest}):
 * every public constructor and method is referenced with explicit Java types. The body never runs.
 */
class SyncApiSurfaceJavaTest {

    @Test
    void everySyncFacadeMethodIsCallableFromJavaWithJavaTypesOnly() {
        Runnable neverRun = SyncApiSurfaceJavaTest::surface;
        assertNotNull(neverRun);
    }

    @SuppressWarnings("unused")
    private static void surface() {
        Supplier<CompletionStage<String>> body = () -> CompletableFuture.completedFuture("x");

        Lock lock = new Lock();
        Future<Boolean> acquired = lock.acquire();
        lock.release();
        boolean locked = lock.locked();
        Future<String> withLock = lock.withLock(body);
        dev.aio4j.coroutines.Lock coreLock = lock.coroutines();

        Semaphore sem = new Semaphore();
        Semaphore three = new Semaphore(3);
        Semaphore bounded = new BoundedSemaphore();
        BoundedSemaphore boundedTwo = new BoundedSemaphore(2);
        Future<Boolean> permit = sem.acquire();
        sem.release();
        boolean semLocked = sem.locked();
        Future<String> withPermit = sem.withPermit(body);
        dev.aio4j.coroutines.Semaphore coreSem = sem.coroutines();

        Event event = new Event();
        event.set();
        event.clear();
        boolean set = event.isSet();
        Future<Boolean> waited = event.await();
        dev.aio4j.coroutines.Event coreEvent = event.coroutines();

        Condition cond = new Condition();
        Condition shared = new Condition(lock);
        Lock its = cond.lock();
        Future<Boolean> condAcquired = cond.acquire();
        cond.release();
        boolean condLocked = cond.locked();
        Future<String> condWithLock = cond.withLock(body);
        Future<Boolean> condWaited = cond.await();
        BooleanSupplier predicate = () -> true;
        Future<Boolean> condWaitedFor = cond.waitFor(predicate);
        cond.signal();
        cond.signal(2);
        cond.signalAll();
        dev.aio4j.coroutines.Condition coreCond = cond.coroutines();

        Barrier barrier = new Barrier(3);
        Future<Integer> index = barrier.await();
        Future<Void> reset = barrier.reset();
        Future<Void> abort = barrier.abort();
        int parties = barrier.parties();
        int nWaiting = barrier.nWaiting();
        boolean broken = barrier.broken();
        dev.aio4j.coroutines.Barrier coreBarrier = barrier.coroutines();

        RuntimeException error = new BrokenBarrierError();
        RuntimeException withMessage = new BrokenBarrierError("aborted");
        RuntimeException withCause = new BrokenBarrierError("aborted", error);
    }
}

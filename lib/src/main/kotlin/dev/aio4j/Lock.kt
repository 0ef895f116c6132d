package dev.aio4j

import dev.aio4j.internal.LockBodyOperation
import dev.aio4j.internal.acquireOperation
import dev.aio4j.internal.startGuardedBody
import java.util.concurrent.CompletionStage
import java.util.function.Supplier

/**
 * asyncio's `Lock` for Java: a mutual-exclusion lock for tasks of an event loop. Not reentrant; waiters
 * get it first in, first out. The semantics live in [dev.aio4j.coroutines.Lock]; this class bridges.
 *
 * Like Python's `asyncio.Lock`: acquiring a free lock completes at once (the returned future is already
 * done, nothing yields to the loop); [release] only *schedules* the next waiter, whose continuation runs
 * on a later loop iteration, never inside `release()`. So two workers print "A trying, A acquired,
 * B trying, A released, B acquired, B released", as in CPython. Prefer [withLock] to pairing
 * [acquire]/[release] by hand, as Python prefers `async with lock`.
 *
 * Threads: waiting methods start on the loop thread (inside a task or a callback of one) and their
 * futures complete there. [release] and [locked] may be called from any thread.
 * Cancellation: cancelling the future of a pending [acquire] withdraws it — the lock is not taken, and
 * if it had already been handed over, it passes to the next waiter. Errors are never wrapped.
 *
 * ```java
 * Lock lock = new Lock();
 * CompletableFuture<Void> worker(String name) {
 *     System.out.println(name + " trying");
 *     return lock.withLock(() -> {
 *         System.out.println(name + " acquired");
 *         return Asyncio.sleep(Duration.ofMillis(100)).thenRun(() -> System.out.println(name + " released"));
 *     });
 * }
 * ```
 */
public class Lock private constructor(@get:JvmSynthetic internal val core: dev.aio4j.coroutines.Lock) {
    /** A new, unlocked lock. */
    public constructor() : this(dev.aio4j.coroutines.Lock())

    /**
     * Acquires the lock; the future completes with true once it is held — at once if it is free and
     * nobody waits (then it is the loop's one shared done future: do not rely on its identity).
     * `IllegalStateException` if no event loop runs this thread.
     */
    public fun acquire(): Future<Boolean> = acquireOperation(core::tryAcquireAtOnce) { core.acquire() }

    /**
     * Releases the lock and schedules the first waiter. `IllegalStateException("Lock is not acquired")`
     * if the lock is not held (asyncio's `RuntimeError`).
     */
    public fun release(): Unit = core.release()

    /** Whether the lock is held. */
    public fun locked(): Boolean = core.locked()

    /**
     * asyncio's `async with lock`: acquires the lock, runs [body], and releases the lock once the body's
     * stage is done — with a value, a failure or a cancellation. The future completes with the body's
     * result or failure. Cancelling it cancels what the body started (or withdraws the acquire).
     *
     * ```java
     * lock.withLock(() -> Asyncio.sleep(Duration.ofMillis(10), "done")).thenAccept(System.out::println);
     * ```
     */
    public fun <T> withLock(body: Supplier<out CompletionStage<out T>>): Future<T> =
        startGuardedBody { owner, future -> LockBodyOperation(core, owner, future, body) }

    /** The suspend lock underneath, for Kotlin callers. */
    public fun coroutines(): dev.aio4j.coroutines.Lock = core

    override fun toString(): String = core.toString()
}

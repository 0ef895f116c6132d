package dev.aio4j

import dev.aio4j.coroutines.withLock as coreWithLock
import dev.aio4j.internal.Owner
import dev.aio4j.internal.runOwnedBody
import dev.aio4j.internal.startOperation
import java.util.concurrent.CompletionStage
import java.util.function.BooleanSupplier
import java.util.function.Supplier

/**
 * asyncio's `Condition` for Java: tasks holding its [Lock] wait until another task signals them. The
 * semantics live in [dev.aio4j.coroutines.Condition]; this class bridges.
 *
 * Names: `wait()` is [await], `notify(n)` is [signal] and `notify_all()` is [signalAll], as in
 * `java.util.concurrent.locks.Condition`, because `Object.wait()`, `notify()` and `notifyAll()` are
 * final — and calling one of those on a Condition by mistake throws `IllegalMonitorStateException`.
 *
 * Like Python's `asyncio.Condition`: [await] releases the lock, waits for a signal, re-acquires the
 * lock and completes with true; if it is cancelled it still re-acquires the lock before the future is
 * done (cancelled), so the caller's cleanup runs holding it. A signal only schedules waiters; each
 * completes once it holds the lock again. A signalled waiter that is cancelled passes the signal on.
 * [await], [signal] and [signalAll] need the lock held (`IllegalStateException` otherwise, asyncio's
 * `RuntimeError`). Futures complete on the loop thread; errors are never wrapped.
 *
 * ```java
 * Condition cond = new Condition();
 * cond.withLock(() -> cond.waitFor(() -> !queue.isEmpty()).thenApply(v -> queue.poll()));
 * cond.withLock(() -> { queue.add("job"); cond.signal(); return CompletableFuture.completedFuture(null); });
 * ```
 */
public class Condition private constructor(
    @get:JvmSynthetic internal val core: dev.aio4j.coroutines.Condition,
    private val lock: Lock,
) {
    /** A condition with a new lock of its own. */
    public constructor() : this(Lock())

    /** A condition over [lock], shared with other conditions or used on its own. */
    public constructor(lock: Lock) : this(dev.aio4j.coroutines.Condition(lock.core), lock)

    /** The lock underneath. */
    public fun lock(): Lock = lock

    /** Acquires the lock; see [Lock.acquire]. */
    public fun acquire(): Future<Boolean> = lock.acquire()

    /** Releases the lock; see [Lock.release]. */
    public fun release(): Unit = lock.release()

    /** Whether the lock is held. */
    public fun locked(): Boolean = lock.locked()

    /** Runs [body] holding the lock (asyncio's `async with cond`); see [Lock.withLock]. */
    public fun <T> withLock(body: Supplier<out CompletionStage<out T>>): Future<T> {
        val owner = Owner.current()
        return owner.startOperation { core.coreWithLock { runOwnedBody(owner) { body.get() } } }
    }

    /**
     * asyncio's `wait()`: releases the lock, waits until signalled, re-acquires the lock and completes
     * with true. Fails at once with `IllegalStateException` if the lock is not held.
     */
    public fun await(): Future<Boolean> = startOperation { core.wait() }

    /**
     * asyncio's `wait_for(predicate)`: completes with true once [predicate] is true, checking it first
     * and then after every wake-up (with the lock held).
     */
    public fun waitFor(predicate: BooleanSupplier): Future<Boolean> =
        startOperation { core.waitFor { predicate.asBoolean } }

    /** asyncio's `notify()`: wakes one waiting task. `IllegalStateException` if the lock is not held. */
    public fun signal(): Unit = core.notify(1)

    /** asyncio's `notify(n)`: wakes up to [n] waiting tasks. `IllegalStateException` if the lock is not held. */
    public fun signal(n: Int): Unit = core.notify(n)

    /** asyncio's `notify_all()`: wakes every waiting task. `IllegalStateException` if the lock is not held. */
    public fun signalAll(): Unit = core.notifyAll()

    /** The suspend condition underneath, for Kotlin callers. */
    public fun coroutines(): dev.aio4j.coroutines.Condition = core

    override fun toString(): String = core.toString()
}

package dev.aio4j

import dev.aio4j.internal.startOperation

/**
 * asyncio's `Barrier` for Java: [parties] tasks [await] until all of them arrived, then all continue,
 * each with its arrival index (0 … parties-1); the barrier is then ready for the next round. Its
 * `wait()` is [await] here because `Object.wait()` is final. The semantics live in
 * [dev.aio4j.coroutines.Barrier]; this class bridges.
 *
 * Like Python's `asyncio.Barrier`: [reset] fails the waiting tasks with [BrokenBarrierError] and
 * starts over; [abort] breaks the barrier, failing current and future [await]s with
 * [BrokenBarrierError]. A waiting task that is cancelled leaves without breaking the barrier.
 * `IllegalArgumentException` if [parties] < 1. Futures complete on the loop thread; errors are never
 * wrapped.
 *
 * ```java
 * Barrier barrier = new Barrier(3);
 * for (int i = 0; i < 3; i++) {
 *     Asyncio.createTask(() -> barrier.await().thenAccept(index -> System.out.println("passed as " + index)));
 * }
 * ```
 */
public class Barrier private constructor(@get:JvmSynthetic internal val core: dev.aio4j.coroutines.Barrier) {
    /** A barrier for [parties] tasks; `IllegalArgumentException` if [parties] < 1. */
    public constructor(parties: Int) : this(dev.aio4j.coroutines.Barrier(parties))

    /** asyncio's `wait()`: completes with this task's arrival index once [parties] tasks are waiting. */
    public fun await(): Future<Int> = startOperation { core.wait() }

    /** Returns the barrier to its empty state; waiting tasks fail with [BrokenBarrierError]. */
    public fun reset(): Future<Void?> = startOperation {
        core.reset()
        null
    }

    /** Breaks the barrier: current and future [await]s fail with [BrokenBarrierError]. */
    public fun abort(): Future<Void?> = startOperation {
        core.abort()
        null
    }

    /** The number of tasks needed to pass. */
    public fun parties(): Int = core.parties

    /** The number of tasks waiting while the barrier fills (asyncio's `n_waiting`). */
    public fun nWaiting(): Int = core.nWaiting

    /** Whether the barrier is broken. */
    public fun broken(): Boolean = core.broken

    /** The suspend barrier underneath, for Kotlin callers. */
    public fun coroutines(): dev.aio4j.coroutines.Barrier = core

    override fun toString(): String = core.toString()
}

package dev.aio4j

import dev.aio4j.internal.Owner
import dev.aio4j.internal.startEventWait

/**
 * asyncio's `Event` for Java: a flag tasks can wait for. [set] wakes every waiting task, [clear]
 * resets the flag. Its `wait()` is [await] here because `Object.wait()` is final (as in
 * `java.util.concurrent`). The semantics live in [dev.aio4j.coroutines.Event]; this class bridges.
 *
 * Like Python's `asyncio.Event`: [await] on a set event completes at once (already-done future);
 * [set] only schedules the waiters, which run on later loop iterations in the order they started
 * waiting, never inside `set()`; a waiter woken by [set] completes even if [clear] follows at once.
 *
 * Threads: [await] starts on the loop thread and completes there; [set], [clear] and [isSet] may be
 * called from any thread (`set` from another thread wakes the loop). Cancelling the future of an
 * [await] withdraws that waiter and nothing else.
 *
 * ```java
 * Event ready = new Event();
 * ready.await().thenRun(() -> System.out.println("go"));
 * Asyncio.getRunningLoop().callLater(Duration.ofSeconds(1), ready::set);
 * ```
 */
public class Event private constructor(@get:JvmSynthetic internal val core: dev.aio4j.coroutines.Event) {
    /** A new event, not set. */
    public constructor() : this(dev.aio4j.coroutines.Event())

    /** Whether the flag is set (asyncio's `is_set`). */
    public fun isSet(): Boolean = core.isSet()

    /** Sets the flag and schedules every waiting task. */
    public fun set(): Unit = core.set()

    /** Resets the flag. */
    public fun clear(): Unit = core.clear()

    /**
     * asyncio's `wait()`: completes with true once the flag is set — at once if it is set already
     * (then it is the loop's one shared done future: do not rely on its identity).
     * `IllegalStateException` if no event loop runs this thread.
     */
    public fun await(): Future<Boolean> = startEventWait(Owner.current(), core)

    /** The suspend event underneath, for Kotlin callers. */
    public fun coroutines(): dev.aio4j.coroutines.Event = core

    override fun toString(): String = core.toString()
}

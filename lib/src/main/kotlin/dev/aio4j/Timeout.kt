package dev.aio4j

import dev.aio4j.internal.HiddenFromJava

/**
 * The handle of an [Asyncio.timeout] scope: asyncio's `asyncio.Timeout`. Times are loop seconds
 * ([EventLoop.time]). Use it on the loop thread, from the scope's body.
 *
 * ```java
 * Asyncio.timeout(Duration.ofSeconds(10), t -> download().thenCompose(data -> {
 *     t.reschedule(t.when() + 5);   // five more seconds for the second half
 *     return process(data);
 * }));
 * ```
 */
public class Timeout internal constructor(
    private val core: dev.aio4j.coroutines.Timeout,
    hidden: HiddenFromJava = HiddenFromJava.TOKEN,
) {
    /** The deadline in loop seconds, or null when there is none. */
    public fun `when`(): Double? = core.`when`()

    /** Moves the deadline (null removes it); `IllegalStateException` once expired or exited. */
    public fun reschedule(whenSeconds: Double?): Unit = core.reschedule(whenSeconds)

    /** Whether the deadline passed and cancelled the body. */
    public fun expired(): Boolean = core.expired()

    /** The Kotlin handle underneath. */
    public fun coroutines(): dev.aio4j.coroutines.Timeout = core

    override fun toString(): String = core.toString()
}

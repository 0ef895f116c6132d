package dev.aio4j

import dev.aio4j.internal.HiddenFromJava
import dev.aio4j.internal.Timer

/**
 * A callback scheduled with [EventLoop.callSoon] / [EventLoop.callSoonThreadsafe]: asyncio's `Handle`.
 * Cancelling it before it runs means it never runs.
 *
 * ```java
 * Handle h = loop.callSoon(() -> System.out.println("later"));
 * h.cancel();
 * ```
 */
public open class Handle internal constructor(private val callback: Runnable, hidden: HiddenFromJava = HiddenFromJava.TOKEN) {
    @Volatile private var cancelled = false

    /** Prevents the callback from running, if it has not run yet. */
    public open fun cancel() {
        cancelled = true
    }

    /** Whether [cancel] was called. */
    public fun cancelled(): Boolean = cancelled

    @JvmSynthetic
    internal fun runIfNotCancelled() {
        if (!cancelled) callback.run()
    }

    override fun toString(): String = "<${javaClass.simpleName} ${if (cancelled) "cancelled " else ""}$callback>"
}

/**
 * A callback scheduled for a time with [EventLoop.callLater] / [EventLoop.callAt]: asyncio's
 * `TimerHandle`.
 *
 * ```java
 * TimerHandle h = loop.callLater(Duration.ofSeconds(1), () -> System.out.println("tick"));
 * System.out.println("due at " + h.when());
 * ```
 */
public class TimerHandle internal constructor(
    callback: Runnable,
    private val whenSeconds: Double,
    hidden: HiddenFromJava = HiddenFromJava.TOKEN,
) : Handle(callback, hidden) {
    @get:JvmSynthetic @set:JvmSynthetic
    internal var timer: Timer? = null

    /** When the callback is due, in loop seconds ([EventLoop.time]). */
    public fun `when`(): Double = whenSeconds

    override fun cancel() {
        super.cancel()
        timer?.dispose()
    }
}

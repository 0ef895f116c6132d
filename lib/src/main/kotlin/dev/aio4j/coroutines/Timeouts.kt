package dev.aio4j.coroutines

import dev.aio4j.TimeoutError
import dev.aio4j.internal.loopNanos
import kotlinx.coroutines.CancellationException
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Job
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.currentCoroutineContext
import kotlinx.coroutines.delay
import kotlinx.coroutines.isActive
import kotlinx.coroutines.job
import kotlinx.coroutines.launch
import kotlin.coroutines.CoroutineContext
import kotlin.math.roundToLong
import kotlin.time.Duration

/**
 * The handle of a [timeout] scope: asyncio's `asyncio.Timeout`. Times are loop times in seconds
 * (see `EventLoop.time()`).
 *
 * ```kotlin
 * timeout(10.seconds) { t ->
 *     val data = download()
 *     t.reschedule(t.`when`()!! + 5)   // more time for the second half
 *     process(data)
 * }
 * ```
 */
public class Timeout internal constructor(private val context: CoroutineContext, private var deadline: Long?) {
    private enum class State { CREATED, ENTERED, EXPIRING, EXPIRED, EXITED }

    @Volatile private var state = State.CREATED
    private var scope: CoroutineScope? = null
    private var watcher: Job? = null

    /** The deadline in loop seconds, or null when the scope has none. */
    public fun `when`(): Double? = deadline?.let { it / 1e9 }

    /**
     * Moves the deadline to [whenSeconds] (loop time), or removes it with null. A deadline in the past
     * expires on the next loop iteration. Only while the scope is active: `IllegalStateException` after
     * it expired or exited.
     */
    public fun reschedule(whenSeconds: Double?) {
        check(state == State.ENTERED) { "cannot reschedule a timeout that is ${state.name.lowercase()}" }
        deadline = whenSeconds?.let { (it * 1e9).roundToLong() }
        arm()
    }

    /** Whether the deadline passed and the scope was cancelled because of it. */
    public fun expired(): Boolean = state == State.EXPIRING || state == State.EXPIRED

    internal fun enter(scope: CoroutineScope) {
        this.scope = scope
        state = State.ENTERED
        arm()
    }

    private fun arm() {
        watcher?.cancel()
        watcher = null
        val at = deadline ?: return
        val scope = scope ?: return
        // Dispatched, never undispatched: a deadline already past fires on the next iteration, as asyncio's does.
        watcher = scope.launch {
            val remaining = at - context.loopNanos()
            if (remaining > 0) delay((remaining + 999_999) / 1_000_000)
            state = State.EXPIRING
            scope.coroutineContext.job.cancel(CancellationException("timeout expired"))
        }
    }

    /**
     * Leaves the scope; true if this scope's deadline cancelled it. A scope cancelled from outside at
     * or after its deadline counts as expired too: in asyncio its timer would have fired in the same
     * loop iteration (nested scopes with one deadline both report `expired()`).
     */
    internal fun exit(cancelled: Boolean): Boolean {
        watcher?.cancel()
        watcher = null
        val due = deadline?.let { cancelled && context.loopNanos() >= it } ?: false
        val fired = state == State.EXPIRING || (state == State.ENTERED && due)
        state = if (fired) State.EXPIRED else State.EXITED
        return fired
    }

    override fun toString(): String = "<Timeout [${state.name.lowercase()}] when=${`when`()}>"
}

/**
 * asyncio's `timeout()`: runs [block] and, if it is still running after [delay] (null = never), cancels
 * it, waits for its cleanup and throws [TimeoutError]. Only this scope's own expiry becomes a
 * `TimeoutError`: a cancellation from outside stays a cancellation, and of nested scopes that expire
 * together only the outermost converts. The handle can [Timeout.reschedule] the deadline.
 *
 * ```kotlin
 * try { timeout(2.seconds) { sleep(10.seconds) } } catch (e: TimeoutError) { println("timed out") }
 * ```
 */
public suspend fun <T> timeout(delay: Duration?, block: suspend CoroutineScope.(Timeout) -> T): T {
    val context = currentCoroutineContext()
    return timeoutAtNanos(delay?.let { context.loopNanos() + it.inWholeNanoseconds }, block)
}

/** asyncio's `timeout_at()`: like [timeout] with an absolute deadline in loop seconds (null = never). */
public suspend fun <T> timeoutAt(whenSeconds: Double?, block: suspend CoroutineScope.(Timeout) -> T): T =
    timeoutAtNanos(whenSeconds?.let { (it * 1e9).roundToLong() }, block)

private suspend fun <T> timeoutAtNanos(deadline: Long?, block: suspend CoroutineScope.(Timeout) -> T): T {
    val context = currentCoroutineContext()
    val handle = Timeout(context, deadline)
    var fired = false
    try {
        return coroutineScope {
            handle.enter(this)
            try {
                block(handle).also { fired = handle.exit(cancelled = false) }
            } catch (e: Throwable) {
                fired = handle.exit(cancelled = e is CancellationException)
                throw e
            }
        }
    } catch (e: CancellationException) {
        if (fired && context.isActive) throw TimeoutError("the timeout expired", e)
        throw e
    }
}

/**
 * asyncio's `wait_for`: [block]'s value, or — after [timeout] — cancels it, waits for its cleanup and
 * throws [TimeoutError]. A timeout of zero or less throws at once without starting [block]; null waits
 * forever.
 *
 * ```kotlin
 * val page = waitFor(5.seconds) { fetch(url) }
 * ```
 */
public suspend fun <T> waitFor(timeout: Duration?, block: suspend CoroutineScope.() -> T): T {
    if (timeout == null) return coroutineScope(block)
    if (timeout <= Duration.ZERO) throw TimeoutError("wait_for timed out (timeout $timeout)")
    return timeout(timeout) { block() }
}

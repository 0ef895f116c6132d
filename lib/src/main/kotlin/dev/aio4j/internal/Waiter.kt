package dev.aio4j.internal

import kotlinx.coroutines.CancellableContinuation
import kotlinx.coroutines.suspendCancellableCoroutine
import kotlin.coroutines.resume

/**
 * One waiting coroutine of a synchronization primitive: asyncio's waiter future (`fut`) of a lock,
 * semaphore, event or condition.
 *
 * States, as asyncio's future sees them: pending; *woken* (`fut.set_result`, "done and not cancelled");
 * *cancelled* (the waiting coroutine was cancelled before anyone woke it). Asyncio's `fut.done()` is either
 * of the two; [markWoken] refuses a waiter that is done.
 * A waiter woken and then cancelled before it ran stays woken: its [await] throws the cancellation and
 * the primitive undoes what the wake-up handed over (asyncio's `fut.done() and not fut.cancelled()`).
 *
 * Waking is two steps so that primitives never resume a coroutine while holding their own monitor:
 * [markWoken] under the primitive's monitor decides who is woken, [resume] after it is released only
 * *schedules* the waiter on its dispatcher (DESIGN.md, decision 8: waking means scheduling).
 *
 * Guarded by this object's monitor; lock order is primitive's monitor, then a waiter's.
 */
internal class Waiter : (Throwable?) -> Unit {
    private var continuation: CancellableContinuation<Unit>? = null

    /** For a primitive that takes woken waiters off its list at once: whether it is still listed. Guarded by that primitive's monitor. */
    @JvmField var queued: Boolean = false
    private var woken = false
    private var cancelled = false

    /** Whether this waiter was woken (it may have been cancelled afterwards). */
    val isWoken: Boolean get() = synchronized(this) { woken }

    /** Whether the waiting coroutine was cancelled before being woken (asyncio's `fut.cancelled()`). */
    val isCancelled: Boolean get() = synchronized(this) { cancelled }

    /** Marks the waiter woken; false if it was done already. Call [resume] once monitors are released. */
    fun markWoken(): Boolean = synchronized(this) {
        if (woken || cancelled) return false
        woken = true
        true
    }

    /**
     * For a waiter with no coroutine behind it (e.g. `Event.await` from Java): what [resume] runs
     * instead of resuming a continuation. It must only schedule work, as a resumption does.
     */
    @JvmField var onWoken: Runnable? = null

    /** Schedules the woken waiter's continuation (if it is suspended already) or its [onWoken]. */
    fun resume() {
        val c = synchronized(this) {
            val c = continuation
            continuation = null
            c
        }
        if (c != null) c.resume(Unit) else onWoken?.run()
    }

    /** Marks a waiter with no coroutine cancelled, unless it was woken first; true if it was. */
    fun cancelUnlessWoken(): Boolean = synchronized(this) {
        if (!woken) cancelled = true
        !woken
    }

    /** The cancellation handler of [await]'s continuation. */
    override fun invoke(cause: Throwable?) {
        synchronized(this) {
            if (!woken) cancelled = true
            continuation = null
        }
    }

    /**
     * Suspends until woken. Throws the caller's cancellation if it is cancelled — also when it was
     * woken first and cancelled before it ran (kotlinx's prompt cancellation; check [isWoken]).
     */
    suspend fun await() {
        suspendCancellableCoroutine { c ->
            c.invokeOnCancellation(this) // the waiter is its own handler: no lambda per wait
            val wokenAlready = synchronized(this) {
                if (!woken) continuation = c
                woken
            }
            if (wokenAlready) c.resume(Unit)
        }
    }
}

/**
 * [Waiter.await], then takes the waiter off [waiters] (guarded by [guard]) however the wait ended: the
 * one way every primitive leaves its waiter list.
 */
internal suspend fun Waiter.awaitThenLeave(guard: Any, waiters: MutableCollection<Waiter>) {
    try {
        await()
    } finally {
        synchronized(guard) { waiters.remove(this) }
    }
}

/** Resumes every waiter of [woken] (after the caller released its monitor). */
internal fun resumeAll(woken: List<Waiter>) {
    for (w in woken) w.resume()
}

/**
 * A lock's or semaphore's wait for its turn: takes it at once if [acquireOrEnqueue] can, else awaits
 * this waiter and reports to [endWait] whether it runs holding the turn (true) or was cancelled (false).
 */
internal suspend inline fun Waiter.acquireOrWait(acquireOrEnqueue: (Waiter) -> Boolean, endWait: (Waiter, Boolean) -> Unit) {
    if (acquireOrEnqueue(this)) return
    try {
        await()
    } catch (e: Throwable) {
        endWait(this, false)
        throw e
    }
    endWait(this, true)
}

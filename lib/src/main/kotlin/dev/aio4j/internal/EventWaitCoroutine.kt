package dev.aio4j.internal

import dev.aio4j.Future
import dev.aio4j.coroutines.Event

/** The facade's `Event.await()`: done at once if [event] is set, else an [EventWaitCoroutine] of [owner]. */
internal fun startEventWait(owner: Owner, event: Event): Future<Boolean> {
    if (event.isSet()) return owner.completedOperation(true)
    val future = Future<Boolean>(LoopRef(owner.core))
    val wait = EventWaitCoroutine(owner, future, event)
    future.work = wait
    wait.beginWaiting()
    return future
}

/**
 * The work behind the facade's `Event.await()` when the flag is not set: a child job of its owner and
 * a waiter on the event, with no coroutine frame (as [SleepCoroutine]), so a task parked on an event
 * costs a few small objects. `set()` schedules it; cancelling the owner (or the future) takes the
 * waiter off the event and settles the future as cancelled, on the loop.
 */
internal class EventWaitCoroutine(owner: Owner, future: Future<Boolean>, private val event: Event) :
    FutureCoroutine<Boolean>(owner.job, future, owner), Runnable {
    private val waiter = Waiter().also { it.onWoken = Runnable { owner.core.callSoon(this) } }

    /** Set once waiting; until then [onCancelling] (which can run inside the constructor) does nothing. */
    @Volatile private var waiting = false

    /** Loop-thread only: whether [run] has settled the wait. */
    private var finished = false

    /** Starts waiting; if the flag was set meanwhile, the wait ends on the next loop iteration. */
    fun beginWaiting() {
        if (!event.enqueue(waiter)) {
            owner.core.callSoon(this)
            return
        }
        waiting = true
        // A cancellation that raced with enqueueing: make sure the wait ends now.
        if (!isActive) onCancelling(getCancellationException())
    }

    override fun onCancelling(cause: Throwable?) {
        if (cause == null || !waiting) return
        waiter.cancelUnlessWoken()
        owner.core.callSoon(this)
    }

    override fun run() {
        if (finished) return
        finished = true
        event.leave(waiter)
        owner.runAsCurrent {
            resumeWith(if (isActive) Result.success(true) else Result.failure(getCancellationException()))
        }
    }
}

package dev.aio4j.internal

import dev.aio4j.Future
import dev.aio4j.coroutines.Event

/** The facade's `Event.await()`: done at once if [event] is set, else an [EventWaitCoroutine] of [owner]. */
internal fun startEventWait(owner: Owner, event: Event): Future<Boolean> {
    if (event.isSet()) return owner.core.doneWithTrue
    val future = Future<Boolean>(LoopRef(owner.core))
    val wait = EventWaitCoroutine(owner, future, event)
    future.work = wait
    wait.beginWaiting()
    return future
}

/**
 * The work behind the facade's `Event.await()` when the flag is not set: a [FramelessOperation] that
 * waits on the event through a [Waiter]. `set()` schedules it; cancelling the owner (or the future)
 * withdraws the waiter and settles the future as cancelled, on the loop.
 */
internal class EventWaitCoroutine(owner: Owner, future: Future<Boolean>, private val event: Event) :
    FramelessOperation<Boolean>(owner, future, true) {
    private val waiter = Waiter().also { it.onWoken = Runnable { owner.core.callSoon(this) } }

    /** Starts waiting; if the flag was set meanwhile, the wait ends on the next loop iteration. */
    fun beginWaiting() {
        if (!event.enqueue(waiter)) {
            owner.core.callSoon(this)
            return
        }
        armed()
    }

    override fun disarm() {
        waiter.cancelUnlessWoken()
    }

    override fun beforeSettle() {
        event.leave(waiter)
    }
}

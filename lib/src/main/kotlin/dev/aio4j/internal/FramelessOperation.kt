package dev.aio4j.internal

import dev.aio4j.Future

/**
 * The work behind a facade operation that waits for one wake-up and runs no code of its own (`sleep`,
 * `Event.await`): a child job of its owner, with no coroutine frame, so a task parked on it costs a
 * few small objects. Its context is the job alone: nothing runs "in" it, so it needs no dispatcher.
 *
 * A subclass arms the wait ([armed]) and, when woken, schedules [run] on the loop. Cancelling the
 * owner (or the future) [disarm]s the wait and schedules [run] too; [run] settles the future once —
 * with [result] while still active, else with the cancellation — inside the owner, as a coroutine's
 * wake-up would.
 */
internal abstract class FramelessOperation<T>(owner: Owner, future: Future<T>, private val result: T) :
    FutureCoroutine<T>(owner.job, future, owner), Runnable {

    /** Set once the wait is armed; until then [onCancelling] (which can run inside the constructor) does nothing. */
    @Volatile private var waiting = false

    /** Loop-thread only: whether [run] has settled the operation. */
    private var finished = false

    /** Withdraws the armed wait after a cancellation (any thread). */
    protected abstract fun disarm()

    /** Runs on the loop just before the future settles, however the wait ended. */
    protected open fun beforeSettle() {}

    /** Marks the wait armed; a cancellation that raced with arming settles the operation now. */
    protected fun armed() {
        waiting = true
        if (!isActive) onCancelling(getCancellationException())
    }

    override fun onCancelling(cause: Throwable?) {
        if (cause == null || !waiting) return
        disarm()
        owner.core.callSoon(this)
    }

    override fun run() {
        if (finished) return
        finished = true
        beforeSettle()
        owner.runAsCurrent {
            resumeWith(if (isActive) Result.success(result) else Result.failure(getCancellationException()))
        }
    }
}

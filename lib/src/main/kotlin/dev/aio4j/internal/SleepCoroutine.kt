package dev.aio4j.internal

import dev.aio4j.Future
import java.time.Duration

/**
 * The work behind the facade's `sleep`: a child job of its owner and a loop timer, with no coroutine
 * frame, so a task that sleeps costs a few small objects. Cancelling the owner (or the future) cancels
 * the sleep, which then settles as cancelled on the loop.
 *
 * Its context is the job alone: no code runs "in" a sleep, so it needs no dispatcher of its own.
 */
internal class SleepCoroutine<T>(owner: Owner, future: Future<T>, private val result: T) :
    FutureCoroutine<T>(owner.job, future, owner), Runnable {
    private var timer: Timer? = null

    /** Set once scheduled; until then [onCancelling] (which can run inside the constructor) does nothing. */
    @Volatile private var scheduled = false

    /** Loop-thread only: whether [run] has settled the sleep. */
    private var finished = false

    /** Starts the sleep: zero or a negative [delay] yields to the loop once, as `asyncio.sleep(0)`. */
    fun schedule(delay: Duration) {
        val core = owner.core
        if (!isActive) {
            core.callSoon(this)
        } else if (delay.isNegative || delay.isZero) {
            core.callSoon(this)
        } else {
            timer = core.schedule(core.deadlineAfter(delay), this)
        }
        scheduled = true
        // A cancellation that raced with scheduling: make sure the sleep settles now.
        if (!isActive) onCancelling(getCancellationException())
    }

    override fun onCancelling(cause: Throwable?) {
        if (cause == null || !scheduled) return
        timer?.dispose()
        owner.core.callSoon(this)
    }

    override fun run() {
        if (finished) return
        finished = true
        // Callbacks of the sleep's future run inside its owner, as they would after a coroutine's wake-up.
        owner.runAsCurrent {
            resumeWith(if (isActive) Result.success(result) else Result.failure(getCancellationException()))
        }
    }
}

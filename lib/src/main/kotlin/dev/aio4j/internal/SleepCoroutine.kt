package dev.aio4j.internal

import dev.aio4j.Future
import java.time.Duration

/**
 * The work behind the facade's `sleep`: a [FramelessOperation] woken by a loop timer. Cancelling the
 * owner (or the future) cancels the sleep, which then settles as cancelled on the loop.
 */
internal class SleepCoroutine<T>(owner: Owner, future: Future<T>, result: T) :
    FramelessOperation<T>(owner, future, result) {
    private var timer: Timer? = null

    /** Starts the sleep: zero or a negative [delay] yields to the loop once, as `asyncio.sleep(0)`. */
    fun schedule(delay: Duration) {
        val core = owner.core
        if (!isActive || delay.isNegative || delay.isZero) {
            core.callSoon(this)
        } else {
            timer = core.schedule(core.deadlineAfter(delay), this)
        }
        armed()
    }

    override fun disarm() {
        timer?.dispose()
    }
}

package dev.aio4j.internal

import kotlinx.coroutines.DisposableHandle

/** A scheduled callback of a [LoopCore]. Cancelling only marks it; the loop drops it when it surfaces. */
internal class Timer(
    @JvmField val deadline: Long,
    @JvmField val seq: Long,
    @JvmField val action: Runnable,
    private val core: LoopCore,
) : Comparable<Timer>, DisposableHandle {
    @Volatile @JvmField var cancelled: Boolean = false

    override fun compareTo(other: Timer): Int =
        if (deadline != other.deadline) deadline.compareTo(other.deadline) else seq.compareTo(other.seq)

    override fun dispose() {
        if (!cancelled) {
            cancelled = true
            core.timerCancelled()
        }
    }
}

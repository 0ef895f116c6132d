package dev.aio4j.internal

/**
 * The one thread an [LoopCore] runs on. It carries the owner of the code running right now, so that
 * finding "the current task" is a field read rather than a thread-local lookup.
 */
internal class LoopThread(val core: LoopCore, name: String) : Thread(name) {
    /** Guarded by: only this thread reads and writes it. */
    @JvmField var owner: Owner? = null

    init { isDaemon = true }

    override fun run() = core.loopMain()
}

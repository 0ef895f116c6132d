package dev.aio4j.internal

import dev.aio4j.LoopReport
import java.time.Duration

/**
 * Debug mode's watchdog (DESIGN.md, decision 9): times every callback the loop runs and, while one
 * holds the loop thread longer than the threshold, reports it once with the thread's stack — the
 * stack is taken while the culprit still runs, which is what makes the report useful.
 */
internal class DebugMonitor(private val core: LoopCore, @Volatile var thresholdNanos: Long) {
    @Volatile private var stopped = false
    /** The callback reported last; claimed by compare-and-set so the watchdog and [timed] report it once. */
    private val reportedSeq = java.util.concurrent.atomic.AtomicLong(-1L)
    private var seq = 0L

    private val watchdog = Thread({ watch() }, "${core.thread.name}-debug-watchdog").apply { isDaemon = true }

    fun start() = watchdog.start()

    fun stop() {
        stopped = true
        watchdog.interrupt()
    }

    inline fun timed(callback: Runnable, body: () -> Unit) {
        val mySeq = ++seq
        val start = System.nanoTime()
        core.runningSeq = mySeq
        core.runningSince = start
        try {
            body()
        } finally {
            core.runningSince = 0L
            val took = System.nanoTime() - start
            if (took > thresholdNanos && claim(mySeq)) report(took, callback, null, stillRunning = false)
        }
    }

    private fun watch() {
        while (!stopped) {
            try {
                Thread.sleep((thresholdNanos / 4_000_000L).coerceIn(1L, 1_000L))
            } catch (_: InterruptedException) {
                return
            }
            val since = core.runningSince
            val running = core.runningSeq
            if (since == 0L || running == reportedSeq.get()) continue
            val took = System.nanoTime() - since
            if (took > thresholdNanos) {
                val stack = core.thread.stackTrace
                if (core.runningSince == since && claim(running)) report(took, null, stack, stillRunning = true)
            }
        }
    }

    private fun claim(callbackSeq: Long): Boolean {
        val previous = reportedSeq.get()
        return previous != callbackSeq && reportedSeq.compareAndSet(previous, callbackSeq)
    }

    private fun report(tookNanos: Long, callback: Runnable?, stack: Array<StackTraceElement>?, stillRunning: Boolean) {
        val task = core.thread.owner?.task
        val what = task?.toString() ?: callback?.toString() ?: "a callback"
        val seconds = "%.3f".format(tookNanos / 1e9)
        val message = if (stillRunning) {
            "$what has held the event loop for $seconds seconds (slow callback threshold " +
                "${Duration.ofNanos(thresholdNanos).toMillis()} ms); it is still running"
        } else {
            "Executing $what took $seconds seconds"
        }
        core.loop.report(LoopReport(LoopReport.Kind.SLOW_CALLBACK, message, null, task, stack?.toList() ?: emptyList()))
    }
}

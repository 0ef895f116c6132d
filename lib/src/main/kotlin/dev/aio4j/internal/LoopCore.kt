package dev.aio4j.internal

import dev.aio4j.EventLoop
import kotlinx.coroutines.CancellableContinuation
import kotlinx.coroutines.CoroutineDispatcher
import kotlinx.coroutines.CoroutineExceptionHandler
import kotlinx.coroutines.CoroutineName
import kotlinx.coroutines.Delay
import kotlinx.coroutines.DisposableHandle
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.ExperimentalCoroutinesApi
import kotlinx.coroutines.InternalCoroutinesApi
import kotlinx.coroutines.SupervisorJob
import kotlinx.coroutines.cancel
import kotlinx.coroutines.disposeOnCancellation
import java.util.ArrayDeque
import java.util.PriorityQueue
import java.util.concurrent.ConcurrentLinkedQueue
import java.util.concurrent.atomic.AtomicInteger
import java.util.concurrent.locks.LockSupport
import kotlin.coroutines.CoroutineContext

/**
 * The event loop itself: one thread, a FIFO ready queue, a timer heap and a clock.
 *
 * Threading: [ready] and [timers] are touched only by [thread]; other threads hand work over through
 * [inbox] and wake the thread with `unpark`. One iteration ([runOnce]) moves the inbox and every due
 * timer to the ready queue, then runs exactly the callbacks that were ready when it started — as
 * asyncio's `_run_once` does, so a callback scheduled by a callback runs in the next iteration.
 *
 * With [virtualTime] the clock does not follow the wall: when nothing is ready and no foreign work
 * ([foreignInFlight], e.g. `toThread`) is outstanding, the clock jumps to the next timer (Trio's
 * autojumping MockClock), so timing-heavy tests run in no real time and deterministically.
 */
@OptIn(InternalCoroutinesApi::class, ExperimentalCoroutinesApi::class)
internal class LoopCore(name: String, val virtualTime: Boolean) : CoroutineDispatcher(), Delay {
    lateinit var loop: EventLoop

    val thread = LoopThread(this, name)
    private val ready = ArrayDeque<Runnable>()
    private val inbox = ConcurrentLinkedQueue<Runnable>()
    private val timers = PriorityQueue<Timer>()
    private val timerSeq = java.util.concurrent.atomic.AtomicLong()
    private val cancelledTimers = AtomicInteger()
    val foreignInFlight = AtomicInteger()

    @Volatile private var virtualNanos = 0L
    @Volatile var closing = false
        private set
    @Volatile var finished = false
        private set

    /** The parent of every task; cancelling it is how `close()` and `Asyncio.run` end all work. */
    val rootJob = SupervisorJob()
    val baseContext: CoroutineContext =
        this + CoroutineName(name) + OwnerSwitch + CoroutineExceptionHandler { _, e -> loop.reportUnhandled(e) }
    val rootOwner: Owner = ScopeOwner(this, null, rootJob)

    /**
     * The loop's shared futures for operations that finished without waiting and have no value of their
     * own: a queue `put` (null), a lock or semaphore `acquire` and an `Event.wait` (true). A done aio4j
     * `Future` cannot change any more (obtruding is unsupported), so one per loop serves every such call
     * and a producer that never waits allocates none (DESIGN-NOTES, decision 35).
     */
    val doneWithNull: dev.aio4j.Future<Void?> = settledFuture(null)
    val doneWithTrue: dev.aio4j.Future<Boolean> = settledFuture(true)


    /** Debug support: what the loop runs right now, for the slow-callback watchdog. */
    @Volatile var runningSince = 0L
    @Volatile var runningSeq = 0L
    var debug: DebugMonitor? = null

    fun start() = thread.start()

    fun isLoopThread(): Boolean = Thread.currentThread() === thread

    /** Loop time in nanoseconds: monotonic, arbitrary origin (0 for a virtual clock). */
    fun now(): Long = if (virtualTime) virtualNanos else System.nanoTime()

    // ---- scheduling ------------------------------------------------------------------------------

    override fun dispatch(context: CoroutineContext, block: Runnable) {
        if (Thread.currentThread() === thread) {
            ready.addLast(block)
        } else if (!finished) {
            enqueueForeign(block)
        } else {
            // The loop is gone: let the coroutine see a cancellation and finish somewhere.
            context.cancel(java.util.concurrent.CancellationException("the event loop is closed"))
            Dispatchers.IO.dispatch(context, block)
        }
    }

    fun callSoon(block: Runnable) {
        if (Thread.currentThread() === thread) ready.addLast(block) else enqueueForeign(block)
    }

    private fun enqueueForeign(block: Runnable) {
        inbox.add(block)
        LockSupport.unpark(thread)
    }

    fun schedule(deadline: Long, action: Runnable): Timer {
        val timer = Timer(deadline, timerSeq.getAndIncrement(), action, this)
        if (Thread.currentThread() === thread) timers.add(timer) else enqueueForeign { timers.add(timer) }
        return timer
    }

    override fun scheduleResumeAfterDelay(timeMillis: Long, continuation: CancellableContinuation<Unit>) {
        val timer = schedule(deadlineAfterMillis(timeMillis)) { with(continuation) { resumeUndispatched(Unit) } }
        continuation.disposeOnCancellation(timer)
    }

    override fun invokeOnTimeout(timeMillis: Long, block: Runnable, context: CoroutineContext): DisposableHandle =
        schedule(deadlineAfterMillis(timeMillis), block)

    /** The loop time [delay] from now, saturated far in the future for huge delays. */
    fun deadlineAfter(delay: java.time.Duration): Long {
        val nanos = try { delay.toNanos() } catch (_: ArithmeticException) { Long.MAX_VALUE }
        return now() + nanos.coerceAtMost(Long.MAX_VALUE / 4)
    }

    private fun deadlineAfterMillis(timeMillis: Long): Long =
        now() + if (timeMillis >= Long.MAX_VALUE / 1_000_000L) Long.MAX_VALUE / 4 else timeMillis * 1_000_000L

    fun timerCancelled() {
        cancelledTimers.incrementAndGet()
    }

    // ---- the loop ---------------------------------------------------------------------------------

    fun loopMain() {
        try {
            while (true) {
                if (closing && ready.isEmpty() && inbox.isEmpty()) break
                runOnce()
            }
        } finally {
            finished = true
            debug?.stop()
        }
    }

    private fun runOnce() {
        drainInbox()
        purgeCancelledTimers()
        if (ready.isEmpty()) waitForWork()
        drainInbox()
        val now = now()
        while (true) {
            val head = timers.peek() ?: break
            if (head.cancelled) { timers.poll(); cancelledTimers.decrementAndGet(); continue }
            if (head.deadline > now) break
            timers.poll()
            ready.addLast(head.action)
        }
        var n = ready.size
        val monitor = debug
        while (n-- > 0) {
            val task = ready.pollFirst() ?: break
            if (monitor == null) runCallback(task) else monitor.timed(task) { runCallback(task) }
        }
    }

    private fun runCallback(task: Runnable) {
        try {
            task.run()
        } catch (e: Throwable) {
            loop.reportCallbackError(e, task)
        }
    }

    private fun drainInbox() {
        while (true) ready.addLast(inbox.poll() ?: return)
    }

    private fun waitForWork() {
        while (inbox.isEmpty() && !closing) {
            val head = timers.peek()
            if (head != null && head.cancelled) { timers.poll(); cancelledTimers.decrementAndGet(); continue }
            if (head == null) {
                LockSupport.park(this)
                return
            }
            val now = now()
            if (head.deadline <= now) return
            if (virtualTime) {
                if (foreignInFlight.get() == 0) {
                    virtualNanos = head.deadline
                    return
                }
                LockSupport.park(this)
                return
            }
            LockSupport.parkNanos(this, head.deadline - now)
            return
        }
    }

    /** Drops cancelled timers once they are more than half the heap, as asyncio does. */
    private fun purgeCancelledTimers() {
        val cancelled = cancelledTimers.get()
        if (cancelled > 64 && cancelled * 2 > timers.size) {
            timers.removeIf { it.cancelled }
            cancelledTimers.set(0)
        }
    }

    fun wakeUp() {
        LockSupport.unpark(thread)
    }

    fun beginClose() {
        closing = true
        LockSupport.unpark(thread)
    }

    fun pendingTimers(): Int = timers.count { !it.cancelled }

    override fun toString(): String = thread.name
}

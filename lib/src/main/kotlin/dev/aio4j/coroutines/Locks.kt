package dev.aio4j.coroutines

import dev.aio4j.BrokenBarrierError
import dev.aio4j.internal.Waiter
import dev.aio4j.internal.acquireOrWait
import dev.aio4j.internal.awaitThenLeave
import dev.aio4j.internal.resumeAll
import kotlinx.coroutines.NonCancellable
import kotlinx.coroutines.currentCoroutineContext
import kotlinx.coroutines.ensureActive
import kotlinx.coroutines.withContext

/*
 * asyncio's synchronization primitives (Lock, Semaphore, BoundedSemaphore, Event, Condition, Barrier) as
 * suspend classes, ported from CPython's `asyncio/locks.py` step by step so that the observable order of
 * events is CPython's (DESIGN.md, decision 8):
 * - what is ready continues without suspending (a free lock, a free permit, a set event);
 * - waking a waiter only schedules it on its dispatcher, never runs it inside `release`/`set`/`notify`;
 * - waiters are served first in, first out; a waiter cancelled while waiting takes nothing, and one
 *   woken and cancelled before it ran passes its wake-up on.
 *
 * Threading: meant for one event loop thread, as in asyncio, but every method is safe to call from
 * any thread (state is guarded by each primitive's monitor; coroutines are resumed outside of it).
 */

/**
 * asyncio's `Lock`: a mutual-exclusion lock for coroutines. Not reentrant, not owned: any coroutine may
 * [release] it. Waiters acquire it in FIFO order.
 *
 * Like Python's `asyncio.Lock`; unlike kotlinx's `Mutex`, a released lock is not handed over: [locked]
 * is false until the woken waiter runs, though the waiter at the head keeps newcomers out.
 *
 * ```kotlin
 * val lock = Lock()
 * lock.withLock { balance += 1 }
 * ```
 */
public class Lock {
    private val guard = Any()
    private var locked = false // Guarded by guard.
    private val waiters = ArrayDeque<Waiter>() // Guarded by guard.

    /** Whether the lock is held. */
    public fun locked(): Boolean = synchronized(guard) { locked }

    /** [acquire]'s path that needs no waiting: true if the lock was free and taken now. */
    internal fun tryAcquireAtOnce(): Boolean = synchronized(guard) { takeIfFreeLocked() }

    private fun takeIfFreeLocked(): Boolean {
        if (locked || !waiters.all { it.isCancelled }) return false
        locked = true
        return true
    }

    /**
     * Acquires the lock: at once, without suspending, if it is free and nobody waits; else waits its
     * turn. Returns true, as asyncio does. If cancelled while waiting, the lock is not taken.
     */
    public suspend fun acquire(): Boolean {
        if (tryAcquireAtOnce()) return true
        return acquireWaiting()
    }

    private suspend fun acquireWaiting(): Boolean {
        Waiter().acquireOrWait(::acquireOrEnqueue, ::endWait)
        return true
    }

    /** For a waiter that may have no coroutine behind it: takes the lock now (true) or queues [waiter] (false). */
    internal fun acquireOrEnqueue(waiter: Waiter): Boolean = synchronized(guard) {
        if (takeIfFreeLocked()) return true
        waiters.addLast(waiter)
        false
    }

    /**
     * [waiter]'s wait ended: it holds the lock now ([acquired]: it was woken and runs), or it takes
     * nothing and, if the lock is free, the first waiter is scheduled (keeping the invariant: a free
     * lock with waiters has its first waiter scheduled).
     */
    internal fun endWait(waiter: Waiter, acquired: Boolean) {
        val next = synchronized(guard) {
            waiters.remove(waiter)
            if (acquired) {
                locked = true
                null
            } else if (!locked) {
                wakeUpFirst()
            } else {
                null
            }
        }
        next?.resume()
    }

    /**
     * Releases the lock and schedules the first waiter, if any (it runs later, not inside this call).
     * `IllegalStateException("Lock is not acquired")` if the lock is free (asyncio's `RuntimeError`).
     */
    public fun release() {
        val next = synchronized(guard) {
            check(locked) { "Lock is not acquired" }
            locked = false
            wakeUpFirst()
        }
        next?.resume()
    }

    private fun wakeUpFirst(): Waiter? {
        val first = waiters.firstOrNull() ?: return null
        return if (first.markWoken()) first else null
    }

    /** Number of coroutines waiting (for tests and `toString`). */
    internal fun waiterCount(): Int = synchronized(guard) { waiters.size }

    override fun toString(): String = synchronized(guard) {
        "<Lock [${if (locked) "locked" else "unlocked"}${if (waiters.isEmpty()) "" else ", waiters:${waiters.size}"}]>"
    }
}

/**
 * asyncio's `async with lock`: runs [action] holding the lock and releases it however [action] ends —
 * with a value, an exception or a cancellation.
 */
public suspend inline fun <T> Lock.withLock(action: () -> T): T {
    acquire()
    try {
        return action()
    } finally {
        release()
    }
}

/**
 * asyncio's `Semaphore`: [value] permits; [acquire] takes one (waiting, FIFO, while none is free) and
 * [release] gives one back. Unlike kotlinx's `Semaphore`, releasing more than was acquired is allowed
 * and raises the count, as in asyncio; use [BoundedSemaphore] to forbid it.
 *
 * A released permit goes to the first waiter at once (it cannot be taken by a newcomer in between); if
 * that waiter is cancelled before it runs, the permit passes on. `IllegalArgumentException` for a
 * negative [value] (asyncio's `ValueError`).
 *
 * ```kotlin
 * val sem = Semaphore(3)
 * sem.withPermit { download(url) }
 * ```
 */
public open class Semaphore private constructor(value: Int, private val bound: Int) {
    /** A semaphore with [value] permits (1 by default). */
    public constructor(value: Int = 1) : this(value, Int.MAX_VALUE)

    internal constructor(value: Int, bounded: Boolean) : this(value, if (bounded) value else Int.MAX_VALUE)

    private val guard = Any()
    private var count = value // Guarded by guard.

    /** Waiters not woken yet, in arrival order (cancelled ones until they leave). Guarded by guard. */
    private val waiters = ArrayDeque<Waiter>()

    /**
     * Waiters handed a permit that have not run yet. asyncio keeps them in `_waiters` until they run,
     * so they still make the semaphore [locked]; counting them instead keeps every step O(1) (a woken
     * waiter leaves the deque at once). Guarded by guard.
     */
    private var wokenNotRun = 0

    init {
        require(value >= 0) { "Semaphore initial value must be >= 0, was $value" }
    }

    /** The number of free permits (asyncio's `_value`). */
    internal val value: Int get() = synchronized(guard) { count }

    internal fun waiterCount(): Int = synchronized(guard) { waiters.size + wokenNotRun }

    /** True if [acquire] would wait: no permit is free, or earlier waiters must be served first. */
    public fun locked(): Boolean = synchronized(guard) { lockedNow() }

    private fun lockedNow(): Boolean = count == 0 || wokenNotRun > 0 || waiters.any { !it.isCancelled }

    /** [acquire]'s path that needs no waiting: true if a permit was free and taken now. */
    internal fun tryAcquireAtOnce(): Boolean = synchronized(guard) {
        if (!lockedNow()) {
            count--
            true
        } else {
            false
        }
    }

    /**
     * Takes a permit: at once, without suspending, if one is free and nobody waits; else waits its
     * turn. Returns true. A waiter cancelled before or after it was handed a permit keeps none.
     */
    public suspend fun acquire(): Boolean {
        // A plain call first and a tail call after: an acquire that does not wait allocates no continuation.
        if (tryAcquireAtOnce()) return true
        return acquireWaiting()
    }

    private suspend fun acquireWaiting(): Boolean {
        Waiter().acquireOrWait(::acquireOrEnqueue, ::endWait)
        return true
    }

    /** For a waiter that may have no coroutine behind it: takes a free permit now (true) or queues [waiter] (false). */
    internal fun acquireOrEnqueue(waiter: Waiter): Boolean = synchronized(guard) {
        if (!lockedNow()) {
            count--
            return true
        }
        waiter.queued = true
        waiters.addLast(waiter)
        false
    }

    /**
     * [waiter]'s wait ended: it runs holding the permit it was handed ([acquired]), or it takes nothing —
     * if it was handed a permit before it was cancelled, the permit goes back. Then, as waiters that
     * arrived while permits were free had to queue (FIFO), as many are woken as permits allow.
     */
    internal fun endWait(waiter: Waiter, acquired: Boolean) {
        var next = synchronized(guard) {
            if (acquired) {
                wokenNotRun--
            } else if (waiter.isWoken) {
                wokenNotRun--
                count++
            } else if (waiter.queued) {
                waiter.queued = false
                waiters.remove(waiter)
            }
            if (count > 0) wakeUpNext() else null
        }
        while (next != null) {
            next.resume()
            next = synchronized(guard) { if (count > 0) wakeUpNext() else null }
        }
    }

    /**
     * Gives a permit back and schedules the first waiter, if any. For a [BoundedSemaphore],
     * `IllegalArgumentException` if that would exceed the initial value.
     */
    public fun release() {
        val next = synchronized(guard) {
            require(count < bound) { "BoundedSemaphore released too many times" }
            count++
            wakeUpNext()
        }
        next?.resume()
    }

    /**
     * Hands a permit to the first waiter that is not done yet, taking it off the deque (and the
     * cancelled ones before it); it is resumed by the caller.
     */
    private fun wakeUpNext(): Waiter? {
        while (true) {
            val w = waiters.removeFirstOrNull() ?: return null
            w.queued = false
            if (w.markWoken()) {
                count--
                wokenNotRun++
                return w
            }
        }
    }

    override fun toString(): String = synchronized(guard) {
        val state = if (lockedNow()) "locked" else "unlocked, value:$count"
        val queued = waiters.size + wokenNotRun
        "<${javaClass.simpleName} [$state${if (queued == 0) "" else ", waiters:$queued"}]>"
    }
}

/**
 * asyncio's `BoundedSemaphore`: a [Semaphore] whose [release] fails with `IllegalArgumentException`
 * (asyncio's `ValueError`) when it would raise the count above the initial [value].
 *
 * ```kotlin
 * val pool = BoundedSemaphore(2)
 * pool.withPermit { query() }
 * ```
 */
public class BoundedSemaphore(value: Int = 1) : Semaphore(value, bounded = true)

/** asyncio's `async with semaphore`: runs [action] holding a permit and gives it back however it ends. */
public suspend inline fun <T> Semaphore.withPermit(action: () -> T): T {
    acquire()
    try {
        return action()
    } finally {
        release()
    }
}

/**
 * asyncio's `Event`: a flag that coroutines can [wait] for. [set] wakes every waiter (schedules them;
 * none runs inside [set]); [clear] resets the flag. A waiter woken by [set] returns even if the flag
 * was cleared again before it ran, as in asyncio.
 *
 * ```kotlin
 * val ready = Event()
 * launch { ready.wait(); println("go") }
 * ready.set()
 * ```
 */
public class Event {
    private val guard = Any()
    private var value = false // Guarded by guard.
    private val waiters = ArrayDeque<Waiter>() // Guarded by guard.

    /** Whether the flag is set (asyncio's `is_set`). */
    public fun isSet(): Boolean = synchronized(guard) { value }

    /** Sets the flag and schedules every waiter. */
    public fun set() {
        val woken = synchronized(guard) {
            if (value) return
            value = true
            waiters.filter { it.markWoken() }
        }
        resumeAll(woken)
    }

    /** Resets the flag; later [wait] calls wait until [set] is called again. */
    public fun clear() {
        synchronized(guard) { value = false }
    }

    /** Returns true at once, without suspending, if the flag is set; else waits for [set]. */
    public suspend fun wait(): Boolean {
        val waiter = synchronized(guard) {
            if (value) return true
            Waiter().also { waiters.addLast(it) }
        }
        waiter.awaitThenLeave(guard, waiters)
        return true
    }

    /** Queues [waiter] (one with no coroutine) unless the flag is set; false if it is set already. */
    internal fun enqueue(waiter: Waiter): Boolean = synchronized(guard) {
        if (value) return false
        waiters.addLast(waiter)
        true
    }

    /** Takes [waiter] off the queue, however its wait ended. */
    internal fun leave(waiter: Waiter) {
        synchronized(guard) { waiters.remove(waiter) }
    }

    internal fun waiterCount(): Int = synchronized(guard) { waiters.size }

    override fun toString(): String = synchronized(guard) {
        "<Event [${if (value) "set" else "unset"}${if (waiters.isEmpty()) "" else ", waiters:${waiters.size}"}]>"
    }
}

/**
 * asyncio's `Condition`: lets coroutines holding [lock] [wait] until another one notifies them.
 * [wait] releases the lock while waiting and re-acquires it before returning — even when cancelled, so a
 * cancelled waiter still leaves holding the lock. A notified waiter that is cancelled, or fails to
 * return for any reason, passes the notification on (possibly a spurious wake-up, which the protocol
 * allows: re-check with [waitFor]).
 *
 * `notify()`/`notifyAll()` keep asyncio's names in Kotlin; on the JVM `notifyAll` is named
 * `notifyAllWaiters` because `Object.notifyAll()` is final.
 *
 * ```kotlin
 * cond.withLock { cond.waitFor { queue.isNotEmpty() }; queue.removeFirst() }
 * ```
 */
public class Condition(
    /** The lock this condition uses; a new one by default. */
    public val lock: Lock = Lock(),
) {
    private val guard = Any()
    private val waiters = ArrayDeque<Waiter>() // Guarded by guard.

    /** Whether [lock] is held. */
    public fun locked(): Boolean = lock.locked()

    /** Acquires [lock]. */
    public suspend fun acquire(): Boolean = lock.acquire()

    /** Releases [lock]. */
    public fun release(): Unit = lock.release()

    /**
     * Releases the lock, waits until notified, re-acquires the lock and returns true.
     * `IllegalStateException` if the lock is not held (asyncio's `RuntimeError`). If cancelled, the lock
     * is still re-acquired before the cancellation propagates.
     */
    public suspend fun wait(): Boolean {
        check(locked()) { "cannot wait on un-acquired lock" }
        val waiter = Waiter()
        release()
        try {
            try {
                synchronized(guard) { waiters.addLast(waiter) }
                waiter.awaitThenLeave(guard, waiters)
                return true
            } finally {
                // Must re-acquire the lock even if cancelled (Kotlin's cancellation is sticky, hence
                // NonCancellable), then let a cancellation that arrived meanwhile propagate.
                withContext(NonCancellable) { lock.acquire() }
                currentCoroutineContext().ensureActive()
            }
        } catch (e: Throwable) {
            // We may have been notified already: pass it on rather than lose it.
            notifyWaiters(1)
            throw e
        }
    }

    /**
     * Waits until [predicate] is true and returns true; the predicate is checked first (so a true one
     * needs no lock), then after each wake-up, with the lock held.
     */
    public suspend fun waitFor(predicate: () -> Boolean): Boolean {
        var result = predicate()
        while (!result) {
            wait()
            result = predicate()
        }
        return result
    }

    /**
     * Wakes up to [n] waiters (they return from [wait] once they re-acquired the lock).
     * `IllegalStateException` if the lock is not held.
     */
    public fun notify(n: Int = 1) {
        check(locked()) { "cannot notify on un-acquired lock" }
        notifyWaiters(n)
    }

    /** Wakes every waiter; `IllegalStateException` if the lock is not held. */
    @JvmName("notifyAllWaiters")
    public fun notifyAll() {
        notify(synchronized(guard) { waiters.size })
    }

    private fun notifyWaiters(n: Int) {
        val woken = synchronized(guard) {
            val list = ArrayList<Waiter>()
            for (w in waiters) {
                if (list.size >= n) break
                if (w.markWoken()) list += w
            }
            list
        }
        resumeAll(woken)
    }

    internal fun waiterCount(): Int = synchronized(guard) { waiters.size }

    override fun toString(): String {
        val n = waiterCount()
        return "<Condition [${if (locked()) "locked" else "unlocked"}${if (n == 0) "" else ", waiters:$n"}]>"
    }
}

/**
 * asyncio's `Condition` usage `async with cond`: runs [action] holding the condition's lock.
 */
public suspend inline fun <T> Condition.withLock(action: () -> T): T = lock.withLock(action)

/**
 * asyncio's `Barrier`: [parties] coroutines [wait] until all of them arrived, then all continue; each
 * gets its arrival index (0 … parties-1). The barrier is then reusable. [reset] sends the waiting
 * coroutines a [BrokenBarrierError] and starts over; [abort] breaks the barrier for good: every current
 * and future [wait] fails with [BrokenBarrierError]. `IllegalArgumentException` if [parties] < 1.
 *
 * ```kotlin
 * val barrier = Barrier(3)
 * repeat(3) { launch { val i = barrier.wait(); println("passed as $i") } }
 * ```
 */
public class Barrier(public val parties: Int) {
    private enum class State { FILLING, DRAINING, RESETTING, BROKEN }

    init {
        require(parties >= 1) { "parties must be >= 1, was $parties" }
    }

    private val cond = Condition() // Notifies every waiter when the state changes; guards the fields.
    @Volatile private var state = State.FILLING // Written holding cond's lock.
    @Volatile private var count = 0 // Written holding cond's lock.

    /**
     * Waits until [parties] coroutines are waiting and returns this one's arrival index. Fails with
     * [BrokenBarrierError] if the barrier is broken or reset while waiting. A waiter cancelled while
     * filling leaves without breaking the barrier.
     */
    public suspend fun wait(): Int = cond.withLock {
        block()
        val index = count
        count++
        try {
            if (index + 1 == parties) {
                state = State.DRAINING
                cond.notifyAll()
            } else {
                waitForRelease()
            }
            index
        } finally {
            count--
            exit()
        }
    }

    // Waits while the barrier drains or resets; fails if it is broken.
    private suspend fun block() {
        cond.waitFor { state != State.DRAINING && state != State.RESETTING }
        if (state == State.BROKEN) throw BrokenBarrierError("Barrier aborted")
    }

    private suspend fun waitForRelease() {
        cond.waitFor { state != State.FILLING }
        if (state == State.BROKEN || state == State.RESETTING) throw BrokenBarrierError("Abort or reset of barrier")
    }

    // The last one out lets blocked newcomers in.
    private fun exit() {
        if (count == 0) {
            if (state == State.RESETTING || state == State.DRAINING) state = State.FILLING
            cond.notifyAll()
        }
    }

    /** Returns the barrier to its empty state; coroutines waiting on it fail with [BrokenBarrierError]. */
    public suspend fun reset() {
        cond.withLock {
            if (count > 0) {
                if (state != State.RESETTING) state = State.RESETTING
            } else {
                state = State.FILLING
            }
            cond.notifyAll()
        }
    }

    /** Breaks the barrier: current and future [wait] calls fail with [BrokenBarrierError]. */
    public suspend fun abort() {
        cond.withLock {
            state = State.BROKEN
            cond.notifyAll()
        }
    }

    /** The number of coroutines waiting while the barrier fills (asyncio's `n_waiting`). */
    public val nWaiting: Int get() = if (state == State.FILLING) count else 0

    /** Tasks inside the barrier, filling or draining (asyncio's `_count`, for tests). */
    internal val countInside: Int get() = count

    /** Whether the barrier is broken (asyncio's `broken`). */
    public val broken: Boolean get() = state == State.BROKEN

    override fun toString(): String {
        val extra = if (state == State.FILLING) ", waiters:$count/$parties" else ""
        return "<Barrier [${state.name.lowercase()}$extra]>"
    }
}

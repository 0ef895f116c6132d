package dev.aio4j.coroutines

import dev.aio4j.QueueEmpty
import dev.aio4j.QueueFull
import dev.aio4j.QueueShutDown
import dev.aio4j.internal.NO_ITEM
import dev.aio4j.internal.Waiter
import dev.aio4j.internal.awaitThenLeave
import dev.aio4j.internal.resumeAll

/*
 * asyncio's queues (Queue, PriorityQueue, LifoQueue) as suspend classes, ported from CPython 3.13's
 * `asyncio/queues.py` step by step, with the waiting rules of Locks.kt (DESIGN.md, decision 8):
 * - a put on a queue that is not full, a get on one that is not empty, continue without suspending;
 * - waking a waiter only schedules it; it takes its item (or frees its slot) when it runs, so a getter
 *   cancelled while waiting — even after it was woken — never swallows an item, and a putter
 *   cancelled while waiting never inserts one; its wake-up passes to the next waiter;
 * - waiters are woken first in, first out.
 *
 * Threading: meant for one event loop thread, as in asyncio, but every method is safe to call from
 * any thread (state is guarded by each queue's monitor; coroutines are resumed outside of it).
 */

/**
 * asyncio's `Queue`: a first in, first out queue for coroutines. [put] waits while the queue is full,
 * [get] while it is empty; [taskDone] and [join] let a producer wait until every item was processed;
 * [shutdown] (Python 3.13) ends it. [maxsize] 0 (the default) means unbounded; a negative one is an
 * `IllegalArgumentException`.
 *
 * Not built on a kotlinx `Channel`: a channel hands an element to a receiver when it is sent, so a
 * receiver cancelled after that loses it (or needs `onUndeliveredElement`, which drops it from the
 * order), and it has no `qsize`/`getNowait` peeking, priority/LIFO order, `taskDone`/`join` or asyncio's
 * shutdown; here the storage and the FIFO waiter lists are the queue's own, as in asyncio.
 *
 * ```kotlin
 * val queue = Queue<String>(maxsize = 10)
 * launch { while (true) { val url = queue.get(); fetch(url); queue.taskDone() } }
 * urls.forEach { queue.put(it) }
 * queue.join()
 * ```
 */
public open class Queue<T> internal constructor(maxsize: Int, private val storage: Storage<T>) {
    /** A FIFO queue holding at most [maxsize] items; 0 (the default) means unbounded. */
    public constructor(maxsize: Int = 0) : this(maxsize, FifoStorage())

    /** The most items the queue holds; 0 means unbounded. */
    public val maxsize: Int = maxsize

    private val name = storage.kind
    private val guard = Any()
    private val getters = ArrayDeque<Waiter>() // Guarded by guard.
    private val putters = ArrayDeque<Waiter>() // Guarded by guard.
    private val joiners = ArrayDeque<Waiter>() // Guarded by guard.
    private var unfinished = 0 // Guarded by guard.
    private var isShutdown = false // Guarded by guard.

    init {
        require(maxsize >= 0) { "maxsize must be >= 0, was $maxsize" }
    }

    /** The number of items in the queue. */
    public fun qsize(): Int = synchronized(guard) { storage.size }

    /** Whether the queue holds no item. */
    public fun empty(): Boolean = synchronized(guard) { storage.size == 0 }

    /** Whether the queue holds [maxsize] items (never for an unbounded queue). */
    public fun full(): Boolean = synchronized(guard) { fullNow() }

    private fun fullNow(): Boolean = maxsize > 0 && storage.size >= maxsize

    /**
     * Puts [item] into the queue: at once, without suspending, if there is room; else waits for a free
     * slot. Fails with [QueueShutDown] if the queue is (or, while waiting, gets) shut down. If cancelled
     * while waiting, [item] is not put.
     */
    public suspend fun put(item: T) {
        // The path that needs no waiting is a plain call; the suspend part is a tail call, so a put that
        // does not wait allocates no continuation (kotlinc makes no state machine for a tail call).
        if (tryPutAtOnce(item)) return
        return putWaiting(item)
    }

    private suspend fun putWaiting(item: T) {
        while (true) {
            var next: Waiter? = null
            val waiter = synchronized(guard) {
                if (!fullNow()) {
                    next = putLocked(item) // checks, inserts and wakes as one step: safe across threads
                    null
                } else {
                    if (isShutdown) throw QueueShutDown()
                    Waiter().also { putters.addLast(it) }
                }
            }
            if (waiter == null) {
                next?.resume()
                return
            }
            awaitTurn(waiter, putters)
        }
    }

    /**
     * Puts [item] without waiting. [QueueFull] if there is no free slot; [QueueShutDown] if the queue is
     * shut down. Schedules the first waiting getter.
     */
    public fun putNowait(item: T) {
        val next = synchronized(guard) { putLocked(item) }
        next?.resume()
    }

    /** asyncio's `put_nowait` under the monitor; returns the getter to resume once it is released. */
    private fun putLocked(item: T): Waiter? {
        if (isShutdown) throw QueueShutDown()
        if (fullNow()) throw QueueFull()
        storage.add(item)
        unfinished++
        return wakeUpNext(getters)
    }

    /**
     * Removes and returns an item: at once, without suspending, if there is one; else waits for one.
     * After [shutdown], the items left are still returned, then it fails with [QueueShutDown]. If
     * cancelled while waiting, no item is taken.
     */
    public suspend fun get(): T {
        val item = tryGetAtOnce() // as in put: no continuation unless it waits
        @Suppress("UNCHECKED_CAST")
        if (item !== NO_ITEM) return item as T
        return getWaiting()
    }

    private suspend fun getWaiting(): T {
        while (true) {
            var next: Waiter? = null
            var item: T? = null
            val waiter = synchronized(guard) {
                if (storage.size > 0) {
                    item = storage.remove() // takes and wakes as one step: safe across threads
                    next = wakeUpNext(putters)
                    null
                } else {
                    if (isShutdown) throw QueueShutDown()
                    Waiter().also { getters.addLast(it) }
                }
            }
            if (waiter == null) {
                next?.resume()
                @Suppress("UNCHECKED_CAST")
                return item as T
            }
            awaitTurn(waiter, getters)
        }
    }

    /** [put]'s path that needs no waiting: false (nothing done) if [put] would wait or fail. */
    internal fun tryPutAtOnce(item: T): Boolean {
        val next = synchronized(guard) {
            if (isShutdown || fullNow()) return false
            putLocked(item)
        }
        next?.resume()
        return true
    }

    /** [get]'s path that needs no waiting: the item, or [NO_ITEM] if [get] would wait or fail. */
    internal fun tryGetAtOnce(): Any? {
        val item: T
        val next = synchronized(guard) {
            if (storage.size == 0) return NO_ITEM
            item = storage.remove()
            wakeUpNext(putters)
        }
        next?.resume()
        return item
    }

    /**
     * Removes and returns an item without waiting. [QueueEmpty] if there is none ([QueueShutDown] if the
     * queue is also shut down). Schedules the first waiting putter.
     */
    public fun getNowait(): T {
        val item: T
        val next = synchronized(guard) {
            if (storage.size == 0) {
                if (isShutdown) throw QueueShutDown()
                throw QueueEmpty()
            }
            item = storage.remove()
            wakeUpNext(putters)
        }
        next?.resume()
        return item
    }

    /**
     * Tells the queue that an item taken with [get] was processed: when every item put so far was
     * marked done, [join] returns. `IllegalArgumentException("task_done() called too many times")` if
     * called more often than items were put (asyncio's `ValueError`).
     */
    public fun taskDone() {
        val woken = synchronized(guard) {
            require(unfinished > 0) { "task_done() called too many times" }
            unfinished--
            if (unfinished == 0) wakeAll(joiners) else emptyList()
        }
        resumeAll(woken)
    }

    /**
     * Waits until every item put into the queue was marked done with [taskDone]; returns at once,
     * without suspending, if none is unfinished.
     */
    public suspend fun join() {
        val waiter = synchronized(guard) {
            if (unfinished == 0) return
            Waiter().also { joiners.addLast(it) }
        }
        waiter.awaitThenLeave(guard, joiners)
    }

    /**
     * asyncio 3.13's `shutdown`: later [put]s fail with [QueueShutDown]; [get]s return the items left and
     * then fail with [QueueShutDown]. With [immediate], the items left are dropped and counted as done
     * (which may release [join]). Every waiting putter, and every getter that finds the queue empty,
     * fails with [QueueShutDown] when it runs.
     */
    public fun shutdown(immediate: Boolean = false) {
        val woken = synchronized(guard) {
            isShutdown = true
            val list = ArrayList<Waiter>()
            if (immediate) {
                while (storage.size > 0) {
                    storage.remove()
                    if (unfinished > 0) unfinished--
                }
                if (unfinished == 0) list += wakeAll(joiners)
            }
            list += wakeAll(getters)
            list += wakeAll(putters)
            list
        }
        resumeAll(woken)
    }

    /** Whether [shutdown] was called. */
    internal fun isShutDown(): Boolean = synchronized(guard) { isShutdown }

    /** Items put and not yet marked done (asyncio's `_unfinished_tasks`). */
    internal fun unfinishedTasks(): Int = synchronized(guard) { unfinished }

    internal fun getterCount(): Int = synchronized(guard) { getters.size }

    internal fun putterCount(): Int = synchronized(guard) { putters.size }

    /*
     * Waits to be woken; if cancelled (also after being woken, before running), withdraws and passes a
     * wake-up it was given to the next waiter of [waiters] when that one can proceed (asyncio's
     * `if not self.full() and not putter.cancelled(): self._wakeup_next(self._putters)`).
     */
    private suspend fun awaitTurn(waiter: Waiter, waiters: ArrayDeque<Waiter>) {
        try {
            waiter.await()
        } catch (e: Throwable) {
            val next = synchronized(guard) {
                waiters.remove(waiter)
                val canProceed = if (waiters === putters) !fullNow() else storage.size > 0
                if (waiter.isWoken && canProceed) wakeUpNext(waiters) else null
            }
            next?.resume()
            throw e
        }
    }

    /** asyncio's `_wakeup_next`: pops waiters until one that is not done, and marks it woken. */
    private fun wakeUpNext(waiters: ArrayDeque<Waiter>): Waiter? {
        while (waiters.isNotEmpty()) {
            val w = waiters.removeFirst()
            if (w.markWoken()) return w
        }
        return null
    }

    private fun wakeAll(waiters: ArrayDeque<Waiter>): List<Waiter> {
        val list = waiters.filter { it.markWoken() }
        waiters.clear()
        return list
    }

    override fun toString(): String = synchronized(guard) {
        buildString {
            append('<').append(name).append(" maxsize=").append(maxsize)
            if (storage.size > 0) append(" _queue=").append(storage.snapshot())
            if (getters.isNotEmpty()) append(" _getters[").append(getters.size).append(']')
            if (putters.isNotEmpty()) append(" _putters[").append(putters.size).append(']')
            if (unfinished > 0) append(" tasks=").append(unfinished)
            if (isShutdown) append(" shutdown")
            append('>')
        }
    }
}

/**
 * asyncio's `PriorityQueue`: a [Queue] whose [get] returns the smallest item first — by [comparator],
 * or by the items' natural order (they must then be `Comparable`, else `ClassCastException` on [put],
 * as Python raises `TypeError`). Items of equal priority come out in no particular order.
 *
 * ```kotlin
 * val jobs = PriorityQueue<Pair<Int, String>>(comparator = compareBy { it.first })
 * jobs.put(2 to "later"); jobs.put(1 to "first")
 * jobs.get() // (1, first)
 * ```
 */
public class PriorityQueue<T>(maxsize: Int = 0, comparator: Comparator<in T>? = null) :
    Queue<T>(maxsize, HeapStorage(comparator))

/**
 * asyncio's `LifoQueue`: a [Queue] whose [get] returns the most recently put item first (a stack).
 *
 * ```kotlin
 * val stack = LifoQueue<Int>()
 * stack.put(1); stack.put(2)
 * stack.get() // 2
 * ```
 */
public class LifoQueue<T>(maxsize: Int = 0) : Queue<T>(maxsize, LifoStorage())

/** The item store of a queue (asyncio's `_init`/`_put`/`_get`/`_qsize`); guarded by the queue's monitor. */
internal interface Storage<T> {
    val kind: String
    val size: Int
    fun add(item: T)
    fun remove(): T
    fun snapshot(): List<T>
}

private class FifoStorage<T> : Storage<T> {
    private val items = ArrayDeque<T>()
    override val kind get() = "Queue"
    override val size get() = items.size
    override fun add(item: T) = items.addLast(item)
    override fun remove(): T = items.removeFirst()
    override fun snapshot(): List<T> = items.toList()
}

private class LifoStorage<T> : Storage<T> {
    private val items = ArrayDeque<T>()
    override val kind get() = "LifoQueue"
    override val size get() = items.size
    override fun add(item: T) = items.addLast(item)
    override fun remove(): T = items.removeLast()
    override fun snapshot(): List<T> = items.toList()
}

private class HeapStorage<T>(comparator: Comparator<in T>?) : Storage<T> {
    @Suppress("UNCHECKED_CAST")
    private val items = java.util.PriorityQueue<T>(
        comparator ?: Comparator { a, b -> (a as Comparable<Any?>).compareTo(b) },
    )
    override val kind get() = "PriorityQueue"
    override val size get() = items.size
    override fun add(item: T) {
        items.add(item)
    }
    override fun remove(): T = items.remove()
    override fun snapshot(): List<T> = items.toList()
}

package dev.aio4j

import dev.aio4j.internal.QueueRef
import dev.aio4j.internal.NO_ITEM
import dev.aio4j.internal.Owner
import dev.aio4j.internal.completedOperation
import dev.aio4j.internal.startOperation

/**
 * asyncio's `Queue` for Java: a first in, first out queue between tasks of an event loop. [put] waits
 * while the queue is full, [get] while it is empty; [taskDone] and [join] let a producer wait until
 * every item was processed; [shutdown] ends it (Python 3.13). The semantics live in
 * [dev.aio4j.coroutines.Queue]; this class bridges.
 *
 * Like Python's `asyncio.Queue`, and unlike `java.util.concurrent.BlockingQueue`: nothing blocks a
 * thread. A [put] with room or a [get] with an item completes at once (the future is already done,
 * nothing yields to the loop); waking a waiting task only schedules it. A maximum size of 0 means
 * unbounded; a negative one is an `IllegalArgumentException`.
 *
 * Threads: waiting methods start on the loop thread and complete there; the others may be called from
 * any thread. Cancellation: cancelling a pending [get] takes no item (it stays for the next getter);
 * cancelling a pending [put] puts nothing. Errors are never wrapped.
 *
 * ```java
 * Queue<String> queue = new Queue<>();
 * CompletableFuture<Void> worker() {
 *     return queue.get().thenCompose(url -> fetch(url)).thenCompose(page -> {
 *         queue.taskDone();
 *         return worker();
 *     });
 * }
 * ```
 */
public open class Queue<T> internal constructor(ref: QueueRef) : AsyncQueue<T> {
    @Suppress("UNCHECKED_CAST")
    @get:JvmSynthetic
    internal val core: dev.aio4j.coroutines.Queue<T> = ref.core as dev.aio4j.coroutines.Queue<T>

    /** A FIFO queue holding at most [maxsize] items; 0 (the default) means unbounded. */
    @JvmOverloads
    public constructor(maxsize: Int = 0) : this(QueueRef(dev.aio4j.coroutines.Queue<T>(maxsize)))

    /**
     * Puts [item]; the future completes once it is in the queue — at once if there is room (then it is
     * the loop's one shared done future: do not rely on its identity). Fails with [QueueShutDown] if
     * the queue is or gets shut down. `IllegalStateException` if no event loop runs this thread.
     */
    final override fun put(item: T): Future<Void?> {
        val owner = Owner.current() // first: off the loop nothing may be put
        return if (core.tryPutAtOnce(item)) owner.core.doneWithNull else owner.startOperation { core.put(item); null }
    }

    /** Puts [item] without waiting: [QueueFull] if there is no room, [QueueShutDown] if shut down. */
    public fun putNowait(item: T): Unit = core.putNowait(item)

    /**
     * Removes an item; the future completes with it — at once if there is one. After [shutdown], the
     * items left are still returned, then it fails with [QueueShutDown]. `IllegalStateException` if no
     * event loop runs this thread.
     */
    final override fun get(): Future<T> {
        val owner = Owner.current() // first: off the loop nothing may be taken
        val item = core.tryGetAtOnce()
        @Suppress("UNCHECKED_CAST")
        return if (item !== NO_ITEM) owner.completedOperation(item as T) else owner.startOperation { core.get() }
    }

    /** Removes and returns an item without waiting: [QueueEmpty] if there is none. */
    public fun getNowait(): T = core.getNowait()

    /** The number of items in the queue. */
    public fun qsize(): Int = core.qsize()

    /** Whether the queue holds no item. */
    public fun empty(): Boolean = core.empty()

    /** Whether the queue holds [maxsize] items (never for an unbounded queue). */
    public fun full(): Boolean = core.full()

    /** The most items the queue holds; 0 means unbounded. */
    public fun maxsize(): Int = core.maxsize

    /**
     * Marks an item taken with [get] as processed. `IllegalArgumentException("task_done() called too
     * many times")` if called more often than items were put (asyncio's `ValueError`).
     */
    final override fun taskDone(): Unit = core.taskDone()

    /**
     * Completes once every item put was marked done with [taskDone] — at once if none is unfinished.
     *
     * ```java
     * for (String url : urls) queue.putNowait(url);
     * queue.join().thenRun(() -> System.out.println("all processed"));
     * ```
     */
    final override fun join(): Future<Void?> = startOperation {
        core.join()
        null
    }

    /**
     * Shuts the queue down: later puts fail with [QueueShutDown]; gets return the items left, then fail
     * with it. With [immediate], the items left are dropped and counted as done, releasing [join].
     * Waiting putters, and getters finding the queue empty, fail with [QueueShutDown].
     */
    @JvmOverloads
    public fun shutdown(immediate: Boolean = false): Unit = core.shutdown(immediate)

    /** The suspend queue underneath, for Kotlin callers. */
    public fun coroutines(): dev.aio4j.coroutines.Queue<T> = core

    override fun toString(): String = core.toString()
}

/**
 * asyncio's `PriorityQueue` for Java: a [Queue] whose [get] returns the smallest item first, by a
 * [java.util.Comparator] or by the items' natural order (they must then be `Comparable`, else
 * `ClassCastException` on put). Items of equal priority come out in no particular order.
 *
 * ```java
 * record Job(int priority, String name) {}
 * PriorityQueue<Job> jobs = new PriorityQueue<>(Comparator.comparingInt(Job::priority));
 * jobs.putNowait(new Job(2, "later"));
 * jobs.putNowait(new Job(1, "first"));
 * jobs.getNowait(); // Job[priority=1, name=first]
 * ```
 */
public class PriorityQueue<T> : Queue<T> {
    /** An unbounded queue in the items' natural order. */
    public constructor() : this(0, null)

    /** A queue of at most [maxsize] items (0: unbounded) in the items' natural order. */
    public constructor(maxsize: Int) : this(maxsize, null)

    /** An unbounded queue ordered by [comparator]. */
    public constructor(comparator: Comparator<in T>?) : this(0, comparator)

    /** A queue of at most [maxsize] items (0: unbounded) ordered by [comparator] (natural order if null). */
    public constructor(maxsize: Int, comparator: Comparator<in T>?) :
        super(QueueRef(dev.aio4j.coroutines.PriorityQueue(maxsize, comparator)))
}

/**
 * asyncio's `LifoQueue` for Java: a [Queue] whose [get] returns the most recently put item first.
 *
 * ```java
 * LifoQueue<Integer> stack = new LifoQueue<>();
 * stack.putNowait(1);
 * stack.putNowait(2);
 * stack.getNowait(); // 2
 * ```
 */
public class LifoQueue<T> @JvmOverloads constructor(maxsize: Int = 0) :
    Queue<T>(QueueRef(dev.aio4j.coroutines.LifoQueue<T>(maxsize)))

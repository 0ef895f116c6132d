package dev.aio4j.internal

import dev.aio4j.AsyncIterable
import dev.aio4j.AsyncIterator
import java.util.Optional
import java.util.concurrent.CompletableFuture
import java.util.concurrent.CompletionStage
import java.util.concurrent.Flow

/*
 * java.util.concurrent.Flow (Reactive Streams) <-> AsyncIterable, honouring demand both ways:
 * - PublisherIterator requests one item per anext() that finds nothing buffered, so at most one item
 *   it has not been asked for yet is ever held;
 * - IterablePublisher pulls anext() only while the subscriber's demand is positive, one at a time.
 * Both complete futures / signal subscribers from the loop thread only.
 */

/** A [Flow.Publisher] read as an [AsyncIterator] (`Asyncio.fromPublisher`): subscribes at the first `anext()`. */
internal class PublisherIterator<T : Any>(private val publisher: Flow.Publisher<out T>) : AsyncIterator<T>, Flow.Subscriber<T> {
    private var core: LoopCore? = null // Guarded by this; the loop of the first anext().
    private var subscribed = false // Guarded by this.
    private var subscription: Flow.Subscription? = null // Guarded by this.
    private var requested = 0L // Guarded by this; items asked for and not yet received.
    private var pull: CompletableFuture<Optional<T>>? = null // Guarded by this; the waiting anext().
    private val ready = ArrayDeque<T>() // Guarded by this; items that arrived while no anext() waited (at most one).
    private var ended = false // Guarded by this; onComplete/onError arrived, or closed.
    private var failure: Throwable? = null // Guarded by this; onError's, handed out once.

    override fun anext(): CompletableFuture<Optional<T>> {
        val caller = Owner.current()
        val next = CompletableFuture<Optional<T>>()
        var subscribeNow = false
        var requestFrom: Flow.Subscription? = null
        synchronized(this) {
            val bound = core
            check(bound == null || bound === caller.core) { "this iterator runs on ${bound?.loop}; anext() was called on ${caller.core.loop}" }
            core = caller.core
            ready.removeFirstOrNull()?.let { return CompletableFuture.completedFuture(Optional.of(it)) }
            if (ended) {
                val f = failure
                failure = null
                return if (f == null) CompletableFuture.completedFuture(Optional.empty()) else CompletableFuture.failedFuture(f)
            }
            if (pull?.isDone == true) pull = null // a cancelled anext(): its request stays outstanding
            check(pull == null) { "anext() called while the previous anext() is still pending" }
            pull = next
            if (requested == 0L) {
                requested = 1
                requestFrom = subscription
            }
            if (!subscribed) {
                subscribed = true
                subscribeNow = true
            }
        }
        if (subscribeNow) publisher.subscribe(this) else requestFrom?.request(1)
        return next
    }

    override fun onSubscribe(s: Flow.Subscription) {
        val demand = synchronized(this) {
            if (subscription != null || ended) null else {
                subscription = s
                requested
            }
        }
        when (demand) {
            null -> s.cancel() // rule 2.5: a second subscription (or one after close) is cancelled
            0L -> Unit
            else -> s.request(demand)
        }
    }

    override fun onNext(item: T) {
        @Suppress("SENSELESS_COMPARISON")
        if (item == null) throw NullPointerException("onNext(null): Reactive Streams rule 2.13")
        val overflow: Flow.Subscription?
        val waiting: CompletableFuture<Optional<T>>?
        synchronized(this) {
            if (ended) return
            if (requested == 0L) {
                overflow = subscription
                waiting = null
            } else {
                overflow = null
                requested--
                waiting = pull
                pull = null
                if (waiting == null) ready.addLast(item)
            }
        }
        if (overflow != null) {
            overflow.cancel()
            end(IllegalStateException("the publisher sent more items than requested (Reactive Streams rule 1.1)"))
        } else if (waiting != null) {
            deliver {
                // If that anext() was cancelled meanwhile, the item waits for the next one.
                if (!waiting.complete(Optional.of(item))) synchronized(this) { ready.addFirst(item) }
            }
        }
    }

    override fun onError(throwable: Throwable) = end(throwable)

    override fun onComplete() = end(null)

    private fun end(error: Throwable?) {
        val waiting = synchronized(this) {
            if (ended) return
            ended = true
            if (ready.isNotEmpty() || pull == null) {
                failure = error
                return
            }
            pull.also { pull = null }
        } ?: return
        deliver {
            if (error == null) waiting.complete(Optional.empty())
            else if (!waiting.completeExceptionally(error)) synchronized(this) { failure = error }
        }
    }

    /** Completes [waiting] on the loop thread: at once when already there, else scheduled. */
    private fun deliver(action: () -> Unit) {
        val loop = synchronized(this) { core!! }
        if (loop.isLoopThread()) action() else loop.callSoon(action)
    }

    /** Cancels the subscription; a pending `anext()` completes with `Optional.empty()`. */
    override fun aclose(): CompletionStage<Void> {
        val (s, waiting) = synchronized(this) {
            ended = true
            failure = null
            ready.clear()
            (subscription to pull).also { pull = null }
        }
        s?.cancel()
        if (waiting != null) deliver { waiting.complete(Optional.empty()) }
        return CompletableFuture.completedFuture(null)
    }

    override fun toString(): String = "<iterator over $publisher>"
}

/**
 * An [AsyncIterable] served as a [Flow.Publisher] (`Asyncio.toPublisher`): each subscriber gets its own
 * iterator (an [AsyncIterator] itself only serves one subscriber), pulled on [core]'s thread while it
 * has demand. The pulls run as owned by the loop, not by whoever happened to call `request`.
 */
internal class IterablePublisher<T : Any>(private val iterable: AsyncIterable<out T>, private val core: LoopCore) : Flow.Publisher<T> {
    private var served = false // Guarded by this; for an iterator: it has had its subscriber.

    override fun subscribe(subscriber: Flow.Subscriber<in T>?) {
        if (subscriber == null) throw NullPointerException("subscribe(null): Reactive Streams rule 1.9")
        val refused = iterable is AsyncIterator<*> && synchronized(this) { served.also { served = true } }
        if (refused) {
            subscriber.onSubscribe(object : Flow.Subscription {
                override fun request(n: Long) = Unit
                override fun cancel() = Unit
            })
            subscriber.onError(IllegalStateException("$iterable is an AsyncIterator, which serves one subscriber; publish an AsyncIterable to serve several"))
            return
        }
        subscriber.onSubscribe(Subscription(subscriber))
    }

    private inner class Subscription(private val subscriber: Flow.Subscriber<in T>) : Flow.Subscription {
        private var demand = 0L // Guarded by this.
        private var cancelled = false // Guarded by this.
        private var badRequest: Long? = null // Guarded by this; a request(n <= 0) to report (rule 3.9).
        private var draining = false // Guarded by this; a drain is scheduled or running.
        private var pending: CompletableFuture<out Optional<out T>>? = null // Guarded by this; the anext() in flight.
        private var terminated = false // Only on the loop thread.
        private var iterator: AsyncIterator<out T>? = null // Only on the loop thread.

        override fun request(n: Long) {
            synchronized(this) {
                if (n <= 0) badRequest = badRequest ?: n else demand = if (demand + n < 0) Long.MAX_VALUE else demand + n
            }
            scheduleDrain()
        }

        override fun cancel() {
            val inFlight = synchronized(this) {
                cancelled = true
                pending
            }
            // Cancels what a generator does for that anext(); the drain then closes the iterator.
            if (inFlight != null) onLoop { inFlight.cancel(false) }
            scheduleDrain()
        }

        private fun scheduleDrain() {
            synchronized(this) {
                if (draining) return
                draining = true
            }
            onLoop { core.rootOwner.runAsCurrent { drain() } }
        }

        private fun onLoop(action: () -> Unit) {
            if (core.isLoopThread()) action() else core.callSoon(action)
        }

        /** Pulls while there is demand; signals in order, on the loop thread (rules 1.3, 3.3: no recursion). */
        private fun drain() {
            while (true) {
                val error: Long?
                synchronized(this) {
                    if (pending != null) {
                        draining = false
                        return
                    }
                    error = badRequest
                    if (terminated || (!cancelled && error == null && demand == 0L)) {
                        draining = false
                        return
                    }
                    if (cancelled || error != null) terminated = true else demand--
                }
                if (terminated) {
                    close()
                    if (error != null && !synchronized(this) { cancelled }) {
                        subscriber.onError(IllegalArgumentException("request($error): Reactive Streams rule 3.9 requires n > 0"))
                    }
                    continue
                }
                val it = iterator ?: iterable.aiter().also { iterator = it }
                val next = try {
                    it.anext()
                } catch (e: Throwable) {
                    CompletableFuture.failedFuture(e)
                }
                if (!next.isDone) {
                    synchronized(this) { pending = next }
                    next.whenComplete { _, _ ->
                        onLoop {
                            synchronized(this) {
                                pending = null
                                draining = false
                            }
                            handle(next)
                            scheduleDrain()
                        }
                    }
                    return
                }
                handle(next)
            }
        }

        /** Signals the outcome of one `anext()`. */
        private fun handle(next: CompletableFuture<out Optional<out T>>) {
            if (synchronized(this) { cancelled }) return
            val failure = FutureAwaitables.failure(next)
            val item = if (failure == null) next.join() else null
            when {
                failure != null -> {
                    terminated = true
                    close()
                    subscriber.onError(failure)
                }
                item == null || item.isEmpty -> {
                    terminated = true
                    close()
                    subscriber.onComplete()
                }
                else -> try {
                    subscriber.onNext(item.get())
                } catch (e: Throwable) {
                    // Rule 2.13: onNext must not throw. Report it and stop serving this subscriber.
                    synchronized(this) { cancelled = true }
                    core.loop.reportCallbackError(e, subscriber)
                }
            }
        }

        private fun close() {
            val it = iterator ?: return
            iterator = null
            core.runDetached { it.aclose() }.whenComplete { _, e ->
                if (e != null) core.loop.reportCallbackError(e, "aclose() of $it")
            }
        }
    }

    override fun toString(): String = "<publisher of $iterable>"
}

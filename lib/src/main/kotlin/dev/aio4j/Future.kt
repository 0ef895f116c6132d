package dev.aio4j

import dev.aio4j.internal.LoopCore
import dev.aio4j.internal.LoopRef
import dev.aio4j.internal.SettleListener
import dev.aio4j.internal.SettleListener.Companion.FIRED
import kotlinx.coroutines.Job
import java.util.concurrent.CancellationException
import java.util.concurrent.CompletableFuture
import java.util.concurrent.CompletionException
import java.util.concurrent.Executor
import java.util.function.Consumer
import java.util.function.Supplier

/**
 * asyncio's `Future`, as a [CompletableFuture] bound to an [EventLoop].
 *
 * Create one with [Asyncio.createFuture] or [EventLoop.createFuture] and settle it with [setResult] /
 * [setException]; every aio4j operation (`sleep`, `gather`, …) also returns one of these, backed by work
 * running on the loop, and so is every [Task].
 *
 * Threads and callbacks: work-backed futures complete on the loop thread. Done callbacks
 * ([addDoneCallback]) are always scheduled on the loop with `callSoon`, never run inline. Plain
 * `CompletableFuture` dependents (`thenApply`, …) run where the JDK runs them: on the completing thread.
 *
 * Cancellation: [cancel] of a future backed by work *requests* cancellation, as asyncio's does: the work
 * sees a `CancellationException` at its next suspension point, runs its `finally` blocks, and only then
 * is this future done — so `cancel()` followed by waiting is "cancel and wait for the cleanup". A
 * future with no work behind it is cancelled at once. Completing a work-backed future from outside
 * (`complete`, `completeExceptionally`, `orTimeout`) settles it at once and cancels the work.
 *
 * Errors: [result] throws a failure as itself — never wrapped in `CompletionException` or
 * `ExecutionException`. (`join()` and `get()` keep the JDK's wrapping.)
 *
 * ```java
 * Future<String> f = Asyncio.createFuture();
 * f.addDoneCallback(done -> System.out.println("got " + done.result()));
 * Asyncio.getRunningLoop().callLater(Duration.ofSeconds(1), () -> f.setResult("hello"));
 * ```
 */
public open class Future<T> internal constructor(ref: LoopRef) : CompletableFuture<T>() {
    @get:JvmSynthetic internal val core: LoopCore = ref.core

    /** The work behind this future, if any. */
    @Volatile @get:JvmSynthetic @set:JvmSynthetic internal var work: Job? = null

    /** A future bound to [loop], like `loop.createFuture()`. */
    public constructor(loop: EventLoop) : this(LoopRef(loop.core))

    /**
     * Who observes this future, in one field to keep every future at 32 bytes (a queue `put` or `get`
     * returns one): null; the one internal [SettleListener], or [FIRED] once it was told (see [listen]);
     * or [DoneCallbacks] pending their run, which then holds that listener state. Written under
     * `synchronized(this)`.
     */
    @Volatile private var observers: Any? = null

    /** The loop this future belongs to. */
    public fun getLoop(): EventLoop = core.loop

    /** Whether the future has a result, an exception, or was cancelled. */
    public fun done(): Boolean = isDone

    /** Whether the future was cancelled. */
    public fun cancelled(): Boolean = isCancelled

    /**
     * The result. Throws [InvalidStateError] if not done yet, the `CancellationException` if cancelled,
     * and the failure itself if the future failed.
     */
    public open fun result(): T {
        markRetrieved()
        if (!isDone) throw InvalidStateError("Result is not set: $this")
        try {
            return join()
        } catch (e: CompletionException) {
            throw e.cause ?: e
        }
    }

    /**
     * The exception the future failed with, or null if it succeeded. Throws [InvalidStateError] if not
     * done yet and the `CancellationException` if cancelled, as asyncio does.
     */
    public open fun exception(): Throwable? {
        markRetrieved()
        if (!isDone) throw InvalidStateError("Exception is not set: $this")
        if (!isCompletedExceptionally) return null
        return try {
            join()
            null
        } catch (e: CancellationException) {
            throw e
        } catch (e: CompletionException) {
            e.cause ?: e
        }
    }

    /** Settles the future with [value]; [InvalidStateError] if it is already done. */
    public open fun setResult(value: T) {
        if (!super.complete(value)) throw InvalidStateError("the future is already done: $this")
        fireListener()
    }

    /** Settles the future with [exception]; [InvalidStateError] if it is already done. */
    public open fun setException(exception: Throwable) {
        if (!super.completeExceptionally(exception)) throw InvalidStateError("the future is already done: $this")
        fireListener()
    }

    /** Requests cancellation with no message; see [cancel]. */
    public fun cancel(): Boolean = cancel(null as String?)

    /**
     * Cancels the future: returns false if it is already done. A future backed by work is done once
     * the work has finished its cleanup; [msg] becomes the `CancellationException`'s message.
     */
    public open fun cancel(msg: String?): Boolean {
        if (isDone) return false
        val job = work
        if (job != null) {
            job.cancel(CancellationException(msg))
            return true
        }
        val won = super.completeExceptionally(CancellationException(msg))
        if (won) fireListener()
        return won
    }

    /** Same as [cancel] with no message; `mayInterruptIfRunning` has no effect (nothing is interrupted). */
    override fun cancel(mayInterruptIfRunning: Boolean): Boolean = cancel(null as String?)

    /** Completes from outside: the work behind this future, if any, is cancelled. */
    override fun complete(value: T): Boolean {
        val won = super.complete(value)
        if (won) {
            work?.cancel(CancellationException("the future was completed from outside"))
            fireListener()
        }
        return won
    }

    /** Completes from outside: the work behind this future, if any, is cancelled. */
    override fun completeExceptionally(ex: Throwable): Boolean {
        val won = super.completeExceptionally(ex)
        if (won) {
            work?.cancel(CancellationException("the future was completed from outside"))
            fireListener()
        }
        return won
    }

    /** Completes from outside with [supplier]'s value, computed on [executor]; see [complete]. */
    override fun completeAsync(supplier: Supplier<out T>, executor: Executor): CompletableFuture<T> {
        executor.execute {
            try {
                complete(supplier.get())
            } catch (e: Throwable) {
                completeExceptionally(e)
            }
        }
        return this
    }

    /** Not supported: an asyncio future is settled once. */
    override fun obtrudeValue(value: T): Unit = throw UnsupportedOperationException("an aio4j Future is settled once")

    /** Not supported: an asyncio future is settled once. */
    override fun obtrudeException(ex: Throwable): Unit =
        throw UnsupportedOperationException("an aio4j Future is settled once")

    /**
     * Adds a callback run on the loop (with `callSoon`) once the future is done; if it is done
     * already, the callback is scheduled at once. It receives this future.
     */
    public fun addDoneCallback(callback: Consumer<in Future<T>>) {
        val hook: Boolean
        synchronized(this) {
            val current = observers
            @Suppress("UNCHECKED_CAST")
            val pending = current as? DoneCallbacks<T>
            hook = pending == null
            (pending ?: DoneCallbacks<T>(current).also { observers = it }).add(callback)
        }
        if (hook) super.whenComplete { _, _ -> core.callSoon { runDoneCallbacks() } }
    }

    /** Removes every registration of [callback]; returns how many were removed. */
    public fun removeDoneCallback(callback: Consumer<in Future<T>>): Int = synchronized(this) {
        @Suppress("UNCHECKED_CAST")
        val pending = observers as? DoneCallbacks<T> ?: return 0
        val before = pending.size
        pending.removeAll { it === callback }
        before - pending.size
    }

    private fun runDoneCallbacks() {
        val callbacks = synchronized(this) {
            @Suppress("UNCHECKED_CAST")
            val pending = observers as? DoneCallbacks<T> ?: return
            observers = pending.listener
            pending
        }
        for (callback in callbacks) {
            try {
                callback.accept(this)
            } catch (e: Throwable) {
                core.loop.reportCallbackError(e, callback)
            }
        }
    }

    /** The done callbacks waiting for their run, and the [listen] state they displaced meanwhile. */
    private class DoneCallbacks<T>(@JvmField var listener: Any?) : ArrayList<Consumer<in Future<T>>>(2)

    /** Called by the work behind this future when it finishes. */
    @JvmSynthetic
    internal open fun settle(value: T?, failure: Throwable?) {
        @Suppress("UNCHECKED_CAST")
        val won = if (failure == null) super.complete(value as T) else super.completeExceptionally(failure)
        if (won) fireListener()
    }

    /**
     * Registers the one internal [SettleListener] of this future: false if another one is registered
     * already (use `whenComplete` then). It is told once this future is done, also if it is done already.
     */
    @JvmSynthetic
    internal fun listen(settleListener: SettleListener): Boolean {
        synchronized(this) {
            when (val current = observers) {
                null -> observers = settleListener
                is DoneCallbacks<*> -> if (current.listener == null) current.listener = settleListener else return false
                else -> return false
            }
        }
        if (isDone) fireListener()
        return true
    }

    /** Whether an internal listener is registered (it observes the outcome, as a dependent does). */
    @JvmSynthetic
    internal fun hasListener(): Boolean = when (val current = observers) {
        null -> false
        is DoneCallbacks<*> -> current.listener != null
        else -> true
    }

    private fun fireListener() {
        if (observers == null) return
        val registered = synchronized(this) {
            when (val current = observers) {
                is DoneCallbacks<*> -> current.listener.also { if (it != null) current.listener = FIRED }
                else -> current.also { if (it != null) observers = FIRED }
            }
        }
        if (registered is SettleListener) registered.settled(this)
    }

    @JvmSynthetic
    internal open fun markRetrieved() {}

    override fun toString(): String = "<Future ${state()}>"


    @JvmSynthetic
    internal fun state(): String = when {
        !isDone -> "pending"
        isCancelled -> "cancelled"
        isCompletedExceptionally -> "finished exception"
        else -> "finished"
    }
}

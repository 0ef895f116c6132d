package dev.aio4j.internal

import dev.aio4j.Future
import dev.aio4j.Task
import kotlinx.coroutines.ExperimentalCoroutinesApi
import kotlinx.coroutines.Job
import java.util.concurrent.CompletableFuture
import java.util.concurrent.CompletionStage
import java.util.function.Supplier
import kotlin.coroutines.Continuation
import kotlin.coroutines.CoroutineContext
import kotlin.coroutines.intrinsics.createCoroutineUnintercepted

/** A core semaphore handed to the facade's constructor; a value class keeps that constructor out of Java's view. */
@JvmInline
internal value class SemaphoreRef(val core: dev.aio4j.coroutines.Semaphore)

/**
 * The facade's `Semaphore.withPermit` and `Lock.withLock` ("take a permit, run the body, give the permit
 * back once the body's stage is done") without a coroutine frame or an owned scope per call: the
 * operation is a child job of its owner and is itself the [Owner] of what the body starts, so
 * cancelling it cancels the body's operations (DESIGN.md, decision 7).
 *
 * 1. A free permit is taken at once and the body runs inside the call, as before. Otherwise a [Waiter]
 *    with no coroutine queues on the primitive; its wake-up schedules [run] on the loop, which takes
 *    the permit (or, if the operation was cancelled meanwhile, takes nothing and passes a permit it
 *    was handed on — [endWait]) and runs the body.
 * 2. The body's stage: done already — the permit is released and the operation settles now; an
 *    operation the body started (a child of this one) — its future's one-slot listener schedules [run],
 *    which releases and settles with the stage's outcome, one loop iteration later as a coroutine's
 *    resumption would; anything else — awaited by [awaitStage] in a coroutine, as a task does.
 * The permit is released however the body ends (value, failure, cancellation); a failing release (a
 * `BoundedSemaphore` released too often, a lock released by hand) replaces the outcome, as a failing
 * `finally` does.
 */
@OptIn(ExperimentalCoroutinesApi::class) // Job.parent, to recognise the body's own operations
internal abstract class GuardedBodyOperation<T>(
    private val starter: Owner,
    future: Future<T>,
    private var body: Supplier<out CompletionStage<out T>>?,
) : FutureCoroutine<T>(starter.job, future, null), Owner, Runnable, SettleListener {

    override val core: LoopCore get() = starter.core
    override val task: Task<*>? get() = starter.task
    override val job: Job get() = this

    /** Made on first use: only a body returning a foreign stage runs a coroutine. Loop-thread only. */
    private var operations: CoroutineContext? = null
    override val operationContext: CoroutineContext
        get() = operations ?: (core.baseContext + this).also { operations = it }

    /** [NEW], [WAITING] (queued for a permit), [RUNNING] (the body's stage pending), [SETTLED], [DONE]. */
    @Volatile private var state = NEW
    private var waiter: Waiter? = null
    private var adopted: CompletableFuture<out T>? = null

    /** [acquire]'s path that needs no waiting: true if a permit was free and taken now. */
    protected abstract fun tryAcquireAtOnce(): Boolean

    /** Takes a free permit now (true) or queues [waiter] (false). */
    protected abstract fun acquireOrEnqueue(waiter: Waiter): Boolean

    /** [waiter]'s wait ended: with the permit ([acquired]), or with nothing, a permit handed to it passing on. */
    protected abstract fun endWait(waiter: Waiter, acquired: Boolean)

    protected abstract fun release()

    /** Takes a permit and runs the body now if one is free; else queues. Must run on the loop thread. */
    fun begin() {
        if (tryAcquireAtOnce()) return runBody()
        val waiter = Waiter()
        waiter.onWoken = Runnable { core.callSoon(this) }
        if (acquireOrEnqueue(waiter)) return runBody()
        this.waiter = waiter
        state = WAITING
        // A cancellation that raced with queueing (or came before it) withdraws now.
        if (!isActive) onCancelling(getCancellationException())
    }

    override fun onCancelling(cause: Throwable?) {
        if (cause == null || state != WAITING) return
        waiter?.cancelUnlessWoken()
        core.callSoon(this)
    }

    override fun run() {
        when (state) {
            WAITING -> {
                state = RUNNING
                val waiter = this.waiter!!
                this.waiter = null
                val acquired = waiter.isWoken && isActive
                endWait(waiter, acquired)
                if (acquired) runBody() else finish(Result.failure(getCancellationException()))
            }
            SETTLED -> {
                state = DONE
                val stage = adopted!!
                adopted = null
                releaseThen(outcome(stage))
            }
            else -> {} // a cancellation's wake-up after the wait had ended already
        }
    }

    override fun settled(future: Future<*>) {
        state = SETTLED
        core.callSoon(this)
    }

    private fun runBody() {
        state = RUNNING
        val body = this.body!!
        this.body = null
        val future = try {
            // A Java supplier may return null whatever its declared type says.
            val stage = runAsCurrent<CompletionStage<out T>?> { body.get() }
            @Suppress("UNCHECKED_CAST")
            (stage ?: throw NullPointerException("the body returned null instead of a CompletionStage"))
                .toCompletableFuture() as CompletableFuture<out T>
        } catch (e: Throwable) {
            return releaseThen(Result.failure(e))
        }
        if (future.isDone) return releaseThen(outcome(future))
        if (future is Future<*> && future.work?.parent === this) {
            adopted = future
            if (future.listen(this)) return
            adopted = null
        }
        val awaiting: suspend () -> T = {
            try {
                future.awaitStage("the body")
            } finally {
                release()
            }
        }
        awaiting.createCoroutineUnintercepted(BodyAwait(this)).resumeWith(Result.success(Unit))
    }

    private fun releaseThen(result: Result<T>) {
        try {
            release()
        } catch (e: Throwable) {
            return finish(Result.failure(e))
        }
        finish(result)
    }

    private fun finish(result: Result<T>) {
        state = DONE
        resumeWith(result)
    }

    private fun outcome(stage: CompletableFuture<out T>): Result<T> {
        val failure = FutureAwaitables.failure(stage)
        return if (failure == null) Result.success(stage.getNow(null)) else Result.failure(failure)
    }

    // The operation's completion runs its future's dependents as code of the owner that started it (as
    // an operation's coroutine does), not of this finished operation.
    override fun onCompleted(value: T) = runWithOwner(starter) { super.onCompleted(value) }

    override fun onCancelled(cause: Throwable, handled: Boolean) = runWithOwner(starter) { super.onCancelled(cause, handled) }

    /** Runs the await of a foreign body stage on the loop, as this operation's child, and settles with it. */
    private class BodyAwait<T>(private val op: GuardedBodyOperation<T>) : Continuation<T> {
        override val context: CoroutineContext get() = op.operationContext

        override fun resumeWith(result: Result<T>) = op.finish(result)
    }

    private companion object {
        const val NEW = 0
        const val WAITING = 1
        const val RUNNING = 2
        const val SETTLED = 3
        const val DONE = 4
    }
}

/** Starts [operation] (made for the current owner) and returns its future. */
internal inline fun <T> startGuardedBody(make: (Owner, Future<T>) -> GuardedBodyOperation<T>): Future<T> {
    val owner = Owner.current()
    val future = Future<T>(LoopRef(owner.core))
    val operation = make(owner, future)
    future.work = operation
    operation.begin()
    return future
}

/** [GuardedBodyOperation] for `Semaphore.withPermit`. */
internal class PermitBodyOperation<T>(
    private val semaphore: dev.aio4j.coroutines.Semaphore,
    owner: Owner,
    future: Future<T>,
    body: Supplier<out CompletionStage<out T>>,
) : GuardedBodyOperation<T>(owner, future, body) {
    override fun tryAcquireAtOnce(): Boolean = semaphore.tryAcquireAtOnce()
    override fun acquireOrEnqueue(waiter: Waiter): Boolean = semaphore.acquireOrEnqueue(waiter)
    override fun endWait(waiter: Waiter, acquired: Boolean) = semaphore.endWait(waiter, acquired)
    override fun release() = semaphore.release()
}

/** [GuardedBodyOperation] for `Lock.withLock`. */
internal class LockBodyOperation<T>(
    private val lock: dev.aio4j.coroutines.Lock,
    owner: Owner,
    future: Future<T>,
    body: Supplier<out CompletionStage<out T>>,
) : GuardedBodyOperation<T>(owner, future, body) {
    override fun tryAcquireAtOnce(): Boolean = lock.tryAcquireAtOnce()
    override fun acquireOrEnqueue(waiter: Waiter): Boolean = lock.acquireOrEnqueue(waiter)
    override fun endWait(waiter: Waiter, acquired: Boolean) = lock.endWait(waiter, acquired)
    override fun release() = lock.release()
}

package dev.aio4j.internal

import dev.aio4j.AsyncIterator
import dev.aio4j.GeneratorExit
import dev.aio4j.Yield
import kotlinx.coroutines.CompletableJob
import kotlinx.coroutines.Job
import java.util.Optional
import java.util.concurrent.CancellationException
import java.util.concurrent.CompletableFuture
import java.util.concurrent.CompletionException
import java.util.concurrent.CompletionStage
import java.util.function.Function

/**
 * An async generator whose body is a Java function of a [Yield] (`Asyncio.generate`), run one step per
 * `anext()` as a Python generator is (DESIGN-NOTES, "async generators").
 *
 * States: CREATED (body not started) → RUNNING (a step: an `anext()` waits, the body runs) →
 * SUSPENDED (the body waits at a yield's stage) → RUNNING … → DONE; CLOSING while `aclose()` throws
 * [GeneratorExit] into a suspended body.
 *
 * Ownership (DESIGN.md decision 7): each step runs under a job of its own, a child of the owner that
 * called `anext()`, so what the body starts during the step belongs to the consumer (cancelling the
 * consuming task cancels it, and the body's cleanup runs, as a `CancelledError` thrown in at the
 * `await` would) and cancelling the pending `anext()` future cancels that job. A suspended body runs
 * nothing and is owned by nobody. The close runs under a job of the loop, not of the (possibly
 * cancelled) closer, so its cleanup can still wait for things.
 *
 * Threads: meant for the loop thread, like every generator method; state is guarded by this object's
 * monitor anyway, and futures are completed outside of it. A step's items are handed over
 * synchronously: `yield` completes the pending `anext()` future in its own call, and `anext()` resumes
 * the body in its own call (what `__anext__` does in Python — no loop iteration in between).
 */
internal class AsyncGenerator<T : Any>(
    private val body: Function<in Yield<T>, out CompletionStage<*>?>,
    /** Called when a step's job is cancelled (for bodies that run a coroutine of their own). */
    private val onStepCancelled: ((CancellationException) -> Unit)? = null,
) : AsyncIterator<T>, Yield<T> {
    private enum class State { CREATED, RUNNING, SUSPENDED, CLOSING, DONE }

    private var core: LoopCore? = null // Guarded by this; set at the first anext().
    private var state = State.CREATED // Guarded by this.
    private var pull: CompletableFuture<Optional<T>>? = null // Guarded by this; the waiting anext() while RUNNING.
    private var pullCancelled = false // Guarded by this; that anext() was cancelled: the step is abandoned.
    private var parked: CompletableFuture<Void?>? = null // Guarded by this; the yield's stage while SUSPENDED.
    private var step: CompletableJob? = null // Guarded by this; owns what the body starts during a step.
    private var closing: CompletableFuture<Void?>? = null // Guarded by this; aclose()'s future.
    private var leftover: Throwable? = null // Guarded by this; a failure nobody waited for: the next anext() gets it.
    private var handingOver = false // Guarded by this; yield() is completing an anext() future right now.

    override fun anext(): CompletableFuture<Optional<T>> {
        val caller = Owner.current()
        val next = CompletableFuture<Optional<T>>()
        val job: CompletableJob
        val resume: CompletableFuture<Void?>?
        val reentrant: Boolean
        synchronized(this) {
            val bound = core
            check(bound == null || bound === caller.core) {
                "this async generator runs on ${bound?.loop}; anext() was called on ${caller.core.loop}"
            }
            when (state) {
                State.DONE -> {
                    val failure = leftover
                    leftover = null
                    return if (failure == null) CompletableFuture.completedFuture(Optional.empty()) else CompletableFuture.failedFuture(failure)
                }
                State.RUNNING, State.CLOSING -> return CompletableFuture.failedFuture(
                    IllegalStateException("anext(): asynchronous generator is already running"),
                )
                State.CREATED, State.SUSPENDED -> Unit
            }
            core = caller.core
            state = State.RUNNING
            pull = next
            pullCancelled = false
            job = Job(caller.job)
            step = job
            resume = parked
            parked = null
            reentrant = handingOver
        }
        next.whenComplete { _, _ -> if (next.isCancelled) abandon(next) }
        onStepCancelled?.let { hook ->
            job.invokeOnCompletion { cause -> if (cause is CancellationException) hook(cause) }
        }
        val stepOwner = ScopeOwner(caller.core, caller.task, job)
        if (!reentrant) {
            stepOwner.runAsCurrent { if (resume == null) start() else resume.complete(null) }
        } else {
            // Called from a callback of the anext() future a yield is completing: the body has not even
            // received that yield's stage yet, and resuming it here would run the rest of the body
            // after yield() returns, outside of this step (and recurse once per item). Next iteration.
            caller.core.callSoon { stepOwner.runAsCurrent { resume!!.complete(null) } }
        }
        return next
    }

    /** Runs the body up to its first yield (the first step). */
    private fun start() {
        val stage = try {
            body.apply(this)
        } catch (e: Throwable) {
            CompletableFuture.failedFuture<Any?>(e)
        }
        if (stage == null) {
            finish(NullPointerException("the async generator's body returned null instead of a CompletionStage"))
        } else {
            stage.whenComplete { _, failure -> finish(failure) }
        }
    }

    override fun yield(item: T): CompletionStage<Void> {
        if (item == null) throw NullPointerException("an async generator cannot yield null (anext() returns Optional)")
        val ignoredExit = synchronized(this) { if (state == State.CLOSING) closing else null }
        if (ignoredExit != null) {
            // Python's aclose() raises RuntimeError when the generator yields instead of exiting.
            ignoredExit.completeExceptionally(IllegalStateException("async generator ignored GeneratorExit"))
            return CompletableFuture.failedFuture(GeneratorExit())
        }
        val stage = CompletableFuture<Void?>()
        val waiting: CompletableFuture<Optional<T>>
        val job: CompletableJob?
        synchronized(this) {
            when {
                state == State.RUNNING && pullCancelled -> return CompletableFuture.failedFuture(
                    CancellationException("the anext() waiting for this item was cancelled"),
                )
                state != State.RUNNING -> return CompletableFuture.failedFuture(
                    IllegalStateException("yield() called while no anext() is waiting (state $state): chain each yield on the previous one's stage"),
                )
            }
            waiting = pull!!
            pull = null
            job = step
            step = null
            state = State.SUSPENDED
            parked = stage
        }
        job?.complete()
        synchronized(this) { handingOver = true }
        try {
            waiting.complete(Optional.of(item))
        } finally {
            synchronized(this) { handingOver = false }
        }
        @Suppress("UNCHECKED_CAST")
        return stage as CompletionStage<Void>
    }

    /** The body's stage is done: the generator is finished. */
    private fun finish(thrown: Throwable?) {
        val failure = thrown?.let { if (it is CompletionException && it.cause != null) it.cause!! else it }?.unwrapRecovered()
        val waiting: CompletableFuture<Optional<T>>?
        val job: CompletableJob?
        val close: CompletableFuture<Void?>?
        synchronized(this) {
            waiting = pull
            job = step
            close = closing
            if (waiting == null && close == null && failure != null) leftover = failure
            pull = null
            step = null
            parked = null
            state = State.DONE
        }
        job?.complete()
        if (close != null) {
            if (failure == null || failure is CancellationException) close.complete(null) else close.completeExceptionally(failure)
        }
        if (waiting != null) {
            if (failure == null) waiting.complete(Optional.empty()) else waiting.completeExceptionally(failure)
        }
    }

    /** The pending anext() was cancelled: cancel what the step started; a later yield drops its item. */
    private fun abandon(next: CompletableFuture<Optional<T>>) {
        val job = synchronized(this) {
            if (pull !== next) return
            pull = null
            pullCancelled = true
            step
        }
        job?.cancel(CancellationException("the anext() of this async generator was cancelled"))
    }

    /**
     * Python's `aclose()`: throws [GeneratorExit] in at the yield the body waits at and completes once
     * the body has finished. Nothing to do if it never started or is finished; while a step runs,
     * `IllegalStateException` as in Python — unless that step's `anext()` was cancelled, then this
     * waits for the body to finish.
     */
    override fun aclose(): CompletionStage<Void> {
        val resume: CompletableFuture<Void?>
        val result: CompletableFuture<Void?>
        val loop: LoopCore
        val reentrant: Boolean
        synchronized(this) {
            when (state) {
                State.CREATED, State.DONE -> {
                    state = State.DONE
                    return CompletableFuture.completedFuture(null)
                }
                State.CLOSING -> return voidStage(closing!!)
                State.RUNNING -> {
                    if (!pullCancelled) {
                        return CompletableFuture.failedFuture(IllegalStateException("aclose(): asynchronous generator is already running"))
                    }
                    return voidStage(closing ?: CompletableFuture<Void?>().also { closing = it })
                }
                State.SUSPENDED -> {
                    state = State.CLOSING
                    resume = parked!!
                    parked = null
                    result = CompletableFuture()
                    closing = result
                    loop = core!!
                    reentrant = handingOver
                }
            }
        }
        check(loop.isLoopThread()) { "aclose() of an async generator must be called on its event loop's thread" }
        val throwIn = {
            loop.runDetached {
                resume.completeExceptionally(GeneratorExit())
                result
            }
        }
        // As in anext(): from inside a yield's hand-over, the body gets its GeneratorExit next iteration.
        if (reentrant) loop.callSoon { throwIn() } else throwIn()
        return voidStage(result)
    }

    @Suppress("UNCHECKED_CAST")
    private fun voidStage(f: CompletableFuture<Void?>): CompletionStage<Void> = f as CompletionStage<Void>

    override fun toString(): String = "<async_generator ${synchronized(this) { state }}>"
}

/**
 * Runs [block] on the loop thread (the caller's) with an owner of its own, a child of the loop's root
 * job that ends when [block]'s stage is done: what a close starts then belongs to it, not to the
 * caller, which may be a task being cancelled (the close must still be able to wait for things).
 */
internal inline fun <S : CompletionStage<*>> LoopCore.runDetached(block: () -> S): S {
    val scope = Job(rootJob)
    val stage = ScopeOwner(this, null, scope).runAsCurrent(block)
    stage.whenComplete { _, _ -> scope.complete() }
    return stage
}

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

/**
 * The coroutine of a [Task] whose body is a Java supplier of a stage; it is also the task's [Owner]
 * and the [Runnable] the loop runs to start it, and its context is the job alone (the context of what
 * it starts, [operationContext], is made when first needed) — so a task costs less than a plain `async`.
 *
 * Starting runs the body with the task current. Then the task finishes with the stage's outcome:
 * - a stage already done: at once, with no coroutine frame;
 * - an operation the body started (a child of this task): once it settles, resumed through the loop
 *   like any wake-up — its cancellation is the task's, since it is this task's child;
 * - anything else: through [awaitStage], which keeps Java cleanups of a chain from being skipped.
 * Either way the task completes only after every operation it started (its children) is done.
 */
@OptIn(ExperimentalCoroutinesApi::class) // Job.parent, to recognise the task's own operations
internal class TaskCoroutine<T>(
    override val core: LoopCore,
    parent: Job,
    override val task: Task<T>,
    body: Supplier<out CompletionStage<out T>>,
) : FutureCoroutine<T>(parent, task, null), Owner, Runnable, SettleListener {
    private var body: Supplier<out CompletionStage<out T>>? = body

    /** The operation whose outcome becomes this task's, once it has settled. */
    private var adopted: CompletableFuture<out T>? = null

    /** Made on first use: most tasks start no coroutine-backed operation. Loop-thread only. */
    private var operations: CoroutineContext? = null

    override val job: Job get() = this

    override val operationContext: CoroutineContext
        get() = operations ?: (core.baseContext + this).also { operations = it }

    /** Starts the body now (an eager task) or on the next loop iteration. */
    fun launch(eager: Boolean) {
        if (eager) run() else core.dispatch(this, this)
    }

    override fun run() {
        val settled = adopted
        if (settled != null) {
            adopted = null
            runAsCurrent { finishWith(settled) }
            return
        }
        val body = this.body ?: return
        this.body = null
        // Cancelled before it started (or dispatched off a closed loop): the body never runs, as in asyncio.
        if (!isActive || Thread.currentThread() !is LoopThread) {
            resumeWith(Result.failure(getCancellationException()))
            return
        }
        runAsCurrent { start(body) }
    }

    private fun start(body: Supplier<out CompletionStage<out T>>) {
        val stage = try {
            // A Java supplier may return null whatever its declared type says.
            val returned: CompletionStage<out T>? = body.get()
            returned ?: throw NullPointerException("the task body returned null instead of a CompletionStage")
        } catch (e: Throwable) {
            resumeWith(Result.failure(e))
            return
        }
        @Suppress("UNCHECKED_CAST")
        val future = stage.toCompletableFuture() as CompletableFuture<out T>
        if (future.isDone) return finishWith(future)
        if (future is Future<*> && future.work?.parent === this) {
            adopted = future
            if (future.listen(this)) return
            adopted = null
        }
        val awaiting: suspend () -> T = { future.awaitStage("the task body") }
        // Undispatched: the await starts inside this iteration, with the task current.
        awaiting.createCoroutineUnintercepted(BodyAwait(this)).resumeWith(Result.success(Unit))
    }

    // The task's own completion runs its dependents — callbacks other code registered on the task — as
    // code of the loop, not of this task: the task is finished, so what they start must not become its
    // children (they would be cancelled at once). TaskJavaTest.handleOnACancelledTaskSeesTheCancellationAsAValue.
    override fun onCompleted(value: T) = runWithOwner(null) { super.onCompleted(value) }

    override fun onCancelled(cause: Throwable, handled: Boolean) = runWithOwner(null) { super.onCancelled(cause, handled) }

    override fun settled(future: Future<*>) {
        core.dispatch(this, this)
    }

    /**
     * Runs the await of a pending body stage on the loop (this task's own context is the job alone, see
     * [SleepCoroutine]) and hands its outcome to the task.
     */
    private class BodyAwait<T>(private val task: TaskCoroutine<T>) : Continuation<T> {
        override val context: CoroutineContext get() = task.operationContext

        override fun resumeWith(result: Result<T>) = task.resumeWith(result)
    }

    private fun finishWith(future: CompletableFuture<out T>) {
        val failure = FutureAwaitables.failure(future)
        resumeWith(if (failure == null) Result.success(future.getNow(null)) else Result.failure(failure))
    }
}

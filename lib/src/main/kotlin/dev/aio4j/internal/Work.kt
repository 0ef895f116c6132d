package dev.aio4j.internal

import dev.aio4j.Future
import dev.aio4j.Task
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.CoroutineStart
import kotlinx.coroutines.Job
import kotlinx.coroutines.NonCancellable
import kotlinx.coroutines.currentCoroutineContext
import kotlinx.coroutines.future.await
import kotlinx.coroutines.job
import kotlinx.coroutines.withContext
import java.util.concurrent.CancellationException
import java.util.concurrent.CompletableFuture
import java.util.concurrent.CompletionStage
import java.util.concurrent.atomic.AtomicLong
import java.util.function.Supplier

private val taskCounter = AtomicLong()

/** The N of the next default task name "Task-N", shared by every loop as asyncio's counter is. */
internal fun nextTaskNumber(): Long = taskCounter.incrementAndGet()

/**
 * Starts a task whose body is a Java supplier of a stage, as a child of [parent]; [start] is
 * `UNDISPATCHED` for an eager task. The task owns what its body starts (DESIGN.md, decision 7).
 */
internal fun <T> LoopCore.startTask(
    parent: Job,
    name: String?,
    body: Supplier<out CompletionStage<out T>>,
    start: CoroutineStart = CoroutineStart.DEFAULT,
): Task<T> {
    val task = Task<T>(LoopRef(this), name)
    val coroutine = TaskCoroutine(this, parent, task, body)
    task.work = coroutine
    coroutine.launch(eager = start == CoroutineStart.UNDISPATCHED)
    return task
}

/**
 * Starts an aio4j operation owned by the current owner and returns its future. The operation starts
 * undispatched: what can finish at once returns an already-completed future (DESIGN.md, decision 8).
 */
internal fun <T> startOperation(block: suspend CoroutineScope.() -> T): Future<T> =
    Owner.current().startOperation(block)

internal fun <T> Owner.startOperation(block: suspend CoroutineScope.() -> T): Future<T> {
    val future = Future<T>(LoopRef(core))
    val coroutine = FutureCoroutine(operationContext, future, this)
    future.work = coroutine
    coroutine.start(CoroutineStart.UNDISPATCHED, coroutine, block)
    return future
}

/**
 * The future of an operation that finished without waiting (decision 8): already settled, with no work
 * behind it. Take the [Owner] before doing the operation's work, so that off the loop it fails first.
 */
internal fun <T> Owner.completedOperation(value: T): Future<T> = core.settledFuture(value)

/** A future of this loop, already settled with [value]. */
internal fun <T> LoopCore.settledFuture(value: T): Future<T> = Future<T>(LoopRef(this)).also { it.settle(value, null) }

/**
 * The facade's `acquire` of a lock or semaphore: done at once when [tryAtOnce] takes it without waiting,
 * else an operation that waits its turn with [acquire]. The running loop is looked up first, so off the
 * loop it fails before taking anything.
 */
internal inline fun acquireOperation(tryAtOnce: () -> Boolean, noinline acquire: suspend () -> Boolean): Future<Boolean> {
    val owner = Owner.current()
    return if (tryAtOnce()) owner.core.doneWithTrue else owner.startOperation { acquire() }
}

/** The facade's `sleep`: a [SleepCoroutine] owned by the current owner. */
internal fun <T> startSleep(delay: java.time.Duration, result: T): Future<T> {
    val owner = Owner.current()
    val future = Future<T>(LoopRef(owner.core))
    val sleep = SleepCoroutine(owner, future, result)
    future.work = sleep
    sleep.schedule(delay)
    return future
}

/**
 * Awaits the stage a Java body returned, with a clear error where it returned null.
 *
 * On cancellation the stage is not cancelled at once, unlike kotlinx's `await()`: the stage is usually
 * the tail of a chain (`sleep(..).whenComplete(cleanup)`), and the JDK skips the action of a dependent
 * that was cancelled first — Java's "finally" would never run. Cancellation reaches the chain through
 * its head instead: the operations the chain waits on are children of this coroutine and are being
 * cancelled. Once they have all finished, a stage still pending is foreign and is cancelled.
 */
internal suspend fun <T> CompletionStage<out T>?.awaitStage(what: String): T {
    val stage = (this ?: throw NullPointerException("$what returned null instead of a CompletionStage"))
        .toCompletableFuture()
    @Suppress("UNCHECKED_CAST")
    val future = stage as CompletableFuture<T>
    if (future is Future<*> && future.work != null) return future.await()
    if (!future.isDone) {
        val job = currentCoroutineContext().job
        try {
            future.awaitDone()
        } catch (e: CancellationException) {
            withContext(NonCancellable) { for (child in job.children) child.join() }
            if (!future.isDone) future.cancel(false)
            // As in asyncio, a failure raised while cleaning up replaces the cancellation.
            val failure = FutureAwaitables.failure(future)
            if (failure != null && failure !is CancellationException) throw failure
            throw e
        }
    }
    return future.await()
}

/**
 * Runs a Java body (of `timeout`, `taskGroup`, `waitFor(Supplier…)`, `withLock`, …) as owned by the scope
 * running it, so cancelling that scope cancels what the body starts (DESIGN.md, decision 7), then awaits
 * the body's stage. Must run on the loop thread.
 */
internal suspend fun <T> CoroutineScope.runOwnedBody(parent: Owner, body: () -> CompletionStage<out T>?): T {
    val owner = ScopeOwner(parent.core, parent.task, coroutineContext.job)
    return owner.runAsCurrent(body).awaitStage("the body")
}

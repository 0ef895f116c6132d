package dev.aio4j.internal

import dev.aio4j.Future
import dev.aio4j.Task
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.CoroutineStart
import kotlinx.coroutines.Job
import kotlinx.coroutines.future.await
import java.util.concurrent.CompletionStage
import java.util.concurrent.atomic.AtomicLong
import java.util.function.Supplier

private val taskCounter = AtomicLong()

internal fun nextTaskName(): String = "Task-${taskCounter.incrementAndGet()}"

/**
 * Starts a task whose body is a Java supplier of a stage, as a child of [parent].
 * The task owns what its body starts (DESIGN.md, decision 7).
 */
internal fun <T> LoopCore.startTask(
    parent: Job,
    name: String?,
    body: Supplier<out CompletionStage<out T>>,
    start: CoroutineStart = CoroutineStart.DEFAULT,
): Task<T> {
    val task = Task<T>(this, name ?: nextTaskName())
    val owner = Owner(this, task, null)
    val coroutine = FutureCoroutine(baseContext + owner + parent, task)
    owner.job = coroutine
    task.work = coroutine
    coroutine.start(start, body) { get().awaitStage("the task body") }
    return task
}

/**
 * Starts an aio4j operation owned by the current owner and returns its future. The operation starts
 * undispatched: what can finish at once returns an already-completed future (DESIGN.md, decision 8).
 */
internal fun <T> startOperation(block: suspend CoroutineScope.() -> T): Future<T> =
    Owner.current().startOperation(block)

internal fun <T> Owner.startOperation(block: suspend CoroutineScope.() -> T): Future<T> {
    val future = Future<T>(core)
    val coroutine = FutureCoroutine(operationContext, future)
    future.work = coroutine
    coroutine.start(CoroutineStart.UNDISPATCHED, coroutine, block)
    return future
}

/** Awaits a stage a Java callback handed us, with a clear error where it handed us null. */
internal suspend fun <T> CompletionStage<out T>?.awaitStage(what: String): T {
    val stage = this ?: throw NullPointerException("$what returned null instead of a CompletionStage")
    @Suppress("UNCHECKED_CAST")
    return (stage as CompletionStage<T>).await()
}

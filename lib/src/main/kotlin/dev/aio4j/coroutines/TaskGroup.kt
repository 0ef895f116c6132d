package dev.aio4j.coroutines

import dev.aio4j.ExceptionGroup
import kotlinx.coroutines.CancellationException
import kotlinx.coroutines.CompletableJob
import kotlinx.coroutines.CoroutineName
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Deferred
import kotlinx.coroutines.Job
import kotlinx.coroutines.NonCancellable
import kotlinx.coroutines.SupervisorJob
import kotlinx.coroutines.async
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.currentCoroutineContext
import kotlinx.coroutines.ensureActive
import kotlinx.coroutines.job
import kotlinx.coroutines.withContext
import kotlin.coroutines.CoroutineContext
import kotlin.coroutines.EmptyCoroutineContext

/**
 * asyncio's `TaskGroup`, over a supervisor job: see [taskGroup].
 *
 * ```kotlin
 * taskGroup { tg ->
 *     tg.createTask("a") { fetch("a") }
 *     tg.createTask("b") { fetch("b") }
 * }
 * ```
 */
public class TaskGroup internal constructor(parent: Job, private val childContext: CoroutineContext) {
    private enum class State { ACTIVE, SHUTTING_DOWN, FINISHED }

    /** The parent of every child task; failures of children do not travel through it. */
    internal val supervisor: CompletableJob = SupervisorJob(parent)

    private val lock = Any()
    private var state = State.ACTIVE // Guarded by lock.
    private val errors = ArrayList<Throwable>() // Guarded by lock; in order of occurrence.

    @Volatile internal var body: Job? = null

    /**
     * Starts [block] as a child task. `IllegalStateException` once the group is shutting down (a child
     * failed) or finished, as asyncio raises `RuntimeError`.
     */
    public fun <T> createTask(name: String? = null, block: suspend CoroutineScope.() -> T): Deferred<T> {
        checkOpen()
        val context = childContext + supervisor + (name?.let(::CoroutineName) ?: EmptyCoroutineContext)
        return CoroutineScope(context).async(block = block).also(::adopt)
    }

    internal fun checkOpen() {
        synchronized(lock) {
            when (state) {
                State.ACTIVE -> {}
                State.SHUTTING_DOWN -> throw IllegalStateException("TaskGroup is shutting down: a task failed")
                State.FINISHED -> throw IllegalStateException("TaskGroup is finished")
            }
        }
    }

    /** Watches a child started by this group (also the Java facade's tasks). */
    internal fun adopt(child: Job) {
        child.invokeOnCompletion { cause ->
            if (cause != null && cause !is CancellationException) {
                synchronized(lock) { errors.add(cause) }
                abort()
            }
        }
    }

    /** Cancels every child and the body, once. */
    internal fun abort() {
        synchronized(lock) {
            if (state != State.ACTIVE) return
            state = State.SHUTTING_DOWN
        }
        val why = CancellationException("the TaskGroup is shutting down: a task failed or the group was cancelled")
        supervisor.cancel(why)
        body?.cancel(why)
    }

    internal suspend fun awaitChildren() {
        supervisor.complete()
        try {
            supervisor.join()
        } catch (e: CancellationException) {
            abort()
            withContext(NonCancellable) { supervisor.join() }
        }
        synchronized(lock) { state = State.FINISHED }
    }

    internal fun errors(): List<Throwable> = synchronized(lock) { ArrayList(errors) }
}

/**
 * asyncio's `async with TaskGroup() as tg`: runs [block] with a group whose tasks it starts, then waits
 * for every task. The first failure of a task cancels the other tasks and the block; a failure of the
 * block cancels the tasks. Every failure other than a cancellation — the tasks' in the order they
 * happened, then the block's — is thrown together as one [ExceptionGroup]; those failures win over a
 * cancellation of the caller. With no failures the block's value is returned once all tasks are done.
 *
 * ```kotlin
 * val (a, b) = taskGroup { tg -> tg.createTask { fetch("a") } to tg.createTask { fetch("b") } }
 * println(a.await() + b.await())
 * ```
 */
public suspend fun <R> taskGroup(block: suspend CoroutineScope.(TaskGroup) -> R): R {
    val outer = currentCoroutineContext()
    val group = TaskGroup(outer.job, outer.minusKey(Job))
    return runTaskGroup(group) { coroutineScope { group.body = coroutineContext.job; block(group) } }
}

/** The exit logic of a task group, shared with the Java facade, whose body is started differently. */
internal suspend fun <R> runTaskGroup(group: TaskGroup, body: suspend () -> R): R {
    var bodyFailure: Throwable? = null
    var result: R? = null
    try {
        result = body()
    } catch (e: Throwable) {
        bodyFailure = e
    }
    group.body = null
    if (bodyFailure != null && bodyFailure !is CancellationException) group.abort()
    if (!currentCoroutineContext().job.isActive) group.abort()
    group.awaitChildren()
    val failures = group.errors() + listOfNotNull(bodyFailure?.takeUnless { it is CancellationException })
    if (failures.isNotEmpty()) throw ExceptionGroup("unhandled errors in a TaskGroup", failures)
    if (bodyFailure != null) throw bodyFailure
    currentCoroutineContext().ensureActive()
    @Suppress("UNCHECKED_CAST")
    return result as R
}

package dev.aio4j

import dev.aio4j.internal.LoopRef
import dev.aio4j.internal.UnretrievedWatch
import dev.aio4j.internal.nextTaskNumber
import java.util.concurrent.CompletionStage
import java.util.concurrent.TimeUnit
import java.util.function.BiConsumer
import java.util.function.BiFunction
import java.util.function.Function

/**
 * A running piece of work on an [EventLoop]: asyncio's `Task`, and a [CompletionStage] of its result.
 *
 * Create one with [Asyncio.createTask] (or [TaskGroup.createTask]); it starts on the next loop
 * iteration, as `asyncio.create_task` schedules it. The task's body returns a stage; the task finishes
 * with that stage's outcome once the body and every aio4j operation it started are done.
 *
 * Everything of [Future] applies: [result] throws failures as themselves, [cancel] requests
 * cancellation and the task is done once its cleanup ran, done callbacks run on the loop. A task's
 * result cannot be set from outside: [setResult] and [setException] throw `IllegalStateException`.
 *
 * ```java
 * Task<String> t = Asyncio.createTask(() -> fetch("https://127.0.0.1/a"), "fetch-a");
 * t.addDoneCallback(done -> System.out.println(done.getName() + " finished"));
 * t.cancel("no longer needed");
 * ```
 */
public class Task<T> internal constructor(ref: LoopRef, name: String?) : Future<T>(ref) {
    /** Null until named: the default "Task-N" is made on first use, from [number]. */
    @Volatile private var taskName: String? = name
    private val number: Long = if (name == null) nextTaskNumber() else 0

    /** Loop time of creation, for [TaskInfo.ageSeconds]. */
    @get:JvmSynthetic internal val createdNanos: Long = ref.core.now()
    private val unretrieved: UnretrievedWatch? = UnretrievedWatch.register(this, ref.core)

    /** The task's name (asyncio's `get_name`): the one given, else "Task-N" in order of creation. */
    public fun getName(): String = taskName ?: "Task-$number".also { taskName = it }

    /** Renames the task (asyncio's `set_name`). */
    public fun setName(name: String) {
        taskName = name
    }

    /** 1 while a cancellation was requested and the task has not finished yet, else 0. */
    public fun cancelling(): Int = if (!isDone && work?.isCancelled == true) 1 else 0

    /** Not supported: a task's result comes from its body. */
    override fun setResult(value: T): Unit = throw IllegalStateException("Task does not support setResult()")

    /** Not supported: a task's exception comes from its body. */
    override fun setException(exception: Throwable): Unit =
        throw IllegalStateException("Task does not support setException()")

    @JvmSynthetic
    override fun settle(value: T?, failure: Throwable?) {
        unretrieved?.finished(failure, numberOfDependents > 0 || hasListener())
        super.settle(value, failure)
    }

    @JvmSynthetic
    override fun markRetrieved() {
        unretrieved?.retrieved()
    }

    override fun get(): T = super.get().also { markRetrieved() }
    override fun get(timeout: Long, unit: TimeUnit): T = super.get(timeout, unit).also { markRetrieved() }
    override fun join(): T {
        markRetrieved()
        return super.join()
    }

    override fun <U> handle(fn: BiFunction<in T, Throwable?, out U>): java.util.concurrent.CompletableFuture<U> {
        markRetrieved()
        return super.handle(fn)
    }

    override fun whenComplete(action: BiConsumer<in T, in Throwable?>): java.util.concurrent.CompletableFuture<T> {
        markRetrieved()
        return super.whenComplete(action)
    }

    override fun exceptionally(fn: Function<Throwable, out T>): java.util.concurrent.CompletableFuture<T> {
        markRetrieved()
        return super.exceptionally(fn)
    }

    override fun toString(): String = "<Task ${state()} name='${getName()}'>"
}

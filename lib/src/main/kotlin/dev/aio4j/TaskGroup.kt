package dev.aio4j

import dev.aio4j.internal.LoopCore
import dev.aio4j.internal.LoopRef
import dev.aio4j.internal.startTask
import java.util.concurrent.CompletionStage
import java.util.function.Supplier

/**
 * The group handed to the body of [Asyncio.taskGroup]: asyncio's `TaskGroup`.
 *
 * Its tasks are children of the group. The first failure cancels the other tasks and the body; the
 * group waits for every task, then fails with one [ExceptionGroup] of all failures (cancellations
 * excluded), or completes with the body's value. Creating a task once the group is shutting down or
 * finished throws `IllegalStateException`.
 *
 * ```java
 * Asyncio.taskGroup(tg -> List.of(
 *         tg.createTask(() -> download(1), "download-1"),
 *         tg.createTask(() -> download(2), "download-2")))
 *     .thenApply(tasks -> tasks.stream().map(Task::result).toList());
 * ```
 */
public class TaskGroup internal constructor(
    private val core: dev.aio4j.coroutines.TaskGroup,
    ref: LoopRef,
) {
    private val loop: LoopCore = ref.core

    /** Starts [body] as a task of this group, named [name] (or `Task-N`). */
    @JvmOverloads
    public fun <T> createTask(body: Supplier<out CompletionStage<out T>>, name: String? = null): Task<T> {
        core.checkOpen()
        return loop.startTask(core.supervisor, name, body, loop.loop.taskStart()).also { core.adopt(it.work!!) }
    }

    /** The Kotlin group underneath, for Kotlin callers. */
    public fun coroutines(): dev.aio4j.coroutines.TaskGroup = core
}

@file:JvmName("Asyncio")

package dev.aio4j

import dev.aio4j.coroutines.runInExecutor as coreRunInExecutor
import dev.aio4j.coroutines.runTaskGroup
import dev.aio4j.coroutines.sleep as coreSleep
import dev.aio4j.coroutines.using as coreUsing
import dev.aio4j.coroutines.timeoutAt as coreTimeoutAt
import dev.aio4j.coroutines.timeout as coreTimeout
import dev.aio4j.coroutines.waitFor as coreWaitFor
import dev.aio4j.internal.FutureAwaitables
import dev.aio4j.internal.LoopRef
import dev.aio4j.internal.LoopThread
import dev.aio4j.internal.Owner
import dev.aio4j.internal.ScopeOwner
import dev.aio4j.internal.runAsCurrent
import dev.aio4j.internal.awaitCancellingAndJoining
import dev.aio4j.internal.awaitShielded
import dev.aio4j.internal.awaitStage
import dev.aio4j.internal.gatherAll
import dev.aio4j.internal.inCompletionOrder
import dev.aio4j.internal.runOwnedBody
import dev.aio4j.internal.startOperation
import dev.aio4j.internal.startSleep
import dev.aio4j.internal.startTask
import dev.aio4j.internal.waitUntil
import kotlinx.coroutines.job
import java.time.Duration
import java.util.concurrent.Callable
import java.util.concurrent.CancellationException
import java.util.concurrent.CompletableFuture
import java.util.concurrent.CompletionException
import java.util.concurrent.CompletionStage
import java.util.concurrent.ExecutionException
import java.util.concurrent.Executor
import java.util.concurrent.atomic.AtomicInteger
import java.util.function.Function
import java.util.function.Supplier
import kotlin.time.toKotlinDuration

/*
 * asyncio's module functions for Java: `import static dev.aio4j.Asyncio.*;`.
 *
 * Every method that waits returns at once with a future (a [Future]) that completes on the event loop
 * thread. Operations started while a task is running belong to that task (DESIGN.md, decision 7):
 * cancelling the task cancels them, even when they were started from a callback of one of its stages.
 * Errors are never wrapped: a future fails with the exception itself, and `run` throws it as itself.
 *
 * ```java
 * List<String> files = Asyncio.run(() -> Asyncio.gather(download(1), download(2), download(3)));
 * ```
 */

/**
 * asyncio's `run`: runs [main] as the first task of a fresh event loop on a new thread, blocks until it
 * is done, cancels and waits for every task still running, closes the loop, and returns main's result
 * or throws main's exception as itself. Refuses to run inside a running loop. Debug mode is on when
 * the environment has `AIO4J_DEBUG=1`.
 *
 * ```java
 * String answer = Asyncio.run(() -> Asyncio.sleep(Duration.ofMillis(10), "done"));
 * ```
 */
public fun <T> run(main: Supplier<out CompletionStage<out T>>): T = run(main, System.getenv("AIO4J_DEBUG") == "1")

/** [run] with debug mode on or off (DESIGN.md, decision 9; see [EventLoop.setDebug]). */
public fun <T> run(main: Supplier<out CompletionStage<out T>>, debug: Boolean): T {
    val thread = Thread.currentThread()
    if (thread is LoopThread) {
        throw IllegalStateException("Asyncio.run() cannot be called from a running event loop (thread '${thread.name}')")
    }
    val loop = EventLoop.create()
    try {
        loop.setDebug(debug)
        return loop.runUntilComplete(main)
    } finally {
        loop.close()
    }
}

/** The loop running the current thread; `IllegalStateException` if none (asyncio's `get_running_loop`). */
public fun getRunningLoop(): EventLoop = Owner.current().core.loop

/**
 * asyncio's `create_task`: schedules [body] as a new task on the running loop and returns it; the body
 * runs on the next loop iteration. The task is independent of the calling task (as in asyncio); what
 * the *body* starts belongs to the new task.
 *
 * ```java
 * Task<String> t = Asyncio.createTask(() -> download(1), "download-1");
 * ```
 */
@JvmOverloads
public fun <T> createTask(body: Supplier<out CompletionStage<out T>>, name: String? = null): Task<T> {
    val core = Owner.current().core
    return core.startTask(core.rootJob, name, body, core.loop.taskStart())
}

/** A new [Future] on the running loop (asyncio's `loop.create_future()`). */
public fun <T> createFuture(): Future<T> = Future(Owner.current().core.loop)

/**
 * asyncio's `sleep`: completes after [delay]. Zero or negative yields to the loop once.
 *
 * ```java
 * Asyncio.sleep(Duration.ofMillis(500)).thenRun(() -> System.out.println("half a second later"));
 * ```
 */
public fun sleep(delay: Duration): Future<Void?> = startSleep(delay, null)

/** asyncio's `sleep(delay, result)`: completes with [result] after [delay]. */
public fun <T> sleep(delay: Duration, result: T): Future<T> = startSleep(delay, result)

/**
 * asyncio's `gather`: the results of [stages] in input order.
 *
 * Differs from CPython on purpose (DESIGN.md, decision 3): the first failure cancels the other stages,
 * waits until they finished their cleanup, then fails the gather with that exception, so nothing is
 * left running. Cancelling the returned future cancels every stage. [gatherSettled] never fails.
 *
 * ```java
 * Asyncio.gather(download(1), download(2)).thenAccept(files -> System.out.println(files));
 * ```
 */
@SafeVarargs
public fun <T> gather(vararg stages: CompletionStage<out T>): Future<List<T>> = gather(stages.asList())

/** [gather] over a collection. */
public fun <T> gather(stages: Collection<CompletionStage<out T>>): Future<List<T>> {
    val futures = stages.map { it.toCompletableFuture() }
    return startOperation {
        @Suppress("UNCHECKED_CAST")
        gatherAll(FutureAwaitables, futures, settle = false) as List<T>
    }
}

/**
 * asyncio's `gather(..., return_exceptions=True)`, typed: how each stage ended, in input order. Never
 * fails because a stage failed and cancels nothing; cancelling it cancels every stage.
 *
 * ```java
 * Asyncio.gatherSettled(List.of(a, b)).thenAccept(outcomes -> outcomes.forEach(System.out::println));
 * ```
 */
@SafeVarargs
public fun <T> gatherSettled(vararg stages: CompletionStage<out T>): Future<List<Outcome<T>>> =
    gatherSettled(stages.asList())

/** [gatherSettled] over a collection. */
public fun <T> gatherSettled(stages: Collection<CompletionStage<out T>>): Future<List<Outcome<T>>> {
    val futures = stages.map { it.toCompletableFuture() }
    return startOperation {
        @Suppress("UNCHECKED_CAST")
        gatherAll(FutureAwaitables, futures, settle = true) as List<Outcome<T>>
    }
}

/**
 * asyncio's `wait`: completes when [returnWhen] holds or [timeout] (null = none) passes, with the done and
 * the pending stages. Never cancels anything and never fails on timeout. An empty collection fails
 * with `IllegalArgumentException`.
 *
 * ```java
 * Asyncio.wait(List.of(t1, t2), ReturnWhen.FIRST_COMPLETED, Duration.ofSeconds(1))
 *     .thenAccept(r -> r.pending().forEach(Task::cancel));
 * ```
 */
@JvmOverloads
public fun <F : CompletionStage<*>> wait(
    stages: Collection<F>,
    returnWhen: ReturnWhen = ReturnWhen.ALL_COMPLETED,
    timeout: Duration? = null,
): Future<WaitResult<F>> {
    require(stages.isNotEmpty()) { "wait() needs at least one awaitable; the collection is empty" }
    val originals = LinkedHashSet(stages).toList()
    val futures = originals.map { it.toCompletableFuture() }
    return startOperation {
        waitUntil(FutureAwaitables, futures, returnWhen, timeout?.toKotlinDuration())
        val done = LinkedHashSet<F>()
        val pending = LinkedHashSet<F>()
        originals.forEachIndexed { i, stage -> (if (futures[i].isDone) done else pending).add(stage) }
        WaitResult(done, pending)
    }
}

/**
 * asyncio's `as_completed`: one future per distinct stage, the first completing with the first result
 * to arrive, the second with the second, and so on (a failure arrives in its turn). With [timeout], the
 * futures still open when it passes fail with [TimeoutError]; nothing is cancelled.
 *
 * ```java
 * for (CompletableFuture<String> next : Asyncio.asCompleted(List.of(google, bing, duck))) {
 *     next.thenAccept(System.out::println);
 * }
 * ```
 */
@JvmOverloads
public fun <T> asCompleted(stages: Collection<CompletionStage<out T>>, timeout: Duration? = null): List<CompletableFuture<T>> {
    val owner = Owner.current()
    val futures = stages.map { it.toCompletableFuture() }
    val slots = List(LinkedHashSet(futures).size) { Future<T>(owner.core.loop) }
    val filled = AtomicInteger()
    val timer = timeout?.let { d ->
        owner.startOperation {
            coreSleep(d.toKotlinDuration())
            for (slot in slots) slot.settle(null, TimeoutError("as_completed timed out after $d"))
        }
    }
    inCompletionOrder(FutureAwaitables, futures) { k, item ->
        val failure = FutureAwaitables.failure(item)
        @Suppress("UNCHECKED_CAST")
        slots[k].settle(if (failure == null) FutureAwaitables.value(item) as T? else null, failure)
        if (filled.incrementAndGet() == slots.size) timer?.cancel()
    }
    return slots
}

/**
 * asyncio's `wait_for`: [stage]'s result, or — after [timeout] — cancels the stage, waits until it is
 * done, and fails with [TimeoutError]. A stage already done gives its result even with a zero timeout;
 * null waits forever. Cancelling the returned future cancels the stage.
 *
 * Work the *caller* started before (e.g. the `sleep` under a `thenCompose`) is not the stage and is not
 * cancelled by a timeout; pass a supplier to [waitFor] so the timeout owns that work too.
 *
 * ```java
 * Asyncio.waitFor(download(1), Duration.ofSeconds(5));
 * ```
 */
public fun <T> waitFor(stage: CompletionStage<T>, timeout: Duration?): Future<T> {
    val future = stage.toCompletableFuture()
    return startOperation {
        when {
            timeout == null || future.isDone -> future.awaitCancellingAndJoining()
            timeout.isNegative || timeout.isZero -> {
                future.cancel(false)
                runCatching { future.awaitCancellingAndJoining() }
                throw TimeoutError("wait_for timed out (timeout $timeout)")
            }
            else -> coreTimeout(timeout.toKotlinDuration()) { future.awaitCancellingAndJoining() }
        }
    }
}

/**
 * asyncio's `wait_for(coro, timeout)`: starts [body] under a timeout that owns everything the body
 * starts; after [timeout] all of it is cancelled, and once its cleanup ran the future fails with
 * [TimeoutError]. A timeout of zero or less fails at once without running [body].
 */
public fun <T> waitFor(body: Supplier<out CompletionStage<out T>>, timeout: Duration?): Future<T> {
    val owner = Owner.current()
    return owner.startOperation { coreWaitFor(timeout?.toKotlinDuration()) { runOwnedBody(owner) { body.get() } } }
}

/**
 * asyncio's `async with asyncio.timeout(delay)`: runs [body] and, if it has not finished after [delay]
 * (null = never), cancels it and everything it started, waits for their cleanup, and fails with
 * [TimeoutError]. A cancellation from outside stays a cancellation.
 *
 * ```java
 * Asyncio.timeout(Duration.ofSeconds(2), () -> Asyncio.sleep(Duration.ofSeconds(10)))
 *     .exceptionally(e -> { System.out.println("Operation timed out!"); return null; });
 * ```
 */
public fun <T> timeout(delay: Duration?, body: Supplier<out CompletionStage<out T>>): Future<T> =
    timeout(delay) { _: Timeout -> body.get() }

/** [timeout] with the scope's [Timeout] handle, to read or move the deadline. */
public fun <T> timeout(delay: Duration?, body: Function<Timeout, out CompletionStage<out T>>): Future<T> {
    val owner = Owner.current()
    return owner.startOperation {
        coreTimeout(delay?.toKotlinDuration()) { handle -> runOwnedBody(owner) { body.apply(Timeout(handle)) } }
    }
}

/** asyncio's `timeout_at`: [timeout] with an absolute deadline in loop seconds (null = never). */
public fun <T> timeoutAt(whenSeconds: Double?, body: Function<Timeout, out CompletionStage<out T>>): Future<T> {
    val owner = Owner.current()
    return owner.startOperation {
        coreTimeoutAt(whenSeconds) { handle -> runOwnedBody(owner) { body.apply(Timeout(handle)) } }
    }
}

/**
 * asyncio's `shield`: a future that mirrors [stage], except that cancelling it does not cancel the stage.
 * Work the current task started is still cancelled with the task; to shield such work, use the supplier
 * form, which runs it as an independent task.
 *
 * ```java
 * Asyncio.shield(saveTask).thenAccept(v -> System.out.println("saved"));
 * ```
 */
public fun <T> shield(stage: CompletionStage<T>): Future<T> {
    val future = stage.toCompletableFuture()
    return startOperation { future.awaitShielded() }
}

/** asyncio's `shield(coro)`: runs [body] as an independent task and shields it. */
public fun <T> shield(body: Supplier<out CompletionStage<out T>>): Future<T> {
    val core = Owner.current().core
    return shield(core.startTask(core.rootJob, null, body))
}

/**
 * asyncio's `to_thread`: runs blocking [call] on the loop's default executor (virtual threads on JDK 21+,
 * else a bounded pool) and completes on the loop with its result. Cancelling the future releases the
 * caller; a call already running finishes on its own and nothing is interrupted.
 *
 * ```java
 * Asyncio.toThread(() -> Files.readString(path)).thenAccept(System.out::println);
 * ```
 */
public fun <T> toThread(call: Callable<T>): Future<T> = runInExecutor(null, call)

/** [toThread] for a call with no result. */
public fun toThread(call: Runnable): Future<Void?> = runInExecutor(null) {
    call.run()
    null
}

/** asyncio's `loop.run_in_executor`: [toThread] on [executor] (null = the loop's default executor). */
public fun <T> runInExecutor(executor: Executor?, call: Callable<T>): Future<T> =
    startOperation { coreRunInExecutor(executor) { call.call() } }

/** Every task of the running loop that is not done yet (asyncio's `all_tasks`). */
public fun allTasks(): Set<Task<*>> = getRunningLoop().allTasks()

/** The task running now, or null in a plain callback; `IllegalStateException` off a loop (asyncio's `current_task`). */
public fun currentTask(): Task<*>? = Owner.current().task

/**
 * asyncio's `async with TaskGroup() as tg`: calls [body] with a new [TaskGroup] and completes with the
 * body's value once every task of the group is done — or fails with one [ExceptionGroup] of every
 * failure. See [TaskGroup] for the rules.
 *
 * ```java
 * Asyncio.taskGroup(tg -> {
 *     tg.createTask(() -> download(1));
 *     tg.createTask(() -> download(2));
 *     return "started two";
 * });
 * ```
 */
public fun <T> taskGroup(body: Function<TaskGroup, out T>): Future<T> =
    taskGroupCompose { tg -> CompletableFuture.completedFuture(body.apply(tg)) }

/** [taskGroup] whose body returns a stage; the group's body is done when that stage is. */
public fun <T> taskGroupCompose(body: Function<TaskGroup, out CompletionStage<out T>>): Future<T> {
    val owner = Owner.current()
    return owner.startOperation {
        val group = dev.aio4j.coroutines.TaskGroup(coroutineContext.job, coroutineContext.minusKey(kotlinx.coroutines.Job))
        runTaskGroup(group) {
            kotlinx.coroutines.coroutineScope {
                group.body = coroutineContext.job
                runOwnedBody(owner) { body.apply(TaskGroup(group, LoopRef(owner.core))) }
            }
        }
    }
}

/**
 * asyncio's `async with resource as r`: runs [body] with [resource] (everything the body starts is
 * owned by this operation), then closes the resource with [AsyncCloseable.aexit] once the body's stage
 * is done — after a value, a failure or a cancellation; the close itself is not cancelled. `aexit` sees
 * the body's exception and may suppress it (the future then completes with null); a cancellation is
 * never suppressed. A failure of the close wins, with the body's attached as suppressed.
 *
 * ```java
 * Asyncio.using(openConnection(), conn -> conn.query("SELECT 1")).thenAccept(System.out::println);
 * ```
 */
public fun <R : AsyncCloseable, T> using(resource: R, body: Function<in R, out CompletionStage<out T>>): Future<T?> {
    val owner = Owner.current()
    return owner.startOperation {
        coreUsing(resource.closedUnderOwnScope(owner)) { kotlinx.coroutines.coroutineScope { runOwnedBody(owner) { body.apply(resource) } } }
    }
}

/**
 * `@asynccontextmanager` in one call: acquires a resource with [acquire], runs [body] with it, and
 * releases it with [release] after success, failure or cancellation (release is not cancelled).
 *
 * ```java
 * Asyncio.using(() -> pool.acquire(), conn -> conn.release(), conn -> conn.query("SELECT 1"));
 * ```
 */
public fun <R, T> using(
    acquire: Supplier<out CompletionStage<out R>>,
    release: Function<in R, out CompletionStage<*>>,
    body: Function<in R, out CompletionStage<out T>>,
): Future<T?> {
    val owner = Owner.current()
    return owner.startOperation {
        val resource: R = kotlinx.coroutines.coroutineScope { runOwnedBody(owner) { acquire.get() } }
        val closeable = AsyncCloseable { release.apply(resource).thenApply { null } }.closedUnderOwnScope(owner)
        coreUsing(closeable) { kotlinx.coroutines.coroutineScope { runOwnedBody(owner) { body.apply(resource) } } }
    }
}

/**
 * The close of a resource, run so that what it starts is owned by a scope of its own (a child of the
 * loop): a close that follows a cancellation must not be cancelled with the task it cleans up after.
 */
private fun AsyncCloseable.closedUnderOwnScope(owner: Owner): AsyncCloseable {
    val resource = this
    return object : AsyncCloseable {
        override fun aclose(): CompletionStage<Void?> = aexit(null).thenApply { null }

        override fun aexit(failure: Throwable?): CompletionStage<Boolean> {
            val scope = kotlinx.coroutines.Job(owner.core.rootJob)
            val closer = ScopeOwner(owner.core, owner.task, scope)
            return closer.runAsCurrent { resource.aexit(failure) }.whenComplete { _, _ -> scope.complete() }
        }
    }
}

/**
 * Rethrows [error] if it is a cancellation (also inside a `CompletionException`), so a Java
 * `catch (Exception e)` does not swallow one: on the JVM a cancellation is an ordinary
 * `RuntimeException`, where Python's `CancelledError` is not an `Exception`.
 *
 * ```java
 * .exceptionally(e -> { Asyncio.rethrowIfCancelled(e); log(e); return fallback; })
 * ```
 */
public fun rethrowIfCancelled(error: Throwable) {
    var e: Throwable? = error
    while (e is CompletionException || e is ExecutionException) e = e.cause
    if (e is CancellationException) throw e
}

// ---- Async iteration (issue 3): async generators and Reactive Streams bridges ----------------------

/**
 * An async generator written in Java: Python's `async def` with `yield`. [body] gets a [Yield] and
 * returns a stage that completes when the generator is finished; each `out.yield(item)` hands the item
 * to the consumer's waiting `anext()` and returns a stage that completes when the consumer asks for the
 * next one — so the body runs lazily, one item at a time, never ahead of demand. Nothing runs before
 * the first `anext()`.
 *
 * Like Python's async generators:
 * - closing early — `aclose()`, the end of `Asyncio.using(gen, …)`, or `forEach` / `toList` stopping —
 *   fails the stage of the yield the body waits at with [GeneratorExit], so the body's `whenComplete`
 *   / `handle` cleanup runs; the close completes once the body's stage is done;
 * - a failure of the body fails the waiting `anext()` with the exception itself; afterwards (as after
 *   the end) `anext()` completes with `Optional.empty()`;
 * - what the body starts while serving an `anext()` belongs to the caller of that `anext()`: cancelling
 *   the consuming task cancels it and the body's cleanup runs; cancelling the `anext()` future itself
 *   does the same;
 * - `anext()` while the body runs, or `aclose()` then, fails with `IllegalStateException` ("already
 *   running"), as Python raises `RuntimeError`.
 *
 * Threads: call `anext()` / `aclose()` on the event loop thread; the body runs there, and futures
 * complete there. A yielded item is handed over in the same call (no loop iteration in between).
 *
 * ```java
 * AsyncIterator<Integer> asyncRange(int n) {           // async def async_range(n): for i in range(n): yield i
 *     return Asyncio.generate(out -> step(out, 0, n));
 * }
 * CompletionStage<Void> step(Yield<Integer> out, int i, int n) {
 *     if (i == n) return CompletableFuture.completedFuture(null);
 *     return Asyncio.sleep(Duration.ofMillis(100)).thenCompose(v -> out.yield(i)).thenCompose(v -> step(out, i + 1, n));
 * }
 * asyncRange(3).forEach(i -> { System.out.println(i); return CompletableFuture.completedFuture(null); });
 * ```
 */
public fun <T : Any> generate(body: Function<Yield<T>, out CompletionStage<*>?>): AsyncIterator<T> =
    dev.aio4j.internal.AsyncGenerator(body)

/**
 * A Reactive Streams publisher ([java.util.concurrent.Flow.Publisher]) read as an [AsyncIterator]: it
 * subscribes at the first `anext()` and requests one item for each `anext()` that finds none waiting,
 * so it never holds more than the one item it asked for (no unbounded buffering). `onError` fails the
 * waiting `anext()` with the publisher's exception; `onComplete` ends the iteration; `aclose()` cancels
 * the subscription. Futures complete on the loop thread whatever thread the publisher signals on; call
 * `anext()` on the loop thread. A cancelled `anext()` takes no item: it goes to the next one.
 *
 * ```java
 * Asyncio.fromPublisher(httpResponseBodyPublisher).forEach(chunk -> write(chunk));
 * ```
 */
public fun <T : Any> fromPublisher(publisher: java.util.concurrent.Flow.Publisher<out T>): AsyncIterator<T> =
    dev.aio4j.internal.PublisherIterator(publisher)

/**
 * An [AsyncIterable] served as a Reactive Streams publisher ([java.util.concurrent.Flow.Publisher]),
 * bound to the running loop: each subscriber gets its own `aiter()` (an [AsyncIterator] serves only
 * one subscriber; a second one gets `onError(IllegalStateException)`), pulled with `anext()` only while
 * the subscriber has demand, one item at a time. Signals come from the loop thread, in order;
 * `request(n)` and `cancel()` may be called from any thread. `request(n <= 0)` ends the subscription
 * with `onError(IllegalArgumentException)` (rule 3.9); `cancel()` cancels a pull in progress and closes
 * the iterator, so a generator's cleanup runs. The pulls belong to the loop, not to the subscriber's
 * caller. `IllegalStateException` if no event loop runs this thread.
 *
 * ```java
 * Flow.Publisher<Integer> numbers = Asyncio.toPublisher(() -> asyncRange(10));
 * ```
 */
public fun <T : Any> toPublisher(iterable: AsyncIterable<out T>): java.util.concurrent.Flow.Publisher<T> =
    dev.aio4j.internal.IterablePublisher(iterable, Owner.current().core)

package dev.aio4j.coroutines

import dev.aio4j.AsyncIterable
import dev.aio4j.Yield
import dev.aio4j.internal.AsyncGenerator
import dev.aio4j.internal.Owner
import dev.aio4j.internal.ScopeOwner
import dev.aio4j.internal.consumeAll
import dev.aio4j.internal.startOperation
import kotlinx.coroutines.Job
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.flow
import kotlinx.coroutines.future.await
import java.util.function.Function

/*
 * Kotlin Flow <-> aio4j's AsyncIterable (Python's async iterables), for handing Flows to Java code and
 * Java generators to Kotlin code. Both directions are lazy and pull one item at a time.
 */

/**
 * This flow as an [AsyncIterable] for Java callers: each `aiter()` is an async generator that collects
 * the flow, one item per `anext()` — `emit` suspends until the consumer asks for the next item, so the
 * flow never runs ahead of demand (a rendezvous, no buffer).
 *
 * Like Python's async generator: closing the iterator early (`aclose()`, a `using` block or `forEach`
 * ending) cancels the collection at the `emit` it waits in, with a [dev.aio4j.GeneratorExit], so the
 * flow's `finally` / `onCompletion` runs; cancelling the task waiting in `anext()` cancels the
 * collection too. The collection runs on the loop of the first `anext()`, in a job of that loop (it is
 * cancelled when the loop closes). Items must not be null.
 *
 * ```kotlin
 * fun rows(): AsyncIterable<Row> = flow { cursor.use { c -> while (c.next()) emit(c.row()) } }.asAsyncIterable()
 * ```
 */
public fun <T : Any> Flow<T>.asAsyncIterable(): AsyncIterable<T> {
    val flow = this
    return AsyncIterable {
        lateinit var collector: Job
        AsyncGenerator(
            Function { out: Yield<T> ->
                // Not owned by the first step: the collection outlives it and belongs to the generator.
                val core = Owner.current().core
                val lifetime = Job(core.rootJob)
                val future = ScopeOwner(core, null, lifetime).startOperation {
                    collector = coroutineContext[Job]!!
                    flow.collect { item -> out.yield(item).await() }
                    null
                }
                future.whenComplete { _, _ -> lifetime.complete() }
            },
            onStepCancelled = { cause -> collector.cancel(cause) },
        )
    }
}

/**
 * This async iterable as a cold [Flow]: each collection opens an iterator with `aiter()`, emits every
 * item, and closes the iterator at the end — also when the collector stops early or is cancelled, so a
 * generator's cleanup runs (`async with aclosing(...)`). Collect it on an aio4j event loop (inside
 * `runEventLoop`, `Asyncio.run` or a task); what the iterator starts belongs to the collecting coroutine.
 *
 * ```kotlin
 * runEventLoop { javaGenerator().asFlow().take(3).collect { println(it) } }
 * ```
 */
public fun <T> AsyncIterable<T>.asFlow(): Flow<T> {
    val iterable = this
    return flow {
        val owner = Owner.current()
        coroutineScope { consumeAll(owner, iterable) { emit(it) } }
    }
}

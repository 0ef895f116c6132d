@file:JvmName("AsyncIteration")

package dev.aio4j.internal

import dev.aio4j.AsyncIterable
import dev.aio4j.AsyncIterator
import dev.aio4j.Future
import dev.aio4j.coroutines.using
import kotlinx.coroutines.CoroutineScope
import java.util.Optional
import java.util.concurrent.CompletionStage
import java.util.function.Function

/*
 * The `async for` loops behind AsyncIterable's default methods (Java calls these; they are not API).
 */

/** [AsyncIterable.forEach]: an operation of the current owner that pulls, awaits the action, pulls again. */
internal fun <T> forEach(iterable: AsyncIterable<T>, action: Function<in T, out CompletionStage<*>?>): Future<Void?> {
    val owner = Owner.current()
    return owner.startOperation {
        consumeAll(owner, iterable) { item ->
            @Suppress("UNCHECKED_CAST")
            runOwnedBody<Any?>(owner) { action.apply(item) as CompletionStage<Any?>? }
        }
        null
    }
}

/** [AsyncIterable.toList]. */
internal fun <T> toList(iterable: AsyncIterable<T>): Future<List<T>> {
    val owner = Owner.current()
    return owner.startOperation {
        val items = ArrayList<T>()
        consumeAll(owner, iterable) { items.add(it) }
        items
    }
}

/**
 * `async with aclosing(iterable.__aiter__()) as it: async for item in it: block(item)`. Each `anext()`
 * runs as owned by this coroutine, so cancelling it cancels the generator's step; the iterator is
 * closed at the end however the loop ended, by a close that is not cancelled with it.
 */
internal suspend fun <T> CoroutineScope.consumeAll(owner: Owner, iterable: AsyncIterable<T>, block: suspend (T) -> Unit) {
    val iterator: AsyncIterator<T> = owner.runAsCurrent { iterable.aiter() }
        ?: throw NullPointerException("aiter() of $iterable returned null")
    using(iterator.closedDetached(owner.core)) {
        while (true) {
            val next: Optional<T> = runOwnedBody(owner) { iterator.anext() }
                ?: throw NullPointerException("anext() of $iterator completed with null instead of an Optional")
            if (next.isEmpty) break
            block(next.get())
        }
    }
}

/** This iterator as a resource closed by [runDetached], so a cancelled caller can still close it. */
internal fun AsyncIterator<*>.closedDetached(core: LoopCore): dev.aio4j.AsyncCloseable {
    val iterator = this
    return dev.aio4j.AsyncCloseable { core.runDetached { iterator.aclose() } }
}

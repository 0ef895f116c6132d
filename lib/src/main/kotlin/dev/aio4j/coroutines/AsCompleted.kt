package dev.aio4j.coroutines

import dev.aio4j.TimeoutError
import dev.aio4j.internal.DeferredAwaitables
import dev.aio4j.internal.inCompletionOrder
import dev.aio4j.internal.loopNanos
import kotlinx.coroutines.Deferred
import kotlinx.coroutines.channels.Channel
import kotlinx.coroutines.currentCoroutineContext
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.flow
import kotlinx.coroutines.withTimeoutOrNull
import kotlin.time.Duration
import kotlin.time.Duration.Companion.nanoseconds

/**
 * asyncio's `as_completed`: emits each deferred's value in the order they finish (a failure is thrown
 * when its turn comes). With [timeout], [TimeoutError] is thrown once the whole iteration takes longer;
 * nothing is cancelled. Duplicates are emitted once, as asyncio does.
 *
 * ```kotlin
 * asCompleted(engines.map { async { search(it) } }, timeout = 2.seconds).collect { println(it) }
 * ```
 */
public fun <T> asCompleted(deferreds: Collection<Deferred<T>>, timeout: Duration? = null): Flow<T> = flow {
    val finished = Channel<Deferred<T>>(Channel.UNLIMITED)
    val count = inCompletionOrder(DeferredAwaitables, deferreds) { _, d -> finished.trySend(d) }
    val context = currentCoroutineContext()
    val deadline = timeout?.let { context.loopNanos() + it.inWholeNanoseconds }
    repeat(count) {
        val next = if (deadline == null) {
            finished.receive()
        } else {
            withTimeoutOrNull((deadline - context.loopNanos()).nanoseconds) { finished.receive() }
                ?: throw TimeoutError("as_completed timed out after $timeout")
        }
        emit(next.await())
    }
}

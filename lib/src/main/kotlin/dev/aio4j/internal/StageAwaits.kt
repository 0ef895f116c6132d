package dev.aio4j.internal

import kotlinx.coroutines.NonCancellable
import kotlinx.coroutines.currentCoroutineContext
import kotlinx.coroutines.future.await
import kotlinx.coroutines.isActive
import kotlinx.coroutines.suspendCancellableCoroutine
import kotlinx.coroutines.withContext
import java.util.concurrent.CancellationException
import java.util.concurrent.CompletableFuture
import kotlin.coroutines.resume

/** Suspends until the future is done, whatever the outcome; cancelling the caller leaves it alone. */
internal suspend fun CompletableFuture<*>.awaitDone() {
    if (isDone) return
    suspendCancellableCoroutine { cont -> whenComplete { _, _ -> cont.resume(Unit) } }
}

/** Awaits the future; the caller's cancellation does not reach it (asyncio's `shield`). */
internal suspend fun <T> CompletableFuture<T>.awaitShielded(): T {
    awaitDone()
    return await()
}

/**
 * Awaits the future; if the caller is cancelled, cancels the future and waits until it is done before
 * rethrowing — asyncio's `wait_for` waits for the inner work's cleanup. A failure the work raised while
 * cleaning up replaces the cancellation, as in asyncio.
 */
internal suspend fun <T> CompletableFuture<T>.awaitCancellingAndJoining(): T {
    try {
        return await()
    } catch (e: CancellationException) {
        if (currentCoroutineContext().isActive) throw e
        withContext(NonCancellable) { awaitDone() }
        val failure = FutureAwaitables.failure(this)
        if (failure != null && failure !is CancellationException) throw failure
        throw e
    }
}

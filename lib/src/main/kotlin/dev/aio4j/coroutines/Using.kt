package dev.aio4j.coroutines

import dev.aio4j.AsyncCloseable
import dev.aio4j.internal.unwrapRecovered
import kotlinx.coroutines.NonCancellable
import kotlinx.coroutines.future.await
import kotlinx.coroutines.withContext
import java.util.concurrent.CancellationException

/**
 * asyncio's `async with resource as r: …`: runs [block] with [resource], then closes it through
 * [AsyncCloseable.aexit] — after success, failure and cancellation alike, and without being cancelled
 * itself, so the close always completes. `aexit` sees the block's exception and may suppress it (then
 * this returns null); a cancellation is never suppressed. A failure of the close wins over the
 * block's, which is attached to it as suppressed.
 *
 * ```kotlin
 * val rows = using(pool.acquire()) { conn -> conn.fetch("SELECT 1") }
 * ```
 */
public suspend fun <R : AsyncCloseable, T> using(resource: R, block: suspend (R) -> T): T? {
    val result = try {
        block(resource)
    } catch (thrown: Throwable) {
        val failure = thrown.unwrapRecovered()
        val suppress = closeAfter(resource, failure)
        if (suppress && failure !is CancellationException) return null
        throw failure
    }
    closeAfter(resource, null)
    return result
}

private suspend fun closeAfter(resource: AsyncCloseable, failure: Throwable?): Boolean =
    withContext(NonCancellable) {
        try {
            resource.aexit(failure).await() == true
        } catch (thrown: Throwable) {
            val closeFailure = thrown.unwrapRecovered()
            if (failure != null && failure !== closeFailure) closeFailure.addSuppressed(failure)
            throw closeFailure
        }
    }

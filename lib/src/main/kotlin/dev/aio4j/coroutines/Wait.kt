package dev.aio4j.coroutines

import dev.aio4j.ReturnWhen
import dev.aio4j.WaitResult
import dev.aio4j.internal.DeferredAwaitables
import dev.aio4j.internal.waitUntil
import kotlinx.coroutines.Deferred
import kotlin.time.Duration

/**
 * asyncio's `wait`: suspends until [returnWhen] holds or [timeout] passes, then returns the done and
 * the pending deferreds. Never cancels anything and never throws on timeout. An empty collection is
 * an `IllegalArgumentException` (asyncio's `ValueError`).
 *
 * ```kotlin
 * val (done, pending) = wait(listOf(a, b), ReturnWhen.FIRST_COMPLETED).let { it.done() to it.pending() }
 * ```
 */
public suspend fun <T, D : Deferred<T>> wait(
    deferreds: Collection<D>,
    returnWhen: ReturnWhen = ReturnWhen.ALL_COMPLETED,
    timeout: Duration? = null,
): WaitResult<D> {
    val (done, pending) = waitUntil(DeferredAwaitables, deferreds, returnWhen, timeout)
    return WaitResult(done, pending)
}

package dev.aio4j.coroutines

import dev.aio4j.internal.loopCoreOrNull
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Deferred
import kotlinx.coroutines.Job
import kotlinx.coroutines.async
import kotlinx.coroutines.currentCoroutineContext

/**
 * asyncio's `shield`: awaits [deferred] without letting the caller's cancellation reach it. The caller
 * is cancelled at once; the shielded work runs on. (Kotlin's `Deferred.await` already behaves so; this
 * names the intent.) Note that work started as a *child* of the caller is cancelled with the caller
 * anyway: shield work started elsewhere, or use the block form.
 *
 * ```kotlin
 * val saved = shield(saveJob)
 * ```
 */
public suspend fun <T> shield(deferred: Deferred<T>): T = deferred.await()

/**
 * Runs [block] as independent work — on an aio4j loop, a child of the loop itself, so it still ends
 * when the loop closes — and awaits it shielded: asyncio's `shield(coro)`.
 *
 * ```kotlin
 * shield { database.commit() }
 * ```
 */
public suspend fun <T> shield(block: suspend CoroutineScope.() -> T): T {
    val context = currentCoroutineContext()
    val parent: Job? = context.loopCoreOrNull()?.rootJob
    val independent = CoroutineScope(context.minusKey(Job) + (parent ?: Job())).async(block = block)
    return independent.await()
}

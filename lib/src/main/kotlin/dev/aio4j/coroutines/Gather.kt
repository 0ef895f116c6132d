package dev.aio4j.coroutines

import dev.aio4j.Outcome
import dev.aio4j.internal.DeferredAwaitables
import dev.aio4j.internal.gatherAll
import kotlinx.coroutines.Deferred

/**
 * asyncio's `gather`: waits for every deferred and returns their values in input order.
 *
 * Differs from CPython on purpose (DESIGN.md, decision 3): the first failure cancels the others, waits
 * until they have finished their cleanup, and is then thrown — nothing is left running. Cancelling
 * the caller cancels every input and waits for them the same way. Use [gatherSettled] to collect every
 * outcome instead.
 *
 * ```kotlin
 * val (a, b) = gather(async { fetch("a") }, async { fetch("b") })
 * ```
 */
public suspend fun <T> gather(vararg deferreds: Deferred<T>): List<T> = gather(deferreds.asList())

/** [gather] over a list. */
public suspend fun <T> gather(deferreds: List<Deferred<T>>): List<T> {
    @Suppress("UNCHECKED_CAST")
    return gatherAll(DeferredAwaitables, deferreds, settle = false) as List<T>
}

/**
 * asyncio's `gather(..., return_exceptions=True)`, typed: waits for every deferred and returns how each
 * ended, in input order. Never throws for an input's failure and cancels nothing; cancelling the
 * caller still cancels every input.
 *
 * ```kotlin
 * gatherSettled(listOf(a, b)).filterIsInstance<Outcome.Failure>().forEach { println(it.exception()) }
 * ```
 */
public suspend fun <T> gatherSettled(deferreds: List<Deferred<T>>): List<Outcome<T>> {
    @Suppress("UNCHECKED_CAST")
    return gatherAll(DeferredAwaitables, deferreds, settle = true) as List<Outcome<T>>
}

package dev.aio4j.resilience

import dev.aio4j.Future
import dev.aio4j.Outcome
import dev.aio4j.internal.Owner
import dev.aio4j.internal.runOwnedBody
import dev.aio4j.internal.startOperation
import kotlinx.coroutines.CancellationException
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.ensureActive
import kotlinx.coroutines.launch
import java.util.concurrent.CompletionStage
import java.util.function.Function

/**
 * Bounded fan-out: applies an asynchronous function to every item of a list with at most
 * `maxInFlight` calls running at once, results in input order — the seeds' `Semaphore` + `gather`
 * pattern in one call, without a waiting task per item (a fixed set of workers takes the next item).
 *
 * [map] behaves like `Asyncio.gather`: the first failure cancels the calls still running, waits for
 * their cleanup, and fails with that exception. [mapSettled] behaves like `Asyncio.gatherSettled`:
 * every item gets an [Outcome] and nothing is cancelled. Calls start in input order. What a call
 * starts belongs to this operation: cancelling the returned future cancels all of it. Futures complete
 * on the loop thread.
 *
 * ```java
 * FanOut.map(urls, 10, url -> session.get(url).thenCompose(ClientResponse::text))
 *     .thenAccept(pages -> System.out.println(pages.size() + " pages"));
 * ```
 */
public object FanOut {
    /** The results of [fn] over [items], in input order, with at most [maxInFlight] calls at once. */
    @JvmStatic
    public fun <I, O> map(items: List<I>, maxInFlight: Int, fn: Function<in I, out CompletionStage<out O>>): Future<List<O>> {
        require(maxInFlight >= 1) { "maxInFlight must be >= 1: $maxInFlight" }
        val owner = Owner.current()
        val snapshot = ArrayList(items)
        return owner.startOperation {
            @Suppress("UNCHECKED_CAST")
            run(owner, snapshot, maxInFlight, fn, settle = false) as List<O>
        }
    }

    /** How [fn] ended for each item, in input order, with at most [maxInFlight] calls at once. Never fails because a call failed. */
    @JvmStatic
    public fun <I, O> mapSettled(items: List<I>, maxInFlight: Int, fn: Function<in I, out CompletionStage<out O>>): Future<List<Outcome<O>>> {
        require(maxInFlight >= 1) { "maxInFlight must be >= 1: $maxInFlight" }
        val owner = Owner.current()
        val snapshot = ArrayList(items)
        return owner.startOperation {
            @Suppress("UNCHECKED_CAST")
            run(owner, snapshot, maxInFlight, fn, settle = true) as List<Outcome<O>>
        }
    }

    private suspend fun <I, O> run(
        owner: Owner,
        items: List<I>,
        maxInFlight: Int,
        fn: Function<in I, out CompletionStage<out O>>,
        settle: Boolean,
    ): List<Any?> {
        val results = arrayOfNulls<Any?>(items.size)
        var next = 0 // Only touched on the loop thread.
        coroutineScope {
            repeat(minOf(maxInFlight, items.size)) {
                launch {
                    while (true) {
                        val i = next++
                        if (i >= items.size) break
                        results[i] = if (!settle) {
                            runOwnedBody(owner) { fn.apply(items[i]) }
                        } else {
                            try {
                                Outcome.Success(runOwnedBody(owner) { fn.apply(items[i]) })
                            } catch (e: CancellationException) {
                                ensureActive()
                                Outcome.Cancelled<O>(e)
                            } catch (e: Throwable) {
                                Outcome.Failure<O>(e)
                            }
                        }
                    }
                }
            }
        }
        return results.asList()
    }
}

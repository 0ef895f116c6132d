package dev.aio4j.internal

import dev.aio4j.Future
import dev.aio4j.Outcome
import dev.aio4j.ReturnWhen
import kotlinx.coroutines.CompletableDeferred
import kotlinx.coroutines.Deferred
import kotlinx.coroutines.ExperimentalCoroutinesApi
import kotlinx.coroutines.NonCancellable
import kotlinx.coroutines.withContext
import kotlinx.coroutines.withTimeoutOrNull
import java.util.concurrent.CancellationException
import java.util.concurrent.CompletableFuture
import java.util.concurrent.CompletionException
import java.util.concurrent.atomic.AtomicInteger
import kotlin.time.Duration

/**
 * What gather, wait and as_completed need of an awaitable, so that each of them is written once for
 * both the Kotlin core (over [Deferred]) and the Java facade (over [CompletableFuture]).
 * [onDone] callbacks may run on any thread.
 */
internal interface Awaitables<in A> {
    fun isDone(a: A): Boolean

    /** For a done awaitable: null if it succeeded, else its exception (a `CancellationException` if cancelled). */
    fun failure(a: A): Throwable?

    /** For a done, successful awaitable: its value. */
    fun value(a: A): Any?

    fun onDone(a: A, action: Runnable)

    fun cancel(a: A)
}

internal object FutureAwaitables : Awaitables<CompletableFuture<*>> {
    override fun isDone(a: CompletableFuture<*>) = a.isDone

    override fun failure(a: CompletableFuture<*>): Throwable? {
        if (!a.isCompletedExceptionally) return null
        return try {
            a.join()
            null
        } catch (e: CancellationException) {
            e
        } catch (e: CompletionException) {
            e.cause ?: e
        }
    }

    override fun value(a: CompletableFuture<*>): Any? = a.getNow(null)

    override fun onDone(a: CompletableFuture<*>, action: Runnable) {
        // An aio4j future's listener slot is cheaper than a JDK dependent (no node, no dependent future).
        if (a is Future<*> && a.listen { action.run() }) return
        a.whenComplete { _, _ -> action.run() }
    }

    override fun cancel(a: CompletableFuture<*>) {
        a.cancel(false)
    }
}

@OptIn(ExperimentalCoroutinesApi::class)
internal object DeferredAwaitables : Awaitables<Deferred<*>> {
    override fun isDone(a: Deferred<*>) = a.isCompleted

    override fun failure(a: Deferred<*>): Throwable? = a.getCompletionExceptionOrNull()

    override fun value(a: Deferred<*>): Any? = a.getCompleted()

    override fun onDone(a: Deferred<*>, action: Runnable) {
        a.invokeOnCompletion { action.run() }
    }

    override fun cancel(a: Deferred<*>) {
        a.cancel()
    }
}

/** Counts down to zero from any thread; [await] suspends until then. */
private class Countdown(count: Int) {
    private val remaining = AtomicInteger(count)
    private val zero = CompletableDeferred<Unit>()

    fun countDown() {
        if (remaining.decrementAndGet() == 0) zero.complete(Unit)
    }

    suspend fun await() = zero.await()
}

/**
 * asyncio's `gather`, in input order. Not [settle]: the first failure cancels the others, waits for
 * them to finish, then is thrown (DESIGN.md, decision 3). [settle]: waits for all and returns each
 * [Outcome]. Either way, cancelling the gather cancels every input and waits for them.
 */
internal suspend fun <A> gatherAll(kind: Awaitables<A>, items: List<A>, settle: Boolean): List<Any?> {
    val n = items.size
    if (n == 0) return emptyList()
    val countdown = Countdown(n)
    val firstFailure = AtomicInteger(-1)
    for (i in 0 until n) {
        val item = items[i]
        kind.onDone(item) {
            if (!settle && kind.failure(item) != null && firstFailure.compareAndSet(-1, i)) {
                for (other in items) if (other !== item) kind.cancel(other)
            }
            countdown.countDown()
        }
    }
    awaitAllCancellingOnCancel(countdown, kind, items)
    if (settle) return items.map { outcomeOf(kind, it) }
    val failed = firstFailure.get()
    if (failed >= 0) throw kind.failure(items[failed])!!
    return items.map { kind.value(it) }
}

private suspend fun <A> awaitAllCancellingOnCancel(countdown: Countdown, kind: Awaitables<A>, items: List<A>) {
    try {
        countdown.await()
    } catch (e: CancellationException) {
        for (item in items) kind.cancel(item)
        withContext(NonCancellable) { countdown.await() }
        throw e
    }
}

internal fun <A> outcomeOf(kind: Awaitables<A>, item: A): Outcome<Any?> =
    when (val failure = kind.failure(item)) {
        null -> Outcome.Success(kind.value(item))
        is CancellationException -> Outcome.Cancelled<Any?>(failure)
        else -> Outcome.Failure<Any?>(failure)
    }

/** asyncio's `wait`: never cancels; returns (done, pending), each in input order. */
internal suspend fun <A> waitUntil(
    kind: Awaitables<A>,
    items: Collection<A>,
    returnWhen: ReturnWhen,
    timeout: Duration?,
): Pair<Set<A>, Set<A>> {
    require(items.isNotEmpty()) { "wait() needs at least one awaitable; the collection is empty" }
    val distinct = LinkedHashSet(items)
    val signal = CompletableDeferred<Unit>()
    val remaining = AtomicInteger(distinct.size)
    fun satisfied(item: A?): Boolean = when (returnWhen) {
        ReturnWhen.ALL_COMPLETED -> remaining.get() == 0
        ReturnWhen.FIRST_COMPLETED -> true
        ReturnWhen.FIRST_EXCEPTION -> remaining.get() == 0 ||
            (item != null && kind.failure(item).let { it != null && it !is CancellationException })
    }
    for (item in distinct) {
        kind.onDone(item) {
            remaining.decrementAndGet()
            if (satisfied(item)) signal.complete(Unit)
        }
    }
    if (!signal.isCompleted) {
        if (timeout == null) signal.await() else withTimeoutOrNull(timeout) { signal.await() }
    }
    val done = LinkedHashSet<A>()
    val pending = LinkedHashSet<A>()
    for (item in distinct) (if (kind.isDone(item)) done else pending).add(item)
    return done to pending
}

/**
 * asyncio's `as_completed` ordering: calls [deliver] with (k, item) for the k-th item to finish,
 * starting at 0, from whichever thread finished it. Duplicates are dropped, as asyncio does.
 */
internal fun <A> inCompletionOrder(kind: Awaitables<A>, items: Collection<A>, deliver: (Int, A) -> Unit): Int {
    val distinct = LinkedHashSet(items)
    val next = AtomicInteger()
    for (item in distinct) kind.onDone(item) { deliver(next.getAndIncrement(), item) }
    return distinct.size
}

package dev.aio4j

import dev.aio4j.internal.PermitBodyOperation
import dev.aio4j.internal.SemaphoreRef
import dev.aio4j.internal.acquireOperation
import dev.aio4j.internal.startGuardedBody
import java.util.concurrent.CompletionStage
import java.util.function.Supplier

/**
 * asyncio's `Semaphore` for Java: a number of permits that tasks take with [acquire] and give back with
 * [release], waiting first in, first out while none is free. The semantics live in
 * [dev.aio4j.coroutines.Semaphore]; this class bridges.
 *
 * Like Python's `asyncio.Semaphore`, and unlike `java.util.concurrent.Semaphore` or kotlinx's: a free
 * permit is taken at once (the future is already done); [release] hands the permit to the first
 * waiter and only schedules it; releasing more often than acquiring is allowed and raises the count
 * (use [BoundedSemaphore] to forbid that). A negative initial value is an `IllegalArgumentException`.
 *
 * Threads: waiting methods start on the loop thread and complete there; [release] and [locked] may be
 * called from any thread. Cancelling a pending [acquire] withdraws it; a permit already handed to it
 * passes to the next waiter, so cancellation never leaks a permit. Errors are never wrapped.
 *
 * ```java
 * Semaphore sem = new Semaphore(3);   // at most three downloads at a time
 * for (String url : urls) {
 *     sem.withPermit(() -> download(url)).thenAccept(System.out::println);
 * }
 * ```
 */
public open class Semaphore internal constructor(ref: SemaphoreRef) {
    @get:JvmSynthetic internal val core: dev.aio4j.coroutines.Semaphore = ref.core

    /** A semaphore with [value] permits (1 by default); `IllegalArgumentException` if negative. */
    @JvmOverloads
    public constructor(value: Int = 1) : this(SemaphoreRef(dev.aio4j.coroutines.Semaphore(value)))

    /**
     * Takes a permit; the future completes with true once it has one — at once if one is free and
     * nobody waits (then it is the loop's one shared done future: do not rely on its identity).
     * `IllegalStateException` if no event loop runs this thread.
     */
    public fun acquire(): Future<Boolean> = acquireOperation(core::tryAcquireAtOnce) { core.acquire() }

    /**
     * Gives a permit back and schedules the first waiter. A [BoundedSemaphore] throws
     * `IllegalArgumentException` when that would exceed its initial value.
     */
    public fun release(): Unit = core.release()

    /** True if [acquire] would wait. */
    public fun locked(): Boolean = core.locked()

    /**
     * asyncio's `async with sem`: takes a permit, runs [body], and gives the permit back once the body's
     * stage is done however it ends. Cancelling the future cancels what the body started (or withdraws
     * the acquire).
     *
     * ```java
     * sem.withPermit(() -> fetch(url)).thenAccept(System.out::println);
     * ```
     */
    public fun <T> withPermit(body: Supplier<out CompletionStage<out T>>): Future<T> =
        startGuardedBody { owner, future -> PermitBodyOperation(core, owner, future, body) }

    /** The suspend semaphore underneath, for Kotlin callers. */
    public fun coroutines(): dev.aio4j.coroutines.Semaphore = core

    override fun toString(): String = core.toString()
}

/**
 * asyncio's `BoundedSemaphore` for Java: a [Semaphore] whose [release] throws
 * `IllegalArgumentException` (asyncio's `ValueError`) when it would raise the count above the initial
 * value — a release without a matching acquire is a bug it reports. Everything else is [Semaphore]'s.
 *
 * ```java
 * Semaphore connections = new BoundedSemaphore(10);
 * connections.withPermit(() -> query(sql));
 * ```
 */
public class BoundedSemaphore @JvmOverloads constructor(value: Int = 1) :
    Semaphore(SemaphoreRef(dev.aio4j.coroutines.BoundedSemaphore(value)))

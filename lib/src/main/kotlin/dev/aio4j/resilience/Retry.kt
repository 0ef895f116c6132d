package dev.aio4j.resilience

import dev.aio4j.AsyncCloseable
import dev.aio4j.Future
import dev.aio4j.coroutines.sleep
import dev.aio4j.internal.Owner
import dev.aio4j.internal.runOwnedBody
import dev.aio4j.internal.startOperation
import kotlinx.coroutines.CancellationException
import kotlinx.coroutines.CoroutineScope
import java.time.Duration
import java.util.Random
import java.util.concurrent.CompletionStage
import java.util.function.Function
import java.util.function.Predicate
import java.util.function.Supplier
import kotlin.time.toKotlinDuration

/**
 * Retries an asynchronous call with exponential backoff: the seeds' `fetch_with_retry` (and Python's
 * `tenacity`/`backoff` libraries) for any `Supplier<CompletionStage<T>>`, not only HTTP. Immutable and
 * reusable; build one with [builder] (or [Retry.forHttp] for HTTP responses).
 *
 * Attempt `k` (1-based) that failed with an exception accepted by `retryOn`, or returned a value
 * accepted by `retryOnResult`, is followed — if attempts remain — by a sleep of
 * `min(maxDelay, base × factor^(k-1))`, spread by ± `jitter` (a fraction) but never above maxDelay;
 * a `delayFromResult` function (e.g. `Retry-After`) may set the delay instead. A retried result that
 * is an [AsyncCloseable] (a `ClientResponse`) is closed. An exception not accepted by `retryOn` fails
 * at once as itself; a cancellation is never retried. After the last attempt the call fails with
 * [RetryError], which carries every attempt's cause (also as suppressed exceptions).
 *
 * Sleeps are aio4j sleeps on the loop clock (a virtual-time loop takes no real time). Futures complete
 * on the loop thread; what an attempt starts is owned by the retry, so cancelling the returned future
 * cancels the attempt in flight or the sleep, and no further attempt starts.
 *
 * ```java
 * Retry<String> retry = Retry.<String>builder()
 *     .maxAttempts(3).backoff(Duration.ofSeconds(1), 2.0, Duration.ofSeconds(30))
 *     .retryOn(e -> e instanceof ClientConnectionError).build();
 * retry.call(() -> fetch(url)).thenAccept(System.out::println);
 * ```
 */
public class Retry<T> private constructor(b: Builder<T>) {
    private val maxAttempts = b.maxAttempts
    private val base = b.base
    private val factor = b.factor
    private val maxDelay = b.maxDelay
    private val jitter = b.jitter
    private val random = b.random
    private val retryOn = b.retryOn
    private val retryOnResult = b.retryOnResult
    private val delayFromResult = b.delayFromResult
    private val onRetry = b.onRetry

    /**
     * Runs [call] until it succeeds, fails with an exception that is not retried, or attempts run out.
     * Must be called on an event loop thread.
     */
    public fun call(call: Supplier<out CompletionStage<out T>>): Future<T> {
        val owner = Owner.current()
        return owner.startOperation { attempts(owner, call) }
    }

    /** The delay before attempt [attempt] + 1 from backoff alone, without jitter. */
    public fun backoffDelay(attempt: Int): Duration {
        require(attempt >= 1) { "attempt must be >= 1: $attempt" }
        val nanos = base.toNanos() * Math.pow(factor, (attempt - 1).toDouble())
        return if (nanos >= maxDelay.toNanos()) maxDelay else Duration.ofNanos(nanos.toLong())
    }

    private suspend fun CoroutineScope.attempts(owner: Owner, call: Supplier<out CompletionStage<out T>>): T {
        val causes = ArrayList<Throwable>()
        for (attempt in 1..maxAttempts) {
            var hinted: Duration? = null
            val cause: Throwable = try {
                val value = runOwnedBody(owner) { call.get() }
                if (!retryOnResult.test(value)) return value
                hinted = delayFromResult.apply(value)
                if (value is AsyncCloseable) value.aclose()
                RetriedResultError(attempt, value)
            } catch (e: CancellationException) {
                throw e
            } catch (e: Throwable) {
                if (!retryOn.test(e)) throw e
                e
            }
            causes += cause
            if (attempt == maxAttempts) break
            val delay = hinted?.let { if (it > maxDelay) maxDelay else it } ?: jittered(backoffDelay(attempt))
            onRetry?.accept(RetryEvent(attempt, cause, delay))
            sleep(delay.toKotlinDuration())
        }
        throw RetryError(causes)
    }

    private fun jittered(d: Duration): Duration {
        if (jitter == 0.0) return d
        val spread = 1.0 - jitter + 2.0 * jitter * synchronized(random) { random.nextDouble() }
        val nanos = (d.toNanos() * spread).toLong()
        return Duration.ofNanos(minOf(nanos, maxDelay.toNanos()))
    }

    /** What [Builder.onRetry] sees before each sleep: the attempt that failed, why, and the delay chosen. */
    public class RetryEvent internal constructor(
        private val attempt: Int,
        private val cause: Throwable,
        private val delay: Duration,
    ) {
        /** The attempt that just failed, from 1. */
        public fun attempt(): Int = attempt

        /** Its exception, or a [RetriedResultError] for a retried result. */
        public fun cause(): Throwable = cause

        /** The sleep before the next attempt. */
        public fun delay(): Duration = delay

        override fun toString(): String = "attempt $attempt failed ($cause); retrying in $delay"
    }

    /**
     * Settings of a [Retry]; fluent. Defaults: 3 attempts, backoff 1 s × 2 up to 30 s, no jitter,
     * retry on every exception (never on a cancellation), no result retried.
     */
    public class Builder<T> internal constructor() {
        @get:JvmSynthetic @set:JvmSynthetic internal var maxAttempts = 3
        @get:JvmSynthetic @set:JvmSynthetic internal var base: Duration = Duration.ofSeconds(1)
        @get:JvmSynthetic @set:JvmSynthetic internal var factor = 2.0
        @get:JvmSynthetic @set:JvmSynthetic internal var maxDelay: Duration = Duration.ofSeconds(30)
        @get:JvmSynthetic @set:JvmSynthetic internal var jitter = 0.0
        @get:JvmSynthetic @set:JvmSynthetic internal var random = Random()
        @get:JvmSynthetic @set:JvmSynthetic internal var retryOn: Predicate<in Throwable> = Predicate { true }
        @get:JvmSynthetic @set:JvmSynthetic internal var retryOnResult: Predicate<in T> = Predicate { false }
        @get:JvmSynthetic @set:JvmSynthetic internal var delayFromResult: Function<in T, Duration?> = Function { null }
        @get:JvmSynthetic @set:JvmSynthetic internal var onRetry: java.util.function.Consumer<RetryEvent>? = null

        /** How many attempts in all (≥ 1). */
        public fun maxAttempts(n: Int): Builder<T> = apply {
            require(n >= 1) { "maxAttempts must be >= 1: $n" }
            maxAttempts = n
        }

        /** Exponential backoff: [base] after the first attempt, times [factor] after each next, at most [maxDelay]. */
        public fun backoff(base: Duration, factor: Double, maxDelay: Duration): Builder<T> = apply {
            require(!base.isNegative) { "base must not be negative: $base" }
            require(factor >= 1.0) { "factor must be >= 1: $factor" }
            require(maxDelay >= base) { "maxDelay ($maxDelay) must be >= base ($base)" }
            this.base = base
            this.factor = factor
            this.maxDelay = maxDelay
        }

        /** Spreads each backoff delay by up to ± [fraction] of itself (0 ≤ fraction ≤ 1). */
        public fun jitter(fraction: Double): Builder<T> = apply {
            require(fraction in 0.0..1.0) { "jitter must be in [0, 1]: $fraction" }
            jitter = fraction
        }

        /** The random source of the jitter (for reproducible tests). */
        public fun random(random: Random): Builder<T> = apply { this.random = random }

        /** Which exceptions are retried (default: all; a cancellation never is). */
        public fun retryOn(predicate: Predicate<in Throwable>): Builder<T> = apply { retryOn = predicate }

        /** Which results are retried (default: none), e.g. `resp -> resp.status() >= 500`. */
        public fun retryOnResult(predicate: Predicate<in T>): Builder<T> = apply { retryOnResult = predicate }

        /** The delay a retried result asks for (e.g. its `Retry-After`), or null for the backoff; capped at maxDelay. */
        public fun delayFromResult(delay: Function<in T, Duration?>): Builder<T> = apply { delayFromResult = delay }

        /** Called before each sleep (on the loop thread), e.g. to log. */
        public fun onRetry(listener: java.util.function.Consumer<RetryEvent>): Builder<T> = apply { onRetry = listener }

        /** The policy. */
        public fun build(): Retry<T> = Retry(this)
    }

    public companion object {
        /** A builder with the defaults. */
        @JvmStatic
        public fun <T> builder(): Builder<T> = Builder()
    }
}

/**
 * A retry policy gave up: tenacity's `RetryError`. [attempts] holds every attempt's cause in order
 * (a [RetriedResultError] for an attempt whose result was retried); they are also attached as
 * suppressed exceptions, and the last one is the cause.
 */
public class RetryError(private val attempts: List<Throwable>) :
    RuntimeException("gave up after ${attempts.size} attempt(s); last: ${attempts.last()}", attempts.last()) {
    init {
        for (e in attempts.dropLast(1)) addSuppressed(e)
    }

    /** Every attempt's cause, first to last. */
    public fun attempts(): List<Throwable> = java.util.Collections.unmodifiableList(attempts)
}

/** Stands for an attempt whose result was retried (e.g. a 503 response) in [RetryError.attempts]. */
public class RetriedResultError(private val attempt: Int, private val result: Any?) :
    RuntimeException("attempt $attempt returned a result that is retried: $result") {
    /** The attempt, from 1. */
    public fun attempt(): Int = attempt

    /** The retried result (already closed if it was an `AsyncCloseable`). */
    public fun result(): Any? = result
}

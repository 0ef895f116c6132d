package dev.aio4j.resilience

import dev.aio4j.AsyncCloseable
import dev.aio4j.Future
import dev.aio4j.coroutines.Lock
import dev.aio4j.coroutines.sleep
import dev.aio4j.internal.HiddenFromJava
import dev.aio4j.internal.Owner
import dev.aio4j.internal.loopNanos
import dev.aio4j.internal.runOwnedBody
import dev.aio4j.internal.startOperation
import java.time.Duration
import java.util.ArrayDeque
import java.util.concurrent.CompletableFuture
import java.util.concurrent.CompletionStage
import java.util.function.Supplier
import kotlin.time.Duration.Companion.nanoseconds
import kotlinx.coroutines.currentCoroutineContext

/**
 * A rate limiter for asynchronous calls: the seeds' `RateLimiter` (`async with limiter:`). Two kinds:
 * [TokenBucket] and [SlidingWindow]. Time is the event loop's clock, so a virtual-time loop paces
 * without real waiting.
 *
 * Waiters are served first in, first out (one at a time sleeps until the next permit is due; the rest
 * queue behind it). A waiter cancelled before it got its permit takes nothing: the next one moves up.
 * A permit is never given back (rates count starts, not concurrency; combine with a `Semaphore` to bound
 * concurrency too). Futures complete on the loop thread; methods must be called on it.
 *
 * ```java
 * RateLimiter limiter = new SlidingWindow(5, Duration.ofSeconds(2));   // 5 calls per 2 s
 * limiter.withPermit(() -> session.get(url));
 * limiter.acquire().thenCompose(permit -> Asyncio.using(permit, p -> session.get(url)));
 * ```
 */
public abstract class RateLimiter internal constructor(hidden: HiddenFromJava) {
    private val lock = Lock()

    /** Waits for a permit; the returned [Permit] is an `AsyncCloseable` for `Asyncio.using`. */
    public fun acquire(): Future<Permit> = startOperation {
        acquirePermit()
        Permit
    }

    /** Waits for a permit, then runs [body]; what the body starts belongs to this operation. */
    public fun <T> withPermit(body: Supplier<out CompletionStage<out T>>): Future<T> {
        val owner = Owner.current()
        return owner.startOperation {
            acquirePermit()
            runOwnedBody(owner) { body.get() }
        }
    }

    /** The suspend form of [acquire], for Kotlin callers. */
    @JvmSynthetic
    public suspend fun acquirePermit() {
        lock.acquire()
        try {
            while (true) {
                val now = currentCoroutineContext().loopNanos()
                val wait = tryTake(now)
                if (wait <= 0L) return
                // Cancelled here: nothing was taken, and the lock passes to the next waiter.
                sleep(wait.nanoseconds)
            }
        } finally {
            lock.release()
        }
    }

    /** Takes a permit at loop time [now] and returns 0, or returns how many nanoseconds until one is due. */
    @JvmSynthetic internal abstract fun tryTake(now: Long): Long

    /** A taken permit; closing it does nothing (a rate permit is spent, not returned). */
    public object Permit : AsyncCloseable {
        override fun aclose(): CompletionStage<Void?> = CompletableFuture.completedFuture(null)
    }
}

/**
 * A token bucket: [ratePerSecond] tokens a second accrue up to [burst]; each permit takes one. Starts
 * full, so the first [burst] permits are immediate, then one every `1 / rate` seconds.
 *
 * ```java
 * RateLimiter limiter = new TokenBucket(10.0, 5);   // 10/s on average, bursts of 5
 * ```
 */
public class TokenBucket(private val ratePerSecond: Double, private val burst: Int) : RateLimiter(HiddenFromJava.TOKEN) {
    private var tokens = burst.toDouble()
    private var last: Long? = null

    init {
        require(ratePerSecond > 0.0 && ratePerSecond.isFinite()) { "ratePerSecond must be positive: $ratePerSecond" }
        require(burst >= 1) { "burst must be >= 1: $burst" }
    }

    @JvmSynthetic override fun tryTake(now: Long): Long {
        val since = last
        if (since != null) tokens = minOf(burst.toDouble(), tokens + (now - since) / 1e9 * ratePerSecond)
        last = now
        if (tokens >= 1.0 - 1e-9) {
            tokens -= 1.0
            return 0L
        }
        return maxOf(1L, Math.ceil((1.0 - tokens) / ratePerSecond * 1e9).toLong())
    }

    override fun toString(): String = "TokenBucket(rate=$ratePerSecond/s, burst=$burst)"
}

/**
 * A sliding window: at most [permits] permits in any window of length [period] — the seeds'
 * "5 requests per 2 seconds". A permit is due when the oldest of the last [permits] grants leaves
 * the window.
 *
 * ```java
 * RateLimiter limiter = new SlidingWindow(5, Duration.ofSeconds(2));
 * ```
 */
public class SlidingWindow(private val permits: Int, private val period: Duration) : RateLimiter(HiddenFromJava.TOKEN) {
    private val grants = ArrayDeque<Long>()

    init {
        require(permits >= 1) { "permits must be >= 1: $permits" }
        require(!period.isNegative && !period.isZero) { "period must be positive: $period" }
    }

    @JvmSynthetic override fun tryTake(now: Long): Long {
        val span = period.toNanos()
        while (grants.isNotEmpty() && now - grants.peekFirst() >= span) grants.pollFirst()
        if (grants.size < permits) {
            grants.addLast(now)
            return 0L
        }
        return grants.peekFirst() + span - now
    }

    override fun toString(): String = "SlidingWindow($permits per $period)"
}

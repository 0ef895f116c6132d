package dev.aio4j.resilience

import dev.aio4j.getRunningLoop
import dev.aio4j.sleep as asleep
import dev.aio4j.using
import dev.aio4j.AsyncCloseable
import dev.aio4j.Outcome
import dev.aio4j.coroutines.sleep
import dev.aio4j.loopTime
import dev.aio4j.runVirtual
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldContainExactly
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.types.shouldBeInstanceOf
import kotlinx.coroutines.CancellationException
import kotlinx.coroutines.async
import kotlinx.coroutines.awaitAll
import kotlinx.coroutines.future.await
import kotlinx.coroutines.launch
import java.io.IOException
import java.time.Duration
import java.util.Random
import java.util.concurrent.CompletableFuture
import java.util.concurrent.CompletionStage
import java.util.function.Supplier
import kotlin.time.Duration.Companion.milliseconds
import kotlin.time.Duration.Companion.seconds

/** A fake async call: fails with the given exceptions in turn, then succeeds; records the loop time of each attempt. */
private class Flaky(vararg failures: Throwable) : Supplier<CompletionStage<String>> {
    private val left = ArrayDeque(failures.toList())
    val attemptTimes = ArrayList<Double>()
    override fun get(): CompletionStage<String> {
        attemptTimes += runBlockingLoopTime()
        val next = left.removeFirstOrNull() ?: return asleep(Duration.ofMillis(10), "ok after ${attemptTimes.size}")
        return CompletableFuture.failedFuture(next)
    }
}

private fun runBlockingLoopTime(): Double = getRunningLoop().time()

private fun seconds(s: Double): Duration = Duration.ofNanos((s * 1e9).toLong())

class ResilienceSpec : FunSpec({
    val policy = Retry.builder<String>().maxAttempts(3).backoff(Duration.ofSeconds(1), 2.0, Duration.ofSeconds(30))

    test("retry succeeds after two failures, sleeping base then base × factor") {
        runVirtual {
            val call = Flaky(IOException("boom 1"), IOException("boom 2"))
            val events = ArrayList<String>()
            val result = policy.onRetry { events += "${it.attempt()}:${it.cause().message}:${it.delay()}" }.build().call(call).await()
            result shouldBe "ok after 3"
            call.attemptTimes shouldContainExactly listOf(0.0, 1.0, 3.0)
            events shouldContainExactly listOf("1:boom 1:PT1S", "2:boom 2:PT2S")
            loopTime() shouldBe 3.01
        }
    }

    test("giving up fails with RetryError carrying every attempt's cause") {
        runVirtual {
            val causes = listOf(IOException("a"), IOException("b"), IOException("c"))
            val e = shouldThrow<RetryError> { policy.build().call(Flaky(*causes.toTypedArray(), IOException("d"))).await() }
            e.attempts() shouldContainExactly causes
            e.suppressed.toList() shouldContainExactly causes.take(2)
            e.cause shouldBe causes[2]
            e.message shouldContain "gave up after 3 attempt(s)"
            loopTime() shouldBe 3.0
        }
    }

    test("an exception that is not retried fails at once, as itself") {
        runVirtual {
            val boom = IllegalArgumentException("bad input")
            val call = Flaky(boom)
            val e = shouldThrow<IllegalArgumentException> {
                Retry.builder<String>().retryOn { it is IOException }.build().call(call).await()
            }
            e shouldBe boom
            call.attemptTimes shouldContainExactly listOf(0.0)
        }
    }

    test("retried results are closed, Retry-After-style delays override the backoff, capped at maxDelay") {
        runVirtual {
            class Resp(val status: Int, val retryAfter: Duration?) : AsyncCloseable {
                var closed = false
                override fun aclose(): CompletionStage<Void?> = CompletableFuture.completedFuture<Void?>(null).also { closed = true }
            }
            val responses = ArrayDeque(listOf(Resp(503, null), Resp(429, Duration.ofSeconds(7)), Resp(429, Duration.ofHours(1)), Resp(200, null)))
            val seen = ArrayList<Resp>()
            val times = ArrayList<Double>()
            val retry = Retry.builder<Resp>().maxAttempts(4).backoff(Duration.ofSeconds(1), 2.0, Duration.ofSeconds(10))
                .retryOnResult { it.status >= 500 || it.status == 429 }
                .delayFromResult { it.retryAfter }
                .build()
            val final = retry.call { times += runBlockingLoopTime(); CompletableFuture.completedFuture(responses.removeFirst().also { seen += it }) }.await()
            final.status shouldBe 200
            times shouldContainExactly listOf(0.0, 1.0, 8.0, 18.0)
            seen.map { it.closed } shouldContainExactly listOf(true, true, true, false)
        }
    }

    test("backoff grows by the factor up to maxDelay; jitter stays within its fraction and the cap") {
        val r = Retry.builder<String>().backoff(Duration.ofMillis(100), 3.0, Duration.ofSeconds(2)).build()
        (1..5).map { r.backoffDelay(it).toMillis() } shouldContainExactly listOf(100L, 300L, 900L, 2000L, 2000L)
        runVirtual {
            val delays = ArrayList<Duration>()
            val jittered = Retry.builder<String>().maxAttempts(6).backoff(Duration.ofSeconds(1), 2.0, Duration.ofSeconds(5))
                .jitter(0.5).random(Random(42)).onRetry { delays += it.delay() }.build()
            shouldThrow<RetryError> { jittered.call(Flaky(*Array(6) { IOException("x$it") })).await() }
            delays.size shouldBe 5
            delays.forEachIndexed { i, d ->
                val nominal = minOf(1000.0 * (1 shl i), 5000.0)
                (d.toMillis() >= nominal * 0.5 - 1 && d.toMillis() <= minOf(nominal * 1.5, 5000.0)) shouldBe true
            }
            (delays.map { it.toMillis() }.distinct().size > 1) shouldBe true
        }
    }

    test("cancelling a retry during its backoff sleep starts no further attempt") {
        runVirtual {
            val call = Flaky(IOException("1"), IOException("2"))
            val f = policy.build().call(call)
            sleep(500.milliseconds)
            f.cancel(true)
            sleep(10.seconds)
            call.attemptTimes shouldContainExactly listOf(0.0)
            f.isCancelled shouldBe true
        }
    }

    test("sliding window: 5 per 2 s grants 12 callers at 0, 2 and 4 s, first in first out") {
        runVirtual {
            val limiter = SlidingWindow(5, Duration.ofSeconds(2))
            val grants = ArrayList<Pair<Int, Double>>()
            (1..12).map { i -> async { limiter.acquire().await(); grants += i to loopTime() } }.awaitAll()
            grants.map { it.first } shouldContainExactly (1..12).toList()
            grants.map { it.second } shouldContainExactly List(5) { 0.0 } + List(5) { 2.0 } + List(2) { 4.0 }
        }
    }

    test("token bucket: a burst at once, then one token every 1/rate seconds") {
        runVirtual {
            val limiter = TokenBucket(2.0, 3)
            val times = ArrayList<Double>()
            repeat(7) { limiter.acquirePermit(); times += loopTime() }
            times shouldContainExactly listOf(0.0, 0.0, 0.0, 0.5, 1.0, 1.5, 2.0)
            sleep(10.seconds) // refills to the burst, not beyond
            val start = loopTime()
            repeat(4) { limiter.acquirePermit() }
            (loopTime() - start) shouldBe 0.5
        }
    }

    test("a waiter cancelled before its permit takes none; the next moves up") {
        runVirtual {
            val limiter = TokenBucket(1.0, 1)
            val log = ArrayList<String>()
            limiter.acquirePermit()
            val b = launch { try { limiter.acquirePermit(); log += "b" } catch (e: CancellationException) { log += "b cancelled at ${loopTime()}"; throw e } }
            val c = launch { limiter.acquirePermit(); log += "c at ${loopTime()}" }
            val d = launch { limiter.acquirePermit(); log += "d at ${loopTime()}" }
            sleep(500.milliseconds)
            b.cancel()
            listOf(b, c, d).forEach { it.join() }
            log shouldContainExactly listOf("b cancelled at 0.5", "c at 1.0", "d at 2.0")
        }
    }

    test("withPermit and using(permit) run the body after the permit; 100 concurrent callers never exceed the window") {
        runVirtual {
            val limiter = SlidingWindow(10, Duration.ofSeconds(1))
            val starts = java.util.Collections.synchronizedList(ArrayList<Double>())
            (1..100).map { i ->
                if (i % 2 == 0) limiter.withPermit { starts += runBlockingLoopTime(); asleep(Duration.ofMillis(300), i) }
                else limiter.acquire().thenCompose { p -> using(p) { _ -> starts += runBlockingLoopTime(); asleep(Duration.ofMillis(300), i) } }
            }.map { it.await() }
            starts.size shouldBe 100
            for (t in starts) starts.count { it >= t && it < t + 1.0 - 1e-9 } shouldBe minOf(10, starts.count { it >= t })
            loopTime() shouldBe 9.3
        }
    }

    test("Timed reports the loop-clock duration and the failure") {
        runVirtual {
            val reports = ArrayList<String>()
            Timed.call<String>({ asleep(seconds(1.5), "x") }) { d, e -> reports += "$d $e" }.await() shouldBe "x"
            shouldThrow<IOException> {
                Timed.call<String>({ asleep(seconds(0.25)).thenCompose { CompletableFuture.failedFuture<String>(IOException("late")) } }) { d, e -> reports += "$d ${e?.message}" }.await()
            }
            Timed.call("logged", Supplier { asleep(seconds(0.1), 1) }).await() shouldBe 1
            reports shouldContainExactly listOf("PT1.5S null", "PT0.25S late")
        }
    }

    test("FanOut.map: at most N in flight, starts in input order, results in input order") {
        runVirtual {
            var running = 0
            var peak = 0
            val started = ArrayList<Int>()
            val result = FanOut.map<Int, String>((1..10).toList(), 3) { i ->
                started += i
                running++
                peak = maxOf(peak, running)
                asleep(seconds((i % 3 + 1).toDouble()), "r$i").whenComplete { _, _ -> running-- }
            }.await()
            result shouldContainExactly (1..10).map { "r$it" }
            started shouldContainExactly (1..10).toList()
            peak shouldBe 3
        }
    }

    test("FanOut.map fails with the first failure and cancels the rest; mapSettled keeps every outcome") {
        runVirtual {
            val cancelled = ArrayList<Int>()
            val e = shouldThrow<IOException> {
                FanOut.map<Int, Int>((1..6).toList(), 6) { i ->
                    if (i == 2) asleep(seconds(1.0)).thenCompose { CompletableFuture.failedFuture<Int>(IOException("item 2")) }
                    else asleep(seconds(5.0), i).whenComplete { _, err -> if (err is CancellationException) cancelled += i }
                }.await()
            }
            e.message shouldBe "item 2"
            loopTime() shouldBe 1.0
            cancelled.sorted() shouldContainExactly listOf(1, 3, 4, 5, 6)
            val outcomes = FanOut.mapSettled<Int, Int>((1..4).toList(), 2) { i ->
                if (i % 2 == 0) CompletableFuture.failedFuture(IOException("even $i")) else asleep(seconds(1.0), i)
            }.await()
            outcomes[0] shouldBe Outcome.Success(1)
            outcomes[1].shouldBeInstanceOf<Outcome.Failure<Int>>().exception().message shouldBe "even 2"
            outcomes[2] shouldBe Outcome.Success(3)
            outcomes[3].exception()!!.message shouldBe "even 4"
        }
    }
})

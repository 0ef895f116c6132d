package dev.aio4j

import dev.aio4j.internal.unwrapRecovered
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldContainExactly
import io.kotest.matchers.shouldBe
import io.kotest.matchers.types.shouldBeSameInstanceAs
import kotlinx.coroutines.future.await
import java.io.IOException
import java.time.Duration
import java.util.Collections
import java.util.Optional
import java.util.concurrent.CompletableFuture
import java.util.concurrent.CompletionStage
import java.util.concurrent.Flow
import java.util.function.Function

private fun newLog(): MutableList<String> = Collections.synchronizedList(ArrayList())

/** `0 until n`, logging each yield and the cleanup (with how the body ended); sleeps [delay] before each yield if not zero. */
private fun loggedRange(n: Int, log: MutableList<String>, delay: Duration = Duration.ZERO): AsyncIterator<Int> =
    generate(
        Function { out: Yield<Int> ->
            fun step(i: Int): CompletionStage<Void?> = if (i == n) {
                CompletableFuture.completedFuture(null)
            } else {
                val before: CompletionStage<Void?> = if (delay.isZero) CompletableFuture.completedFuture(null) else sleep(delay)
                before.thenCompose { log += "yield $i"; out.yield(i) }.thenCompose { step(i + 1) }
            }
            step(0).whenComplete { _, e -> log += "cleanup " + ((e?.cause ?: e)?.javaClass?.simpleName ?: "ok") }
        },
    )

/** A subscriber that logs every signal; [subscription] is what onSubscribe gave it. */
private class LoggingSubscriber<T>(private val log: MutableList<String>) : Flow.Subscriber<T> {
    lateinit var subscription: Flow.Subscription
    var error: Throwable? = null

    override fun onSubscribe(s: Flow.Subscription) {
        log += "onSubscribe"
        subscription = s
    }

    override fun onNext(item: T) {
        log += "onNext $item"
    }

    override fun onError(throwable: Throwable) {
        error = throwable
        log += "onError ${throwable.javaClass.simpleName}"
    }

    override fun onComplete() {
        log += "onComplete"
    }
}

/** A publisher of [items] that logs each request and serves it synchronously, then completes or fails. */
private class LoggingPublisher(private val items: List<String>, private val log: MutableList<String>, private val failure: Throwable? = null) :
    Flow.Publisher<String> {
    override fun subscribe(subscriber: Flow.Subscriber<in String>) {
        var next = 0
        var over = false
        subscriber.onSubscribe(object : Flow.Subscription {
            override fun request(n: Long) {
                log += "request $n"
                repeat(n.toInt()) {
                    if (over) return
                    if (next < items.size) {
                        subscriber.onNext(items[next++])
                    }
                    if (next == items.size && !over) {
                        over = true
                        if (failure == null) subscriber.onComplete() else subscriber.onError(failure)
                    }
                }
            }

            override fun cancel() {
                log += "cancel"
                over = true
            }
        })
    }
}

class PublisherBridgeSpec : FunSpec({
    test("toPublisher: onSubscribe comes first, and the generator runs only as far as the demand") {
        runVirtual {
            val log = newLog()
            val subscriber = LoggingSubscriber<Int>(log)
            toPublisher(loggedRange(4, log)).subscribe(subscriber)
            log shouldContainExactly listOf("onSubscribe")
            subscriber.subscription.request(2)
            sleep(Duration.ofSeconds(5)).await()
            log shouldContainExactly listOf("onSubscribe", "yield 0", "onNext 0", "yield 1", "onNext 1")
            subscriber.subscription.request(Long.MAX_VALUE)
            sleep(Duration.ofSeconds(1)).await()
            log shouldContainExactly listOf(
                "onSubscribe", "yield 0", "onNext 0", "yield 1", "onNext 1", "yield 2", "onNext 2", "yield 3", "onNext 3",
                "cleanup ok", "onComplete",
            )
        }
    }

    test("toPublisher: request(0) ends the subscription with IllegalArgumentException and closes the generator") {
        runVirtual {
            val log = newLog()
            val subscriber = LoggingSubscriber<Int>(log)
            toPublisher(loggedRange(4, log)).subscribe(subscriber)
            subscriber.subscription.request(1)
            subscriber.subscription.request(0)
            sleep(Duration.ofSeconds(1)).await()
            log shouldContainExactly listOf("onSubscribe", "yield 0", "onNext 0", "cleanup GeneratorExit", "onError IllegalArgumentException")
            subscriber.error!!.message shouldBe "request(0): Reactive Streams rule 3.9 requires n > 0"
        }
    }

    test("toPublisher: cancel closes the generator, also in the middle of a pull; nothing is signalled after") {
        runVirtual {
            val log = newLog()
            val parked = LoggingSubscriber<Int>(log)
            toPublisher(loggedRange(4, log)).subscribe(parked)
            parked.subscription.request(1)
            parked.subscription.cancel()
            sleep(Duration.ofSeconds(1)).await()
            log shouldContainExactly listOf("onSubscribe", "yield 0", "onNext 0", "cleanup GeneratorExit")
            log.clear()
            val pulling = LoggingSubscriber<Int>(log)
            toPublisher(loggedRange(4, log, Duration.ofHours(1))).subscribe(pulling)
            pulling.subscription.request(1)
            sleep(Duration.ofSeconds(1)).await()
            pulling.subscription.cancel()
            sleep(Duration.ofSeconds(1)).await()
            log shouldContainExactly listOf("onSubscribe", "cleanup CancellationException")
            loopTime() shouldBe 3.0
        }
    }

    test("toPublisher: an AsyncIterable serves each subscriber its own iterator; an AsyncIterator serves one") {
        runVirtual {
            val log = newLog()
            val shared = toPublisher(AsyncIterable { loggedRange(1, newLog()) })
            val a = LoggingSubscriber<Int>(log).also { shared.subscribe(it) }
            val b = LoggingSubscriber<Int>(log).also { shared.subscribe(it) }
            a.subscription.request(5)
            b.subscription.request(5)
            sleep(Duration.ZERO).await()
            log shouldContainExactly listOf("onSubscribe", "onSubscribe", "onNext 0", "onComplete", "onNext 0", "onComplete")
            log.clear()
            val single = toPublisher(loggedRange(1, newLog()))
            single.subscribe(LoggingSubscriber(newLog()))
            val second = LoggingSubscriber<Int>(log).also { single.subscribe(it) }
            log shouldContainExactly listOf("onSubscribe", "onError IllegalStateException")
            second.error!!.message!!.contains("serves one subscriber") shouldBe true
        }
    }

    test("fromPublisher requests one item per anext and nothing before the first") {
        runVirtual {
            val log = newLog()
            val it = fromPublisher(LoggingPublisher(listOf("a", "b"), log))
            log shouldContainExactly emptyList()
            it.anext().await() shouldBe Optional.of("a")
            log shouldContainExactly listOf("request 1")
            it.anext().await() shouldBe Optional.of("b")
            log shouldContainExactly listOf("request 1", "request 1")
            it.anext().await() shouldBe Optional.empty() // completed together with "b"
            it.anext().await() shouldBe Optional.empty()
            log shouldContainExactly listOf("request 1", "request 1")
        }
    }

    test("fromPublisher: onError fails anext with the publisher's exception; aclose cancels the subscription") {
        runVirtual {
            val boom = IOException("boom")
            val failing = fromPublisher(LoggingPublisher(listOf("a"), newLog(), boom))
            failing.anext().await() shouldBe Optional.of("a")
            shouldThrow<IOException> { failing.anext().await() }.unwrapRecovered() shouldBeSameInstanceAs boom
            failing.anext().await() shouldBe Optional.empty()
            val log = newLog()
            val closed = fromPublisher(LoggingPublisher(listOf("a", "b", "c"), log))
            closed.anext().await() shouldBe Optional.of("a")
            closed.aclose().toCompletableFuture().await()
            closed.anext().await() shouldBe Optional.empty()
            log shouldContainExactly listOf("request 1", "cancel")
        }
    }

    test("round trip generator -> Publisher -> AsyncIterator keeps order and laziness") {
        runVirtual {
            val log = newLog()
            val it = fromPublisher(toPublisher(loggedRange(3, log)))
            it.anext().await() shouldBe Optional.of(0)
            log shouldContainExactly listOf("yield 0")
            it.toList().await() shouldContainExactly listOf(1, 2)
            log shouldContainExactly listOf("yield 0", "yield 1", "yield 2", "cleanup ok")
        }
    }
})

package dev.aio4j

import dev.aio4j.internal.unwrapRecovered
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldContainExactly
import io.kotest.matchers.shouldBe
import io.kotest.matchers.types.shouldBeInstanceOf
import io.kotest.matchers.types.shouldBeSameInstanceAs
import kotlinx.coroutines.future.await
import java.io.IOException
import java.time.Duration
import java.util.Collections
import java.util.Optional
import java.util.concurrent.CancellationException
import java.util.concurrent.CompletableFuture
import java.util.concurrent.CompletionStage
import java.util.function.Function
import java.util.function.Supplier

private fun <T : Any> gen(body: (Yield<T>) -> CompletionStage<*>?): AsyncIterator<T> = generate(Function(body))

private val done: CompletableFuture<Void?> get() = CompletableFuture.completedFuture(null)

/**
 * `async def range(n): log("start"); try: for i in range(n): await sleep(delay); log("yield i"); yield i
 * finally: log("cleanup …")` — the generator most tests use; the log shows what ran when.
 */
private fun range(n: Int, log: MutableList<String>, delay: Duration = Duration.ZERO): AsyncIterator<Int> = gen { out ->
    fun step(i: Int): CompletionStage<Void?> =
        if (i == n) done else sleep(delay).thenCompose { log += "yield $i"; out.yield(i) }.thenCompose { step(i + 1) }
    log += "start"
    step(0).whenComplete { _, e -> log += "cleanup " + (e?.let { unwrap(it).javaClass.simpleName } ?: "ok") }
}

private fun unwrap(e: Throwable): Throwable = if (e is java.util.concurrent.CompletionException) e.cause!! else e

private fun newLog(): MutableList<String> = Collections.synchronizedList(ArrayList())

class AsyncGeneratorSpec : FunSpec({
    test("nothing runs before the first anext; each anext runs the body up to its next yield") {
        runVirtual {
            val log = newLog()
            val it = range(2, log)
            log shouldContainExactly emptyList()
            it.anext().await() shouldBe Optional.of(0)
            log shouldContainExactly listOf("start", "yield 0")
            it.anext().await() shouldBe Optional.of(1)
            log shouldContainExactly listOf("start", "yield 0", "yield 1")
            it.anext().await() shouldBe Optional.empty()
            log shouldContainExactly listOf("start", "yield 0", "yield 1", "cleanup ok")
            it.anext().await() shouldBe Optional.empty()
        }
    }

    test("an item is handed over within anext's own call when the body does not wait") {
        runVirtual {
            val it = gen<Int> { out -> out.yield(7) }
            val first = it.anext()
            first.isDone shouldBe true // no loop iteration between the pull and the yield
            first.join() shouldBe Optional.of(7)
        }
    }

    test("a failure of the body fails the waiting anext with the exception itself, then iteration is over") {
        runVirtual {
            val boom = IOException("boom")
            val it = gen<Int> { out -> out.yield(1).thenCompose { sleep(Duration.ofSeconds(1)) }.thenCompose { CompletableFuture.failedFuture<Void>(boom) } }
            it.anext().await() shouldBe Optional.of(1)
            shouldThrow<IOException> { it.anext().await() }.unwrapRecovered() shouldBeSameInstanceAs boom
            loopTime() shouldBe 1.0
            it.anext().await() shouldBe Optional.empty()
        }
    }

    test("a body that throws at once or returns null fails the first anext") {
        runVirtual {
            val bad = IllegalStateException("bad")
            shouldThrow<IllegalStateException> { gen<Int> { throw bad }.anext().await() }.unwrapRecovered() shouldBeSameInstanceAs bad
            shouldThrow<NullPointerException> { gen<Int> { null }.anext().await() }.message shouldBe
                "the async generator's body returned null instead of a CompletionStage"
        }
    }

    test("yield(null) throws NullPointerException; a yield with no anext waiting fails its stage") {
        runVirtual {
            lateinit var out: Yield<String>
            val it = gen<String> { y -> out = y; y.yield("a") }
            it.anext().await() shouldBe Optional.of("a")
            shouldThrow<NullPointerException> { @Suppress("UNCHECKED_CAST") (out as Yield<String?>).yield(null) }
            shouldThrow<IllegalStateException> { out.yield("b").toCompletableFuture().await() }.message shouldBe
                "yield() called while no anext() is waiting (state SUSPENDED): chain each yield on the previous one's stage"
        }
    }

    test("aclose throws GeneratorExit in at the yield: the cleanup runs, and aclose completes after it") {
        // CPython test_asyncgen: test_async_gen_asyncio_aclose_06-like: finally runs on aclose, and may await.
        runVirtual {
            val log = newLog()
            val it = gen<Int> { out ->
                out.yield(1).whenComplete { _, e -> log += "exit: " + unwrap(e).javaClass.simpleName }
                    .handle { _, _ -> null }
                    .thenCompose { sleep(Duration.ofSeconds(2)) }
                    .whenComplete { _, _ -> log += "cleaned up at ${getRunningLoop().time()}" }
            }
            it.anext().await() shouldBe Optional.of(1)
            it.aclose().toCompletableFuture().await()
            log shouldContainExactly listOf("exit: GeneratorExit", "cleaned up at 2.0")
            it.anext().await() shouldBe Optional.empty()
        }
    }

    test("aclose before the first anext runs nothing; aclose after the end does nothing") {
        runVirtual {
            val log = newLog()
            val fresh = range(3, log)
            fresh.aclose().toCompletableFuture().await()
            fresh.anext().await() shouldBe Optional.empty()
            log shouldContainExactly emptyList()
            val finished = range(0, log)
            finished.anext().await() shouldBe Optional.empty()
            finished.aclose().toCompletableFuture().await()
            log shouldContainExactly listOf("start", "cleanup ok")
        }
    }

    test("a generator that yields after GeneratorExit makes aclose fail") {
        // CPython test_asyncgen: test_async_gen_asyncio_aclose_10 ("async generator ignored GeneratorExit").
        runVirtual {
            lateinit var out: Yield<Int>
            val it = gen<Int> { y -> out = y; y.yield(1).handle { _, _ -> null }.thenCompose { out.yield(2) } }
            it.anext().await() shouldBe Optional.of(1)
            shouldThrow<IllegalStateException> { it.aclose().toCompletableFuture().await() }.message shouldBe
                "async generator ignored GeneratorExit"
        }
    }

    test("a failure raised by the cleanup replaces GeneratorExit and fails aclose") {
        // CPython test_asyncgen: test_async_gen_asyncio_aclose_08-like: an exception in finally propagates from aclose.
        runVirtual {
            val broken = IOException("cleanup failed")
            val it = gen<Int> { out -> out.yield(1).handle { _, _ -> throw broken } }
            it.anext().await()
            shouldThrow<IOException> { it.aclose().toCompletableFuture().await() }.unwrapRecovered() shouldBeSameInstanceAs broken
        }
    }

    test("anext or aclose while the body runs fail with IllegalStateException, as Python's RuntimeError") {
        // CPython test_asyncgen: test_async_gen_asyncio_anext_04 / aclose while running.
        runVirtual {
            val it = range(2, newLog(), Duration.ofSeconds(1))
            val first = it.anext()
            shouldThrow<IllegalStateException> { it.anext().await() }.message shouldBe "anext(): asynchronous generator is already running"
            shouldThrow<IllegalStateException> { it.aclose().toCompletableFuture().await() }.message shouldBe
                "aclose(): asynchronous generator is already running"
            first.await() shouldBe Optional.of(0)
        }
    }

    test("cancelling the consuming task while the body waits cancels what the body started and runs its cleanup") {
        val steps = Steps()
        runVirtual {
            val log = newLog()
            val it = gen<Int> { out ->
                steps.expect(2)
                sleep(Duration.ofHours(1)).thenCompose { out.yield(1) }
                    .whenComplete { _, e -> steps.expect(4); log += "cleanup " + unwrap(e).javaClass.simpleName }
            }
            val consumer = createTask(Supplier { it.anext() })
            steps.expect(1)
            sleep(Duration.ofSeconds(1)).await()
            steps.expect(3)
            consumer.cancel()
            shouldThrow<CancellationException> { consumer.await() }
            steps.expect(5)
            log shouldContainExactly listOf("cleanup CancellationException")
            loopTime() shouldBe 1.0
            it.anext().await() shouldBe Optional.empty()
        }
        steps.finish(6)
    }

    test("cancelling a pending anext future cancels the step; a later aclose waits for the body to finish") {
        runVirtual {
            val log = newLog()
            val it = range(3, log, Duration.ofHours(1))
            val pending = it.anext()
            sleep(Duration.ofSeconds(1)).await()
            pending.cancel(false)
            it.aclose().toCompletableFuture().await()
            log shouldContainExactly listOf("start", "cleanup CancellationException")
            loopTime() shouldBe 1.0
        }
    }

    test("forEach pulls the next item only after the action's stage is done (backpressure)") {
        runVirtual {
            val log = newLog()
            range(3, log).forEach { i ->
                log += "action $i"
                sleep(Duration.ofSeconds(1)).thenRun { log += "action $i done" }
            }.await()
            log shouldContainExactly listOf(
                "start", "yield 0", "action 0", "action 0 done", "yield 1", "action 1", "action 1 done",
                "yield 2", "action 2", "action 2 done", "cleanup ok",
            )
            loopTime() shouldBe 3.0
        }
    }

    test("an action that fails ends forEach with its exception and closes the generator first") {
        runVirtual {
            val log = newLog()
            val boom = IOException("boom")
            shouldThrow<IOException> {
                range(5, log).forEach { i -> if (i == 1) CompletableFuture.failedFuture<Void>(boom) else done }.await()
            }.unwrapRecovered() shouldBeSameInstanceAs boom
            log shouldContainExactly listOf("start", "yield 0", "yield 1", "cleanup GeneratorExit")
        }
    }

    test("cancelling the task running forEach closes the generator, whose cleanup runs") {
        runVirtual {
            val log = newLog()
            val task = createTask(Supplier { range(5, log).forEach { sleep(Duration.ofHours(1)) } })
            sleep(Duration.ofSeconds(1)).await()
            task.cancel()
            shouldThrow<CancellationException> { task.await() }
            log shouldContainExactly listOf("start", "yield 0", "cleanup GeneratorExit")
        }
    }

    test("using(generator, body) closes it when the body ends early, so the cleanup runs") {
        runVirtual {
            val log = newLog()
            val first = using(range(10, log)) { g -> g.anext().thenApply { it.get() } }.await()
            first shouldBe 0
            log shouldContainExactly listOf("start", "yield 0", "cleanup GeneratorExit")
        }
    }

    test("toList collects every item in order; an AsyncIterable hands out a fresh generator per loop") {
        runVirtual {
            val log = newLog()
            val numbers = AsyncIterable { range(3, log) }
            numbers.toList().await() shouldContainExactly listOf(0, 1, 2)
            numbers.toList().await() shouldContainExactly listOf(0, 1, 2)
        }
    }

    test("anext outside a running event loop fails with the usual error") {
        val e = shouldThrow<IllegalStateException> { range(1, newLog()).anext() }
        e.message!!.startsWith("no running event loop") shouldBe true
        e.shouldBeInstanceOf<IllegalStateException>()
    }
})

package dev.aio4j.coroutines

import dev.aio4j.AsyncIterable
import dev.aio4j.Steps
import dev.aio4j.createTask
import dev.aio4j.generate
import dev.aio4j.internal.unwrapRecovered
import dev.aio4j.loopTime
import dev.aio4j.runVirtual
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldContainExactly
import io.kotest.matchers.shouldBe
import io.kotest.matchers.types.shouldBeSameInstanceAs
import kotlinx.coroutines.delay
import kotlinx.coroutines.flow.flow
import kotlinx.coroutines.flow.take
import kotlinx.coroutines.flow.toList
import kotlinx.coroutines.future.await
import java.io.IOException
import java.util.Collections
import java.util.Optional
import java.util.concurrent.CancellationException
import java.util.concurrent.CompletableFuture
import java.util.concurrent.CompletionStage
import java.util.function.Function
import java.util.function.Supplier
import kotlin.time.Duration.Companion.hours
import kotlin.time.Duration.Companion.seconds

/** A Kotlin flow that logs what it does: `emit i` before each emission, `finally …` at the end. */
private fun loggedFlow(n: Int, log: MutableList<String>) = flow {
    try {
        for (i in 0 until n) {
            delay(1.seconds)
            log += "emit $i"
            emit(i)
            log += "resumed after $i"
        }
    } catch (e: Throwable) {
        log += "caught ${e.javaClass.simpleName}"
        throw e
    } finally {
        log += "finally"
    }
}

/** A Java-style generator of 0 until n with a logged cleanup. */
private fun javaRange(n: Int, log: MutableList<String>): AsyncIterable<Int> = AsyncIterable {
    generate(
        Function { out: dev.aio4j.Yield<Int> ->
            fun step(i: Int): CompletionStage<Void?> =
                if (i == n) CompletableFuture.completedFuture(null) else out.yield(i).thenCompose { step(i + 1) }
            step(0).whenComplete { _, e -> log += "cleanup " + ((e?.cause ?: e)?.javaClass?.simpleName ?: "ok") }
        },
    )
}

class AsyncIterablesSpec : FunSpec({
    test("Flow.asAsyncIterable collects lazily: each emit waits until the consumer asks for the next item") {
        runVirtual {
            val log = Collections.synchronizedList(ArrayList<String>())
            val it = loggedFlow(2, log).asAsyncIterable().aiter()
            log shouldContainExactly emptyList()
            it.anext().await() shouldBe Optional.of(0)
            log shouldContainExactly listOf("emit 0")
            sleep(5.seconds)
            log shouldContainExactly listOf("emit 0") // the flow does not run ahead of demand
            it.anext().await() shouldBe Optional.of(1)
            it.anext().await() shouldBe Optional.empty()
            log shouldContainExactly listOf("emit 0", "resumed after 0", "emit 1", "resumed after 1", "finally")
        }
    }

    test("closing the iterator early cancels the flow at its emit with GeneratorExit; its finally runs") {
        runVirtual {
            val log = Collections.synchronizedList(ArrayList<String>())
            val it = loggedFlow(5, log).asAsyncIterable().aiter()
            it.anext().await() shouldBe Optional.of(0)
            it.aclose().toCompletableFuture().await()
            log shouldContainExactly listOf("emit 0", "caught GeneratorExit", "finally")
        }
    }

    test("cancelling the task waiting in anext cancels the flow's collection; its finally runs") {
        val steps = Steps()
        runVirtual {
            val log = Collections.synchronizedList(ArrayList<String>())
            val it = flow {
                try {
                    steps.expect(1)
                    delay(1.hours)
                    emit(1)
                } finally {
                    steps.expect(3)
                    log += "finally"
                }
            }.asAsyncIterable().aiter()
            val consumer = createTask(Supplier { it.anext() })
            sleep(1.seconds)
            steps.expect(2)
            consumer.cancel()
            shouldThrow<CancellationException> { consumer.await() }
            steps.expect(4)
            log shouldContainExactly listOf("finally")
            loopTime() shouldBe 1.0
        }
        steps.finish(5)
    }

    test("a flow's failure reaches the Java consumer as itself") {
        runVirtual {
            val boom = IOException("boom")
            val it = flow<Int> { emit(1); throw boom }.asAsyncIterable().aiter()
            it.anext().await() shouldBe Optional.of(1)
            shouldThrow<IOException> { it.anext().await() }.unwrapRecovered() shouldBeSameInstanceAs boom
        }
    }

    test("AsyncIterable.asFlow emits every item, and a collector that stops early closes the generator") {
        runVirtual {
            val log = Collections.synchronizedList(ArrayList<String>())
            javaRange(3, log).asFlow().toList() shouldContainExactly listOf(0, 1, 2)
            log shouldContainExactly listOf("cleanup ok")
            log.clear()
            javaRange(10, log).asFlow().take(2).toList() shouldContainExactly listOf(0, 1)
            log shouldContainExactly listOf("cleanup GeneratorExit")
        }
    }

    test("round trip Flow -> AsyncIterable -> Flow keeps order, laziness and failures") {
        runVirtual {
            val log = Collections.synchronizedList(ArrayList<String>())
            loggedFlow(3, log).asAsyncIterable().asFlow().take(1).toList() shouldContainExactly listOf(0)
            log shouldContainExactly listOf("emit 0", "caught GeneratorExit", "finally")
            val boom = IllegalStateException("boom")
            shouldThrow<IllegalStateException> { flow<Int> { throw boom }.asAsyncIterable().asFlow().toList() }
                .unwrapRecovered() shouldBeSameInstanceAs boom
        }
    }
})

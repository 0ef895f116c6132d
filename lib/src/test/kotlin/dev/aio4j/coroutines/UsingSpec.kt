package dev.aio4j.coroutines

import dev.aio4j.AsyncCloseable
import dev.aio4j.Steps
import dev.aio4j.internal.unwrapRecovered
import dev.aio4j.runVirtual
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.types.shouldBeSameInstanceAs
import kotlinx.coroutines.CancellationException
import kotlinx.coroutines.async
import kotlinx.coroutines.awaitCancellation
import kotlinx.coroutines.supervisorScope
import java.io.IOException
import java.util.concurrent.CompletableFuture
import java.util.concurrent.CompletionStage
import kotlin.time.Duration.Companion.seconds

/** A resource that records what its `aexit` saw and can suppress it. */
private class Recorder(private val suppress: Boolean = false) : AsyncCloseable {
    var saw: Throwable? = null
    var closed = 0

    override fun aclose(): CompletionStage<Void> = CompletableFuture.completedFuture(null)

    override fun aexit(failure: Throwable?): CompletionStage<Boolean> {
        saw = failure
        closed++
        return CompletableFuture.completedFuture(suppress)
    }
}

class UsingSpec : FunSpec({
    test("closes once after the block, which returns its value") {
        runVirtual {
            val r = Recorder()
            using(r) { sleep(1.seconds); 42 } shouldBe 42
            r.closed shouldBe 1
            r.saw shouldBe null
        }
    }

    test("the close sees the block's own exception, which propagates unless suppressed") {
        runVirtual {
            val boom = IOException("boom")
            val r = Recorder()
            shouldThrow<IOException> { using(r) { sleep(1.seconds); throw boom } } shouldBeSameInstanceAs boom
            r.saw shouldBeSameInstanceAs boom
            using(Recorder(suppress = true)) { throw IOException("hidden") } shouldBe null
        }
    }

    test("a cancelled block is closed too, and a cancellation is never suppressed") {
        val steps = Steps()
        runVirtual {
            val r = Recorder(suppress = true)
            supervisorScope {
                val user = async { using(r) { steps.expect(1); awaitCancellation() } }
                sleep(1.seconds)
                steps.expect(2)
                user.cancel()
                shouldThrow<CancellationException> { user.await() }
            }
            (r.saw is CancellationException) shouldBe true
            r.closed shouldBe 1
        }
        steps.finish(3)
    }

    test("a failing close wins and carries the block's failure as suppressed") {
        runVirtual {
            val body = IOException("body")
            val broken = AsyncCloseable { CompletableFuture.failedFuture(IllegalStateException("close failed")) }
            val e = shouldThrow<IllegalStateException> { using(broken) { throw body } }
            // Under -ea kotlinx hands Kotlin callers a stack-recovered copy; the original is underneath.
            e.unwrapRecovered().suppressed.single() shouldBeSameInstanceAs body
        }
    }
})

package dev.aio4j

import dev.aio4j.coroutines.runEventLoop
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldNotBeEmpty
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import java.time.Duration
import java.util.concurrent.CompletableFuture
import java.util.function.Supplier

class DebugModeSpec : FunSpec({
    test("a task holding the loop longer than the threshold is reported once, with its stack") {
        val reports = Reports()
        EventLoop.create().use { loop ->
            reports.install(loop)
            loop.setDebug(true)
            loop.setSlowCallbackDuration(Duration.ofMillis(20))
            loop.runUntilComplete(Supplier {
                createTask(Supplier {
                    Thread.sleep(200) // blocks the loop thread, which debug mode exists to catch
                    CompletableFuture.completedFuture(1)
                }, "hog")
            })
        }
        val slow = reports.list.filter { it.kind() == LoopReport.Kind.SLOW_CALLBACK }
        slow.size shouldBe 1
        slow[0].message() shouldContain "hog"
        slow[0].stack().shouldNotBeEmpty()
        slow[0].stack().any { it.methodName == "sleep" } shouldBe true
    }

    test("without debug mode nothing is reported") {
        val reports = Reports()
        EventLoop.create().use { loop ->
            reports.install(loop)
            loop.runUntilComplete(Supplier { Thread.sleep(150); CompletableFuture.completedFuture(1) })
        }
        reports.list.size shouldBe 0
    }

    test("a failed task whose exception nobody retrieved is reported when it is collected") {
        val reports = Reports()
        EventLoop.createWithVirtualTime().use { loop ->
            reports.install(loop)
            loop.setDebug(true)
            runEventLoop(loop) {
                createTask(Supplier { CompletableFuture.failedFuture<Int>(IllegalStateException("lost")) }, "forgotten")
                val seen = createTask(Supplier { CompletableFuture.failedFuture<Int>(IllegalStateException("seen")) })
                dev.aio4j.coroutines.sleep(kotlin.time.Duration.ZERO)
                dev.aio4j.coroutines.sleep(kotlin.time.Duration.ZERO)
                seen.exception()
            }
            // Cleaner-based: give the collector a bounded number of chances.
            var chances = 100
            while (chances-- > 0 && reports.list.none { it.kind() == LoopReport.Kind.UNRETRIEVED_EXCEPTION }) {
                System.gc()
                Thread.sleep(20)
            }
        }
        val unretrieved = reports.list.filter { it.kind() == LoopReport.Kind.UNRETRIEVED_EXCEPTION }
        unretrieved.size shouldBe 1
        unretrieved[0].message() shouldContain "forgotten"
        unretrieved[0].exception()!!.message shouldBe "lost"
    }
})

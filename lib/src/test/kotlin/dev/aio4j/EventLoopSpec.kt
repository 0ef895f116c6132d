package dev.aio4j

import dev.aio4j.coroutines.runEventLoop
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldContainExactly
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import kotlinx.coroutines.CompletableDeferred
import java.time.Duration
import java.util.concurrent.CompletableFuture
import java.util.concurrent.CountDownLatch
import java.util.concurrent.TimeUnit
import java.util.function.Supplier
import kotlinx.coroutines.future.await

class EventLoopSpec : FunSpec({
    test("callSoon runs callbacks in FIFO order, each scheduled from a callback in the next iteration") {
        val log = mutableListOf<String>()
        runVirtual {
            val loop = getRunningLoop()
            val done = CompletableDeferred<Unit>()
            loop.callSoon { log += "a"; loop.callSoon { log += "c"; done.complete(Unit) } }
            loop.callSoon { log += "b" }
            done.await()
        }
        log shouldContainExactly listOf("a", "b", "c")
    }

    test("callLater and callAt run by due time, ties in scheduling order, on the virtual clock") {
        val log = mutableListOf<String>()
        runVirtual {
            val loop = getRunningLoop()
            val done = CompletableDeferred<Unit>()
            val start = loop.time()
            loop.callLater(Duration.ofSeconds(2)) { log += "2s@${loop.time() - start}"; done.complete(Unit) }
            loop.callAt(start + 1.0) { log += "1s-first" }
            loop.callLater(Duration.ofSeconds(1)) { log += "1s-second" }
            val cancelled = loop.callLater(Duration.ofMillis(1500)) { log += "never" }
            cancelled.cancel()
            cancelled.cancelled() shouldBe true
            done.await()
        }
        log shouldContainExactly listOf("1s-first", "1s-second", "2s@2.0")
    }

    test("a cancelled callSoon handle never runs") {
        val log = mutableListOf<String>()
        runVirtual {
            val loop = getRunningLoop()
            loop.callSoon { log += "never" }.cancel()
            dev.aio4j.coroutines.sleep(kotlin.time.Duration.ZERO)
            dev.aio4j.coroutines.sleep(kotlin.time.Duration.ZERO)
        }
        log shouldBe emptyList()
    }

    test("callSoonThreadsafe and runCoroutineThreadsafe work from a foreign thread") {
        EventLoop.create().use { loop ->
            val ran = CountDownLatch(1)
            var thread: Thread? = null
            loop.callSoonThreadsafe { thread = Thread.currentThread(); ran.countDown() }
            ran.await(5, TimeUnit.SECONDS) shouldBe true
            thread!!.name shouldContain "aio4j-loop"
            val result = loop.runCoroutineThreadsafe(Supplier { sleep(Duration.ofMillis(1), 42) })
            result.get(5, TimeUnit.SECONDS) shouldBe 42
        }
    }

    test("cancelling runCoroutineThreadsafe's future cancels the task, which runs its cleanup") {
        EventLoop.create().use { loop ->
            val cleaned = CountDownLatch(1)
            val started = CountDownLatch(1)
            val f = loop.runCoroutineThreadsafe(Supplier {
                started.countDown()
                sleep(Duration.ofHours(1)).whenComplete { _, _ -> cleaned.countDown() }
            })
            started.await(5, TimeUnit.SECONDS) shouldBe true
            f.cancel(false)
            cleaned.await(5, TimeUnit.SECONDS) shouldBe true
        }
    }

    test("runUntilComplete throws the task's exception as itself") {
        EventLoop.createWithVirtualTime().use { loop ->
            val e = shouldThrow<java.io.IOException> {
                loop.runUntilComplete(Supplier { CompletableFuture.failedFuture<Int>(java.io.IOException("disk")) })
            }
            e.message shouldBe "disk"
        }
    }

    test("run and runUntilComplete refuse to run on a loop thread") {
        val e = shouldThrow<IllegalStateException> {
            runVirtual { run(Supplier { CompletableFuture.completedFuture(1) }) }
        }
        e.message shouldContain "cannot be called from a running event loop"
        val e2 = shouldThrow<IllegalStateException> {
            runVirtual { getRunningLoop().runUntilComplete(CompletableFuture.completedFuture(1)) }
        }
        e2.message shouldContain "cannot be called from a running event loop"
    }

    test("operations off a loop thread fail with a clear error") {
        val e = shouldThrow<IllegalStateException> { sleep(Duration.ofSeconds(1)) }
        e.message shouldContain "no running event loop"
        shouldThrow<IllegalStateException> { currentTask() }
    }

    test("close cancels every task left and waits for its cleanup") {
        val steps = Steps()
        val loop = EventLoop.createWithVirtualTime()
        runEventLoop(loop) {
            createTask(Supplier {
                steps.expect(2)
                sleep(Duration.ofDays(1)).whenComplete { _, e -> steps.expect(4); (e is java.util.concurrent.CancellationException) shouldBe true }
            }, "background")
            steps.expect(1)
            dev.aio4j.coroutines.sleep(kotlin.time.Duration.ZERO)
            steps.expect(3)
        }
        loop.close()
        steps.finish(5)
        loop.isClosed() shouldBe true
        shouldThrow<IllegalStateException> { loop.callSoonThreadsafe {} }
    }

    test("a stop that comes before runForever makes it return at once, as asyncio's does") {
        EventLoop.create().use { loop ->
            loop.stop()
            val returned = java.util.concurrent.CompletableFuture.runAsync { loop.runForever() }
            returned.get(5, TimeUnit.SECONDS)
            returned.isDone shouldBe true
        }
    }

    test("runForever blocks until stop") {
        EventLoop.create().use { loop ->
            loop.callSoonThreadsafe { loop.callLater(Duration.ofMillis(5)) { loop.stop() } }
            loop.runForever()
            loop.isRunning() shouldBe true
        }
    }

    test("an exception thrown by a callback goes to the exception handler and the loop goes on") {
        val reports = Reports()
        val log = mutableListOf<String>()
        EventLoop.createWithVirtualTime().use { loop ->
            reports.install(loop)
            runEventLoop(loop) {
                val done = CompletableDeferred<Unit>()
                loop.callSoon { throw IllegalArgumentException("bad callback") }
                loop.callSoon { log += "next"; done.complete(Unit) }
                done.await()
            }
        }
        log shouldContainExactly listOf("next")
        reports.list.map { it.kind() } shouldContainExactly listOf(LoopReport.Kind.CALLBACK_ERROR)
        reports.list[0].exception()!!.message shouldBe "bad callback"
    }

    test("the virtual clock does not jump while thread work is outstanding") {
        runVirtual {
            val start = loopTime()
            val v = toThread(java.util.concurrent.Callable { Thread.sleep(50); 7 })
            val sleeper = sleep(Duration.ofSeconds(10))
            v.await() shouldBe 7
            (loopTime() - start) shouldBe 0.0
            sleeper.cancel()
        }
    }
})

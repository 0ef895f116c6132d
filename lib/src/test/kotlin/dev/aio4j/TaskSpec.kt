package dev.aio4j

import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldBeEmpty
import io.kotest.matchers.collections.shouldContainExactly
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldMatch
import io.kotest.matchers.types.shouldBeSameInstanceAs
import kotlinx.coroutines.future.await
import java.time.Duration
import java.util.concurrent.CancellationException
import java.util.concurrent.CompletableFuture
import java.util.concurrent.CompletionStage
import java.util.function.Consumer
import java.util.function.Supplier

private fun <T> task(name: String? = null, body: () -> CompletionStage<T>): Task<T> = createTask(Supplier(body), name)

class TaskSpec : FunSpec({
    test("createTask schedules the body for the next iteration; the creator runs on first") {
        val steps = Steps()
        runVirtual {
            val t = task { steps.expect(2); CompletableFuture.completedFuture("x") }
            steps.expect(1)
            t.done() shouldBe false
            t.await() shouldBe "x"
            steps.finish(3)
        }
    }

    test("result, exception, done and cancelled follow asyncio; a pending task raises InvalidStateError") {
        runVirtual {
            val t = task { sleep(Duration.ofSeconds(1), 5) }
            shouldThrow<InvalidStateError> { t.result() }
            shouldThrow<InvalidStateError> { t.exception() }
            t.await()
            t.done() shouldBe true
            t.result() shouldBe 5
            t.exception() shouldBe null
            t.cancelled() shouldBe false
            val failing = task<Int> { CompletableFuture.failedFuture(IllegalArgumentException("bad")) }
            runCatching { failing.await() }
            (failing.exception() as IllegalArgumentException).message shouldBe "bad"
            shouldThrow<IllegalArgumentException> { failing.result() }
        }
    }

    test("cancel(msg) runs the task's cleanup first, then the task is cancelled with that message") {
        val steps = Steps()
        runVirtual {
            val t = task {
                steps.expect(1)
                sleep(Duration.ofHours(1)).whenComplete { _, e -> steps.expect(3); (e is CancellationException) shouldBe true }
            }
            sleep(Duration.ZERO).await()
            t.cancel("enough") shouldBe true
            steps.expect(2)
            t.done() shouldBe false
            t.cancelling() shouldBe 1
            val e = shouldThrow<CancellationException> { t.await() }
            steps.expect(4)
            t.cancelled() shouldBe true
            shouldThrow<CancellationException> { t.result() }.message shouldBe "enough"
            shouldThrow<CancellationException> { t.exception() }
            e.message shouldBe "enough"
            t.cancel() shouldBe false
        }
        steps.finish(5)
    }

    test("a task cancelled before it started never runs its body") {
        runVirtual {
            val t = task<Int> { error("must not run") }
            t.cancel() shouldBe true
            shouldThrow<CancellationException> { t.await() }
            t.cancelled() shouldBe true
        }
    }

    test("CompletableFuture.cancel on a task cancels the coroutine; a cancellation inside the task cancels its future") {
        runVirtual {
            val t = task { sleep(Duration.ofHours(1)) }
            sleep(Duration.ZERO).await()
            (t as CompletableFuture<*>).cancel(true) shouldBe true
            shouldThrow<CancellationException> { t.await() }
            (t as CompletableFuture<*>).isCancelled shouldBe true

            val inner = task<Int> { CompletableFuture.failedFuture(CancellationException("from inside")) }
            shouldThrow<CancellationException> { inner.await() }
            inner.isCancelled shouldBe true
        }
    }

    test("completing a task's future from outside settles it at once and cancels the work") {
        val steps = Steps()
        runVirtual {
            val t = task { sleep(Duration.ofHours(1)).whenComplete { _, _ -> steps.expect(2) } }
            sleep(Duration.ZERO).await()
            t.complete(null) shouldBe true
            steps.expect(1)
            t.result() shouldBe null
            sleep(Duration.ZERO).await()
            sleep(Duration.ZERO).await()
        }
        steps.finish(3)
    }

    test("a task's result cannot be set from outside") {
        runVirtual {
            val t = task { CompletableFuture.completedFuture(1) }
            shouldThrow<IllegalStateException> { t.setResult(2) }
            shouldThrow<IllegalStateException> { t.setException(RuntimeException()) }
            t.await() shouldBe 1
        }
    }

    test("done callbacks are scheduled on the loop, never run inline, and can be removed") {
        val log = mutableListOf<String>()
        runVirtual {
            val f = createFuture<String>()
            val removed = Consumer<Future<String>> { log += "removed" }
            f.addDoneCallback { log += "first ${it.result()} on ${Thread.currentThread().name.startsWith("aio4j-loop")}" }
            f.addDoneCallback(removed)
            f.addDoneCallback { log += "second" }
            f.removeDoneCallback(removed) shouldBe 1
            f.setResult("r")
            log += "after setResult"
            sleep(Duration.ZERO).await()
            sleep(Duration.ZERO).await()
        }
        log shouldContainExactly listOf("after setResult", "first r on true", "second")
    }

    test("tasks are named Task-N unless named, and can be renamed") {
        runVirtual {
            val t = task { CompletableFuture.completedFuture(1) }
            t.getName() shouldMatch Regex("Task-\\d+")
            val named = task("worker") { CompletableFuture.completedFuture(1) }
            named.getName() shouldBe "worker"
            named.setName("renamed")
            named.toString() shouldBe "<Task pending name='renamed'>"
            t.await()
            named.await()
        }
    }

    test("currentTask is the task running the code, also in callbacks of its stages") {
        runVirtual {
            var seen: Task<*>? = null
            var seenInCallback: Task<*>? = null
            val t = task {
                seen = currentTask()
                sleep(Duration.ofMillis(10)).thenRun { seenInCallback = currentTask() }
            }
            t.await()
            seen shouldBeSameInstanceAs t
            seenInCallback shouldBeSameInstanceAs t
        }
    }

    test("a recursive sleep().thenCompose loop prints nothing after its task is cancelled and leaves nothing behind") {
        val log = mutableListOf<Double>()
        runVirtual {
            val loop = getRunningLoop()
            fun tick(): CompletableFuture<Void?> =
                sleep(Duration.ofSeconds(1)).thenCompose { log += loop.time(); tick() }
            val t = task("ticker") { tick() }
            sleep(Duration.ofMillis(3500)).await()
            t.cancel()
            shouldThrow<CancellationException> { t.await() }
            val logged = log.size
            sleep(Duration.ofSeconds(10)).await()
            log.size shouldBe logged
            allTasks().filter { it !== currentTask() }.shouldBeEmpty()
        }
        log shouldContainExactly listOf(1.0, 2.0, 3.0)
    }

    test("a task completes only after the operations it started are done") {
        val steps = Steps()
        runVirtual {
            val t = task {
                sleep(Duration.ofSeconds(2)).thenRun { steps.expect(2) }
                steps.expect(1)
                CompletableFuture.completedFuture("early")
            }
            t.await() shouldBe "early"
            steps.expect(3)
            loopTime() shouldBe 2.0
        }
        steps.finish(4)
    }

    test("allTasks lists the pending tasks of the loop") {
        runVirtual {
            val a = task("a") { sleep(Duration.ofSeconds(1)) }
            val b = task("b") { sleep(Duration.ofSeconds(2)) }
            allTasks().map { it.getName() }.toSet() shouldBe setOf(currentTask()!!.getName(), "a", "b")
            a.await()
            allTasks().map { it.getName() }.toSet() shouldBe setOf(currentTask()!!.getName(), "b")
            b.await()
        }
    }

    test("a future settled twice raises InvalidStateError, and a task awaiting it gets the value") {
        runVirtual {
            val f = createFuture<String>()
            val waiter = task { f.thenApply { it + "!" } }
            getRunningLoop().callLater(Duration.ofSeconds(1)) { f.setResult("hi") }
            waiter.await() shouldBe "hi!"
            shouldThrow<InvalidStateError> { f.setResult("again") }
            shouldThrow<InvalidStateError> { f.setException(RuntimeException()) }
            f.cancel() shouldBe false
            shouldThrow<UnsupportedOperationException> { f.obtrudeValue("x") }
            val g = createFuture<String>()
            g.cancel("stop") shouldBe true
            g.cancelled() shouldBe true
            shouldThrow<CancellationException> { g.result() }.message shouldBe "stop"
        }
    }

    test("a task whose body returns its own operation finishes one iteration after it, with its outcome") {
        val steps = Steps()
        runVirtual {
            val t = task { sleep(Duration.ofSeconds(2), "slept") }
            t.addDoneCallback(Consumer { steps.expect(3) })
            sleep(Duration.ofSeconds(2)).thenRun { steps.expect(1) }.await()
            steps.expect(2)
            t.await() shouldBe "slept"
            loopTime() shouldBe 2.0
            val failing = task<Int> { sleep(Duration.ofSeconds(1)).thenApply { throw IllegalStateException("late") } }
            shouldThrow<IllegalStateException> { failing.await() }.message shouldBe "late"
        }
        steps.finish(4)
    }

    test("cancelling a task that awaits another task cancels that task too, as awaiting a task does in asyncio") {
        runVirtual {
            val inner = task { sleep(Duration.ofHours(1), "inner") }
            val outer = task { inner }
            sleep(Duration.ZERO).await()
            outer.cancel("stop") shouldBe true
            shouldThrow<CancellationException> { outer.await() }
            shouldThrow<CancellationException> { inner.await() }
            inner.cancelled() shouldBe true
        }
    }

    test("a sleep too long for the clock is cancellable, and a negative one yields once") {
        val steps = Steps()
        runVirtual {
            val forever = sleep(Duration.ofSeconds(Long.MAX_VALUE))
            sleep(Duration.ofMillis(-5)).thenRun { steps.expect(2) }
            steps.expect(1)
            sleep(Duration.ZERO).await()
            steps.expect(3)
            forever.done() shouldBe false
            forever.cancel("enough") shouldBe true
            shouldThrow<CancellationException> { forever.await() }.message shouldBe "enough"
        }
        steps.finish(4)
    }
})

class EagerTaskSpec : FunSpec({
    test("with eager tasks the body runs inside createTask up to its first suspension") {
        val steps = Steps()
        runVirtual {
            getRunningLoop().setEagerTasks(true)
            val done = createTask(Supplier { steps.expect(1); CompletableFuture.completedFuture("now") })
            steps.expect(2)
            done.done() shouldBe true
            done.result() shouldBe "now"
            val suspended = createTask(Supplier {
                steps.expect(3)
                sleep(Duration.ofSeconds(1)).thenRun { steps.expect(5) }
            })
            steps.expect(4)
            suspended.done() shouldBe false
            suspended.await()
            getRunningLoop().setEagerTasks(false)
            val lazy = createTask(Supplier { steps.expect(7); CompletableFuture.completedFuture(1) })
            steps.expect(6)
            lazy.await()
        }
        steps.finish(8)
    }
})

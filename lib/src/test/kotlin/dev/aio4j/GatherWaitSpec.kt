package dev.aio4j

import dev.aio4j.coroutines.gather as coreGather
import dev.aio4j.coroutines.gatherSettled as coreGatherSettled
import dev.aio4j.coroutines.asCompleted as coreAsCompleted
import dev.aio4j.coroutines.wait as coreWait
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldContainExactly
import io.kotest.matchers.shouldBe
import io.kotest.matchers.types.shouldBeInstanceOf
import kotlinx.coroutines.async
import kotlinx.coroutines.delay
import kotlinx.coroutines.supervisorScope
import kotlinx.coroutines.flow.toList
import kotlinx.coroutines.future.await
import java.io.IOException
import java.time.Duration
import java.util.concurrent.CancellationException
import java.util.concurrent.CompletableFuture
import java.util.function.Supplier
import kotlin.time.Duration.Companion.seconds

private fun secs(s: Double) = Duration.ofMillis((s * 1000).toLong())

class GatherWaitSpec : FunSpec({
    context("gather") {
        test("returns results in input order, not completion order, in the time of the slowest") {
            runVirtual {
                val r = gather(sleep(secs(3.0), "slow"), sleep(secs(1.0), "fast"), sleep(secs(2.0), "mid")).await()
                r shouldContainExactly listOf("slow", "fast", "mid")
                loopTime() shouldBe 3.0
            }
        }

        test("already-done inputs complete the gather at once, without yielding") {
            runVirtual {
                val g = gather(CompletableFuture.completedFuture(1), CompletableFuture.completedFuture(2))
                g.isDone shouldBe true
                g.result() shouldContainExactly listOf(1, 2)
                gather<Int>(emptyList()).result() shouldBe emptyList()
            }
        }

        test("the first failure cancels the others, waits for their cleanup, then fails the gather") {
            val steps = Steps()
            runVirtual {
                // A task, not a bare stage: cancelling a plain thenApply/whenComplete tail cannot reach its head.
                val slow = createTask(Supplier {
                    sleep(secs(10.0), "x").whenComplete { _, e -> steps.expect(2); e.shouldBeInstanceOf<CancellationException>() }
                })
                val failing = sleep(secs(1.0)).thenApply<String> { steps.expect(1); throw IOException("boom") }
                val e = shouldThrow<IOException> { gather(slow, failing).await() }
                steps.expect(3)
                e.message shouldBe "boom"
                loopTime() shouldBe 1.0
            }
            steps.finish(4)
        }

        test("a cancelled input fails the gather with CancellationException") {
            runVirtual {
                val a = sleep(secs(1.0), 1)
                val b = sleep(secs(5.0), 2)
                getRunningLoop().callLater(secs(0.5)) { a.cancel() }
                shouldThrow<CancellationException> { gather(a, b).await() }
                b.cancelled() shouldBe true
            }
        }

        test("cancelling the gather cancels every input") {
            runVirtual {
                val a = createTask(Supplier { sleep(secs(5.0), 1) })
                val b = createTask(Supplier { sleep(secs(5.0), 2) })
                val g = gather(a, b)
                sleep(secs(1.0)).await()
                g.cancel() shouldBe true
                shouldThrow<CancellationException> { g.await() }
                a.cancelled() shouldBe true
                b.cancelled() shouldBe true
            }
        }

        test("gatherSettled returns every outcome, typed, and cancels nothing") {
            runVirtual {
                val cancelled = createFuture<Int>().also { it.cancel("gone") }
                val outcomes = gatherSettled(
                    sleep(secs(2.0), 1),
                    CompletableFuture.failedFuture(IOException("io")),
                    cancelled,
                ).await()
                outcomes[0] shouldBe Outcome.Success(1)
                (outcomes[1] as Outcome.Failure).exception().message shouldBe "io"
                (outcomes[2] as Outcome.Cancelled).exception().message shouldBe "gone"
                shouldThrow<IOException> { outcomes[1].value() }
                loopTime() shouldBe 2.0
            }
        }

        test("the Kotlin core gathers deferreds the same way") {
            runVirtual { supervisorScope {
                val a = async { delay(2000); "a" }
                val b = async { delay(1000); "b" }
                coreGather(a, b) shouldContainExactly listOf("a", "b")
                val c = async<String> { delay(500); throw IOException("c") }
                val d = async { delay(5000); "d" }
                shouldThrow<IOException> { coreGather(c, d) }
                d.isCancelled shouldBe true
                val e = async<String> { throw IOException("e") }
                coreGatherSettled(listOf(async { "ok" }, e)).map { it.isSuccess() } shouldContainExactly listOf(true, false)
            } }
        }
    }

    context("wait") {
        test("FIRST_COMPLETED returns as soon as one is done; nothing is cancelled") {
            runVirtual {
                val a = sleep(secs(1.0), "a")
                val b = sleep(secs(2.0), "b")
                val r = wait(listOf(a, b), ReturnWhen.FIRST_COMPLETED).await()
                r.done() shouldBe setOf(a)
                r.pending() shouldBe setOf(b)
                loopTime() shouldBe 1.0
                b.await() shouldBe "b"
            }
        }

        test("FIRST_EXCEPTION returns at the first failure, ignoring cancellations; else when all are done") {
            runVirtual {
                val cancelled = sleep(secs(0.5), 0).also { f -> getRunningLoop().callLater(secs(0.2)) { f.cancel() } }
                val failing = sleep(secs(1.0)).thenApply<Int> { throw IOException("x") }
                val slow = sleep(secs(3.0), 3)
                val r = wait(listOf(cancelled, failing, slow), ReturnWhen.FIRST_EXCEPTION).await()
                loopTime() shouldBe 1.0
                r.done() shouldBe setOf(cancelled, failing)
                r.pending() shouldBe setOf(slow)
                val fine = listOf(sleep(secs(1.0), 1), sleep(secs(2.0), 2))
                wait(fine, ReturnWhen.FIRST_EXCEPTION).await().done().size shouldBe 2
                loopTime() shouldBe 3.0
            }
        }

        test("ALL_COMPLETED with a timeout returns what is done and leaves the rest running") {
            runVirtual {
                val a = sleep(secs(1.0), "a")
                val b = sleep(secs(10.0), "b")
                val r = wait(listOf(a, b), ReturnWhen.ALL_COMPLETED, secs(5.0)).await()
                loopTime() shouldBe 5.0
                r.done() shouldBe setOf(a)
                r.pending() shouldBe setOf(b)
                b.isDone shouldBe false
                b.await() shouldBe "b"
            }
        }

        test("an empty collection is an IllegalArgumentException; duplicates count once") {
            runVirtual {
                shouldThrow<IllegalArgumentException> { wait(emptyList<CompletableFuture<Int>>()) }
                val a = sleep(secs(1.0), 1)
                wait(listOf(a, a)).await().done() shouldBe setOf(a)
                val core = async { delay(1000); 1 }
                coreWait(listOf(core), ReturnWhen.ALL_COMPLETED).done() shouldBe setOf(core)
            }
        }
    }

    context("asCompleted") {
        test("hands out results in completion order; failures arrive in their turn") {
            runVirtual {
                val order = asCompleted(listOf(
                    sleep(secs(3.0), "c"),
                    sleep(secs(1.0), "a"),
                    sleep(secs(2.0)).thenApply<String> { throw IOException("b") },
                ))
                order[0].await() shouldBe "a"
                shouldThrow<IOException> { order[1].await() }
                order[2].await() shouldBe "c"
            }
        }

        test("a timeout fails the futures still open with TimeoutError and cancels nothing") {
            runVirtual {
                val slow = sleep(secs(10.0), "slow")
                val order = asCompleted(listOf(sleep(secs(1.0), "fast"), slow), secs(2.0))
                order[0].await() shouldBe "fast"
                shouldThrow<TimeoutError> { order[1].await() }
                loopTime() shouldBe 2.0
                slow.isDone shouldBe false
                slow.cancel()
            }
        }

        test("the Kotlin core emits in completion order and times out with TimeoutError") {
            runVirtual {
                val a = async { delay(2000); "a" }
                val b = async { delay(1000); "b" }
                coreAsCompleted(listOf(a, b)).toList() shouldContainExactly listOf("b", "a")
                val c = async { delay(10_000); "c" }
                shouldThrow<TimeoutError> { coreAsCompleted(listOf(c), 1.seconds).toList() }
                c.cancel()
            }
        }
    }

    context("shield") {
        test("cancelling the shield cancels the caller only; the shielded task runs to the end") {
            runVirtual {
                val inner = createTask(Supplier { sleep(secs(2.0), "saved") })
                val shielded = shield(inner)
                sleep(secs(1.0)).await()
                shielded.cancel() shouldBe true
                shouldThrow<CancellationException> { shielded.await() }
                inner.await() shouldBe "saved"
                loopTime() shouldBe 2.0
            }
        }

        test("the supplier form runs the work as an independent task that survives its caller") {
            val steps = Steps()
            runVirtual {
                val caller = createTask(Supplier {
                    shield(Supplier { sleep(secs(2.0)).thenRun { steps.expect(2) } })
                })
                sleep(secs(1.0)).await()
                caller.cancel()
                shouldThrow<CancellationException> { caller.await() }
                steps.expect(1)
                sleep(secs(2.0)).await()
            }
            steps.finish(3)
        }
    }

    context("toThread") {
        test("runs off the loop and completes back on the loop thread") {
            runVirtual {
                val loopThread = Thread.currentThread()
                var worker: Thread? = null
                var callbackThread: Thread? = null
                toThread(java.util.concurrent.Callable { worker = Thread.currentThread(); 42 })
                    .thenApply { callbackThread = Thread.currentThread(); it }.await() shouldBe 42
                (worker !== loopThread) shouldBe true
                callbackThread shouldBe loopThread
                shouldThrow<IOException> { toThread(java.util.concurrent.Callable<Int> { throw IOException("disk") }).await() }
            }
        }

        test("cancelling releases the caller at once; Asyncio.run still waits for the thread") {
            val finished = java.util.concurrent.atomic.AtomicBoolean()
            val started = java.util.concurrent.CountDownLatch(1)
            val release = java.util.concurrent.CountDownLatch(1)
            var released: Throwable? = null
            run(Supplier {
                val call = toThread(Runnable { started.countDown(); release.await(); Thread.sleep(50); finished.set(true) })
                toThread(Runnable { started.await() }).thenCompose {
                    call.cancel()
                    call.handle { _, e -> released = e; finished.get() shouldBe false; release.countDown(); null }
                }
            })
            released.shouldBeInstanceOf<CancellationException>()
            finished.get() shouldBe true
        }
    }
})

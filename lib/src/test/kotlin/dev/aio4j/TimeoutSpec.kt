package dev.aio4j

import dev.aio4j.coroutines.Timeout as CoreTimeout
import dev.aio4j.coroutines.sleep
import kotlinx.coroutines.future.await
import dev.aio4j.coroutines.timeout
import dev.aio4j.coroutines.timeoutAt
import dev.aio4j.coroutines.waitFor
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.types.shouldBeInstanceOf
import kotlinx.coroutines.CancellationException
import kotlinx.coroutines.async
import kotlinx.coroutines.awaitCancellation
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.currentCoroutineContext
import kotlinx.coroutines.job
import kotlinx.coroutines.launch
import kotlin.time.Duration
import kotlin.time.Duration.Companion.milliseconds
import kotlin.time.Duration.Companion.seconds

/** Ports of CPython's test_timeouts.py and test_waitfor.py (see lib/CONFORMANCE.md). */
class TimeoutSpec : FunSpec({
    test("timeout_basic: TimeoutError at the deadline, after the body saw the cancellation; expired()") {
        val steps = Steps()
        runVirtual {
            var handle: CoreTimeout? = null
            val e = shouldThrow<TimeoutError> {
                timeout(10.milliseconds) { t ->
                    handle = t
                    try {
                        sleep(10.seconds)
                    } catch (c: CancellationException) {
                        steps.expect(1)
                        throw c
                    }
                }
            }
            steps.expect(2)
            e.cause.shouldBeInstanceOf<CancellationException>()
            handle!!.expired() shouldBe true
            loopTime() shouldBe 0.01
        }
        steps.finish(3)
    }

    test("timeout_at_basic and when(): the deadline is in loop seconds") {
        runVirtual {
            val deadline = loopTime() + 0.5
            var seen: Double? = null
            shouldThrow<TimeoutError> { timeoutAt(deadline) { t -> seen = t.`when`(); sleep(10.seconds) } }
            seen shouldBe deadline
            loopTime() shouldBe deadline
        }
    }

    test("timeout_not_called and timeout_disabled: no error; not expired; when() is null when disabled") {
        runVirtual {
            timeout(10.seconds) { t -> sleep(10.milliseconds); t.expired() shouldBe false; "ok" } shouldBe "ok"
            timeout(null) { t -> t.`when`() shouldBe null; sleep(1.seconds) }
            timeoutAt(null) { t -> t.`when`() shouldBe null }
        }
    }

    test("timeout_zero and timeout in the past interrupt even a single yield") {
        runVirtual {
            shouldThrow<TimeoutError> { timeout(Duration.ZERO) { sleep(Duration.ZERO) } }
            shouldThrow<TimeoutError> { timeout((-11).seconds) { t -> t.`when`()!! shouldBe (loopTime() - 11); sleep(Duration.ZERO) } }
        }
    }

    test("nested_timeouts: of two scopes expiring together only the outer raises TimeoutError") {
        runVirtual {
            var inner: CoreTimeout? = null
            var outer: CoreTimeout? = null
            var innerSaw: Throwable? = null
            val deadline = loopTime() + 0.1
            shouldThrow<TimeoutError> {
                timeoutAt(deadline) { t1 ->
                    outer = t1
                    try {
                        timeoutAt(deadline) { t2 -> inner = t2; sleep(10.seconds) }
                    } catch (e: Throwable) {
                        innerSaw = e
                        throw e
                    }
                }
            }
            innerSaw.shouldBeInstanceOf<CancellationException>()
            outer!!.expired() shouldBe true
            inner!!.expired() shouldBe true
        }
    }

    test("foreign_exception_passed: the body's own exception passes through untouched") {
        runVirtual {
            var handle: CoreTimeout? = null
            shouldThrow<NoSuchElementException> { timeout(10.seconds) { t -> handle = t; throw NoSuchElementException("key") } }
            handle!!.expired() shouldBe false
        }
    }

    test("foreign_exception_on_timeout: a failure raised while cleaning up replaces the TimeoutError") {
        runVirtual {
            shouldThrow<ArithmeticException> {
                timeout(10.milliseconds) {
                    try {
                        sleep(10.seconds)
                    } finally {
                        @Suppress("DIVISION_BY_ZERO") throw ArithmeticException("/ by zero")
                    }
                }
            }
        }
    }

    test("foreign_cancel_doesnt_timeout_if_not_expired: an outside cancellation stays a cancellation") {
        runVirtual {
            var handle: CoreTimeout? = null
            val worker = async {
                timeout(10.seconds) { t -> handle = t; sleep(1.hours()) }
            }
            sleep(1.seconds)
            worker.cancel()
            val e = runCatching { worker.await() }.exceptionOrNull()
            e.shouldBeInstanceOf<CancellationException>()
            handle!!.expired() shouldBe false
        }
    }

    test("outer_task_is_not_cancelled: a task that catches its own TimeoutError completes normally") {
        runVirtual {
            val t = createTask(java.util.function.Supplier {
                dev.aio4j.timeout(java.time.Duration.ofMillis(1), java.util.function.Supplier { dev.aio4j.sleep(java.time.Duration.ofSeconds(10)) })
                    .handle { _, e -> if (e is TimeoutError) "recovered" else "unexpected $e" }
            })
            t.await() shouldBe "recovered"
            t.cancelled() shouldBe false
        }
    }

    test("reschedule moves the deadline, None disables it; expired and exited scopes refuse") {
        runVirtual {
            var handle: CoreTimeout? = null
            val start = loopTime()
            timeout(1.seconds) { t ->
                handle = t
                t.reschedule(start + 3)
                t.`when`() shouldBe start + 3
                sleep(2.seconds)
                t.reschedule(null)
                t.`when`() shouldBe null
                sleep(10.seconds)
            }
            loopTime() shouldBe start + 12
            shouldThrow<IllegalStateException> { handle!!.reschedule(1.0) }.message shouldContain "exited"
            var expired: CoreTimeout? = null
            shouldThrow<TimeoutError> { timeout(1.seconds) { t -> expired = t; sleep(5.seconds) } }
            shouldThrow<IllegalStateException> { expired!!.reschedule(1.0) }.message shouldContain "expired"
        }
    }

    test("rescheduling into the past expires on the next iteration") {
        runVirtual {
            shouldThrow<TimeoutError> {
                timeout(10.seconds) { t ->
                    t.reschedule(loopTime() - 1)
                    sleep(Duration.ZERO)
                    error("not reached")
                }
            }
            loopTime() shouldBe 0.0
        }
    }

    test("timeout around a task group: the group's ExceptionGroup wins over the TimeoutError") {
        runVirtual {
            val e = shouldThrow<ExceptionGroup> {
                timeout(10.milliseconds) {
                    dev.aio4j.coroutines.taskGroup { tg ->
                        tg.createTask {
                            try {
                                awaitCancellation()
                            } finally {
                                throw ArithmeticException("in cleanup")
                            }
                        }
                        sleep(1.seconds)
                    }
                }
            }
            e.exceptions().single().shouldBeInstanceOf<ArithmeticException>()
        }
    }

    context("waitFor") {
        test("returns the value when in time") {
            runVirtual { waitFor(1.seconds) { sleep(10.milliseconds); 42 } shouldBe 42 }
        }

        test("on timeout cancels the inner work, waits for its cleanup, then raises TimeoutError") {
            val steps = Steps()
            runVirtual {
                shouldThrow<TimeoutError> {
                    waitFor(100.milliseconds) {
                        try {
                            sleep(10.seconds)
                        } finally {
                            steps.expect(1)
                            kotlinx.coroutines.withContext(kotlinx.coroutines.NonCancellable) { sleep(1.seconds) }
                            steps.expect(2)
                        }
                    }
                }
                steps.expect(3)
                loopTime() shouldBe 1.1
            }
            steps.finish(4)
        }

        test("a zero or negative timeout raises at once without starting the work; null waits forever") {
            runVirtual {
                shouldThrow<TimeoutError> { waitFor(Duration.ZERO) { error("must not start") } }
                shouldThrow<TimeoutError> { waitFor((-1).seconds) { error("must not start") } }
                waitFor(null) { sleep(100.seconds); "late" } shouldBe "late"
            }
        }

        test("cancelling the caller cancels the inner work: a cancellation, not a timeout") {
            runVirtual {
                var innerCancelled = false
                val caller = launch {
                    waitFor(10.seconds) {
                        try { awaitCancellation() } finally { innerCancelled = true }
                    }
                }
                sleep(1.seconds)
                caller.cancel()
                caller.join()
                innerCancelled shouldBe true
            }
        }

        test("the Java form waits for an already-started future's cleanup before failing") {
            val steps = Steps()
            runVirtual {
                val inner = createTask(java.util.function.Supplier {
                    dev.aio4j.sleep(java.time.Duration.ofSeconds(10)).whenComplete { _, _ -> steps.expect(1) }
                })
                val e = runCatching { dev.aio4j.waitFor(inner, java.time.Duration.ofSeconds(1)).await() }.exceptionOrNull()
                steps.expect(2)
                e.shouldBeInstanceOf<TimeoutError>()
                inner.cancelled() shouldBe true
                dev.aio4j.waitFor(CompletableFutureDone, java.time.Duration.ZERO).result() shouldBe "done"
            }
            steps.finish(3)
        }
    }
})

private val CompletableFutureDone = java.util.concurrent.CompletableFuture.completedFuture("done")

private fun Int.hours(): Duration = (this * 3600).seconds

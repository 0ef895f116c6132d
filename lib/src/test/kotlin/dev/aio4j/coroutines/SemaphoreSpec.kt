package dev.aio4j.coroutines

import dev.aio4j.getRunningLoop
import dev.aio4j.loopTime
import dev.aio4j.runVirtual
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldContainExactly
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.types.shouldBeInstanceOf
import kotlinx.coroutines.CancellationException
import kotlinx.coroutines.Deferred
import kotlinx.coroutines.async
import kotlinx.coroutines.awaitAll
import kotlinx.coroutines.launch
import kotlinx.coroutines.withTimeout
import kotlin.time.Duration.Companion.milliseconds
import kotlin.time.Duration.Companion.seconds

/** Ports of CPython's test_locks.py SemaphoreTests, plus the seed's "3 permits, 10 calls" pattern. */
class SemaphoreSpec : FunSpec({
    test("Semaphore(3) over 10 one-second calls takes 4 rounds, at most 3 at a time") {
        runVirtual {
            val sem = Semaphore(3)
            var running = 0
            var peak = 0
            val starts = (1..10).map { i ->
                async {
                    sem.withPermit {
                        running++
                        peak = maxOf(peak, running)
                        val start = loopTime()
                        sleep(1.seconds)
                        running--
                        i to start
                    }
                }
            }.awaitAll()
            loopTime() shouldBe 4.0
            peak shouldBe 3
            starts.map { it.second } shouldContainExactly listOf(0.0, 0.0, 0.0, 1.0, 1.0, 1.0, 2.0, 2.0, 2.0, 3.0)
        }
    }

    test("a plain Semaphore may be released more often than acquired; kotlinx's may not") {
        runVirtual {
            val sem = Semaphore(1)
            sem.release()
            sem.value shouldBe 2
            sem.acquire()
            sem.acquire()
            sem.locked() shouldBe true
        }
    }

    test("test_initial_value_zero") {
        Semaphore(0).locked() shouldBe true
    }

    test("test_semaphore_value: a negative value is rejected, showing it") {
        shouldThrow<IllegalArgumentException> { Semaphore(-1) }.message shouldContain "-1"
        shouldThrow<IllegalArgumentException> { BoundedSemaphore(-1) }.message shouldContain "-1"
    }

    test("test_semaphore") {
        val sem = Semaphore()
        sem.value shouldBe 1
        sem.locked() shouldBe false
    }

    test("test_repr") {
        runVirtual {
            val sem = Semaphore()
            sem.toString() shouldBe "<Semaphore [unlocked, value:1]>"
            sem.acquire()
            sem.toString() shouldBe "<Semaphore [locked]>"
            launch { sem.acquire() }
            tick()
            sem.toString() shouldBe "<Semaphore [locked, waiters:1]>"
            sem.release()
        }
    }

    test("test_acquire") {
        runVirtual {
            val sem = Semaphore(3)
            val result = ArrayList<Int>()
            sem.acquire() shouldBe true
            sem.acquire() shouldBe true
            sem.locked() shouldBe false
            fun c(n: Int) = async { sem.acquire(); result += n; true }
            val t1 = c(1)
            val t2 = c(2)
            val t3 = c(3)
            tick()
            result shouldContainExactly listOf(1)
            sem.locked() shouldBe true
            sem.waiterCount() shouldBe 2
            sem.value shouldBe 0
            val t4 = c(4)
            sem.release()
            sem.release()
            sem.value shouldBe 0
            tick()
            sem.value shouldBe 0
            result.size shouldBe 3
            sem.locked() shouldBe true
            sem.waiterCount() shouldBe 1
            t1.isCompleted shouldBe true
            listOf(t2, t3, t4).count { it.isCompleted } shouldBe 2
            sem.release()
            listOf(t2, t3, t4).awaitAll()
        }
    }

    test("test_acquire_cancel") {
        runVirtual {
            val sem = Semaphore()
            sem.acquire()
            val acquire = async { sem.acquire() }
            getRunningLoop().callSoon { acquire.cancel() }
            shouldThrow<CancellationException> { acquire.await() }
            sem.waiterCount() shouldBe 0
        }
    }

    test("test_acquire_cancel_before_awoken") {
        runVirtual {
            val sem = Semaphore(0)
            val (t1, t2, t3, t4) = List(4) { async { sem.acquire() } }
            tick()
            t1.cancel()
            t2.cancel()
            sem.release()
            tick()
            tick()
            listOf(t3, t4).count { it.isCompleted } shouldBe 1
            t3.isCompleted shouldBe true
            t4.isCompleted shouldBe false
            t3.cancel()
            t4.cancel()
            tick()
        }
    }

    test("test_acquire_hang") {
        runVirtual {
            val sem = Semaphore(0)
            val t1 = async { sem.acquire() }
            val t2 = async { sem.acquire() }
            tick()
            t1.cancel()
            sem.release()
            tick()
            tick()
            sem.locked() shouldBe true
            t2.isCompleted shouldBe true
        }
    }

    test("test_acquire_no_hang") {
        runVirtual {
            val sem = Semaphore(1)
            lateinit var t2: Deferred<Unit>
            val t1 = async {
                sem.withPermit {
                    tick()
                    t2.cancel()
                }
            }
            t2 = async { sem.withPermit { error("must not run") } }
            val r1 = runCatching { t1.await() }
            val r2 = runCatching { t2.await() }
            r1.isSuccess shouldBe true
            r2.exceptionOrNull().shouldBeInstanceOf<CancellationException>()
            withTimeout(1.seconds) { sem.acquire() } shouldBe true
        }
    }

    test("a waiter handed a permit and cancelled before it ran passes the permit on (no leak)") {
        runVirtual {
            val sem = Semaphore(0)
            val t1 = async { sem.acquire() }
            val t2 = async { sem.acquire() }
            tick()
            sem.release() // hands the permit to t1 ...
            t1.cancel() // ... which is cancelled before it runs
            shouldThrow<CancellationException> { t1.await() }
            t2.await() shouldBe true
            sem.value shouldBe 0
            sem.waiterCount() shouldBe 0
            sem.release()
            sem.value shouldBe 1
        }
    }

    test("test_release_not_acquired: BoundedSemaphore over-release is an IllegalArgumentException") {
        val sem = BoundedSemaphore()
        shouldThrow<IllegalArgumentException> { sem.release() }.message shouldBe
            "BoundedSemaphore released too many times"
    }

    test("test_release_no_waiters") {
        runVirtual {
            val sem = Semaphore()
            sem.acquire()
            sem.locked() shouldBe true
            sem.release()
            sem.locked() shouldBe false
        }
    }

    test("test_acquire_fifo_order") {
        val result = ArrayList<String>()
        runVirtual {
            val sem = Semaphore(1)
            suspend fun coro(tag: String) {
                sem.acquire()
                result += "${tag}_1"
                sleep(10.milliseconds)
                sem.release()
                sem.acquire()
                result += "${tag}_2"
                sleep(10.milliseconds)
                sem.release()
            }
            taskGroup { tg ->
                tg.createTask { coro("c1") }
                tg.createTask { coro("c2") }
                tg.createTask { coro("c3") }
            }
        }
        result shouldContainExactly listOf("c1_1", "c2_1", "c3_1", "c1_2", "c2_2", "c3_2")
    }

    test("test_acquire_fifo_order_2") {
        val result = ArrayList<Int>()
        runVirtual {
            val sem = Semaphore(1)
            val t1 = async { sem.acquire(); result += 1; true }
            val t2 = async {
                sem.acquire()
                result += 2
                sem.release()
                sem.acquire()
                result += 4
                true
            }
            val t3 = async { sem.acquire(); result += 3; true }
            tick()
            sem.release()
            sem.release()
            listOf(t1, t2, t3).awaitAll()
        }
        result shouldContainExactly listOf(1, 2, 3, 4)
    }

    test("test_acquire_fifo_order_3") {
        val result = ArrayList<Int>()
        runVirtual {
            val sem = Semaphore(0)
            val t1 = async { sem.acquire(); result += 1; true }
            val t2 = async { sem.acquire(); result += 2; true }
            val t3 = async { sem.acquire(); result += 3; true }
            tick()
            t1.cancel()
            tick()
            sem.release()
            sem.release()
            listOf(t1, t2, t3).forEach { runCatching { it.await() } }
        }
        result shouldContainExactly listOf(2, 3)
    }

    test("test_acquire_fifo_order_4: a successful acquire wakes the waiters queued behind it") {
        val result = ArrayList<Int>()
        runVirtual {
            val scope = this
            val sem = Semaphore(0)
            var t4: Deferred<Boolean>? = null
            val t1 = async {
                sem.value shouldBe 0
                sem.acquire()
                sem.value shouldBe 0
                t4 = scope.async { result += 4; true }
                result += 1
                true
            }
            val t2 = async {
                sem.release()
                sem.release()
                sem.release()
                sem.value shouldBe 2
                sem.locked() shouldBe true
                sem.acquire()
                result += 2
                true
            }
            val t3 = async {
                sem.acquire()
                sem.locked() shouldBe true
                result += 3
                true
            }
            tick()
            sem.value shouldBe 2
            sem.waiterCount() shouldBe 3
            tick()
            listOf(t1, t2, t3, t4!!).awaitAll()
        }
        result shouldContainExactly listOf(1, 2, 3, 4)
    }
})

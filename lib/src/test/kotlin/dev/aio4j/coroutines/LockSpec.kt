package dev.aio4j.coroutines

import dev.aio4j.Steps
import dev.aio4j.getRunningLoop
import dev.aio4j.runVirtual
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldContainExactly
import io.kotest.matchers.shouldBe
import kotlinx.coroutines.CancellationException
import kotlinx.coroutines.CompletableDeferred
import kotlinx.coroutines.async
import kotlinx.coroutines.awaitAll
import kotlinx.coroutines.launch
import kotlin.time.Duration
import kotlin.time.Duration.Companion.milliseconds

/** One loop iteration for the caller: asyncio's `await asyncio.sleep(0)`. */
internal suspend fun tick() = sleep(Duration.ZERO)

/** Ports of CPython's test_locks.py LockTests, plus the ordering rules of DESIGN.md decision 8. */
class LockSpec : FunSpec({
    test("two workers print A trying, A acquired, B trying, A released, B acquired, B released") {
        val log = ArrayList<String>()
        runVirtual {
            val lock = Lock()
            suspend fun worker(name: String) {
                log += "$name trying"
                lock.withLock {
                    log += "$name acquired"
                    sleep(100.milliseconds)
                    log += "$name released"
                }
            }
            listOf(async { worker("A") }, async { worker("B") }).awaitAll()
        }
        log shouldContainExactly listOf("A trying", "A acquired", "B trying", "A released", "B acquired", "B released")
    }

    test("acquiring a free lock does not suspend; release only schedules the waiter") {
        val steps = Steps()
        runVirtual {
            val lock = Lock()
            val other = launch { steps.expect(2) }
            lock.acquire() shouldBe true // no yield: `other` has not run yet
            steps.expect(1)
            val waiter = launch { lock.acquire(); steps.expect(5); lock.release() }
            tick()
            steps.expect(3)
            lock.release()
            steps.expect(4) // the waiter did not run inside release()
            lock.locked() shouldBe false // not handed over: asyncio's waiter takes it when it runs
            waiter.join()
            other.join()
            steps.finish(6)
        }
    }

    test("waiters acquire in FIFO order") {
        val order = ArrayList<Int>()
        runVirtual {
            val lock = Lock()
            lock.acquire()
            val jobs = (1..5).map { i -> launch { lock.withLock { order += i } } }
            tick()
            lock.release()
            jobs.forEach { it.join() }
        }
        order shouldContainExactly listOf(1, 2, 3, 4, 5)
    }

    test("the lock is not reentrant: a second acquire by the holder waits") {
        runVirtual {
            val lock = Lock()
            lock.acquire()
            val again = async { lock.acquire() }
            tick()
            again.isCompleted shouldBe false
            lock.release()
            again.await() shouldBe true
            lock.locked() shouldBe true
        }
    }

    test("withLock releases on success, failure and cancellation") {
        runVirtual {
            val lock = Lock()
            lock.withLock { 42 } shouldBe 42
            lock.locked() shouldBe false
            shouldThrow<IllegalArgumentException> { lock.withLock { throw IllegalArgumentException("boom") } }
            lock.locked() shouldBe false
            val job = launch { lock.withLock { sleep(Duration.INFINITE) } }
            tick()
            lock.locked() shouldBe true
            job.cancel()
            job.join()
            lock.locked() shouldBe false
        }
    }

    test("test_acquire") {
        runVirtual {
            val lock = Lock()
            val result = ArrayList<Int>()
            lock.acquire() shouldBe true
            val t1 = async { if (lock.acquire()) result += 1; true }
            val t2 = async { if (lock.acquire()) result += 2; true }
            tick()
            result shouldContainExactly emptyList()
            lock.release()
            tick()
            result shouldContainExactly listOf(1)
            tick()
            result shouldContainExactly listOf(1)
            val t3 = async { if (lock.acquire()) result += 3; true }
            lock.release()
            tick()
            result shouldContainExactly listOf(1, 2)
            lock.release()
            tick()
            result shouldContainExactly listOf(1, 2, 3)
            listOf(t1, t2, t3).forEach { it.isCompleted shouldBe true; it.await() shouldBe true }
        }
    }

    test("test_acquire_cancel") {
        runVirtual {
            val lock = Lock()
            lock.acquire() shouldBe true
            val task = async { lock.acquire() }
            getRunningLoop().callSoon { task.cancel() }
            shouldThrow<CancellationException> { task.await() }
            lock.waiterCount() shouldBe 0
        }
    }

    test("test_cancel_race: a cancelled waiter at the head is skipped and the next one gets the lock") {
        runVirtual {
            val lock = Lock()
            suspend fun lockit(blocker: CompletableDeferred<Unit>?) {
                lock.acquire()
                try {
                    blocker?.await()
                } finally {
                    lock.release()
                }
            }
            val fa = CompletableDeferred<Unit>()
            val ta = async { lockit(fa) }
            tick()
            lock.locked() shouldBe true
            val tb = async { lockit(null) }
            tick()
            lock.waiterCount() shouldBe 1
            val tc = async { lockit(null) }
            tick()
            lock.waiterCount() shouldBe 2
            fa.complete(Unit)
            tb.cancel()
            tick()
            lock.locked() shouldBe false
            ta.isCompleted shouldBe true
            tb.isCancelled shouldBe true
            tc.await()
        }
    }

    test("test_cancel_release_race: cancelling a waiter and releasing at once lets exactly one in") {
        runVirtual {
            val lock = Lock()
            var lockCount = 0
            var callCount = 0
            suspend fun lockit() {
                callCount++
                lock.acquire()
                lockCount++
            }
            lock.acquire()
            val t1 = async { lockit() }
            val t2 = async { lockit() }
            val t3 = async { lockit() }
            tick()
            getRunningLoop().callSoon {
                t1.cancel()
                lock.release()
            }
            shouldThrow<CancellationException> { t1.await() }
            lockCount shouldBe 1
            callCount shouldBe 3
            (t1.isCancelled && t2.isCompleted) shouldBe true
            t3.cancel()
            tick()
            t3.isCancelled shouldBe true
        }
    }

    test("test_finished_waiter_cancelled") {
        runVirtual {
            val lock = Lock()
            lock.acquire()
            lock.locked() shouldBe true
            val tb = async { lock.acquire() }
            tick()
            lock.waiterCount() shouldBe 1
            val tc = async { lock.acquire() }
            tb.cancel()
            lock.release()
            tick()
            lock.locked() shouldBe true
            tb.isCancelled shouldBe true
            tc.await() shouldBe true
        }
    }

    test("a waiter woken and cancelled before it ran passes the lock on") {
        runVirtual {
            val lock = Lock()
            lock.acquire()
            val tb = async { lock.acquire() }
            val tc = async { lock.acquire() }
            tick()
            lock.release() // wakes tb ...
            tb.cancel() // ... which is cancelled before it runs
            shouldThrow<CancellationException> { tb.await() }
            tc.await() shouldBe true
            lock.locked() shouldBe true
            lock.waiterCount() shouldBe 0
        }
    }

    test("test_release_not_acquired") {
        shouldThrow<IllegalStateException> { Lock().release() }.message shouldBe "Lock is not acquired"
    }

    test("test_release_no_waiters") {
        runVirtual {
            val lock = Lock()
            lock.acquire()
            lock.locked() shouldBe true
            lock.release()
            lock.locked() shouldBe false
        }
    }

    test("test_context_manager") {
        runVirtual {
            val lock = Lock()
            lock.locked() shouldBe false
            lock.withLock { lock.locked() shouldBe true }
            lock.locked() shouldBe false
        }
    }

    test("test_repr") {
        runVirtual {
            val lock = Lock()
            lock.toString() shouldBe "<Lock [unlocked]>"
            lock.acquire()
            lock.toString() shouldBe "<Lock [locked]>"
            launch { lock.acquire() }
            tick()
            lock.toString() shouldBe "<Lock [locked, waiters:1]>"
            lock.release()
        }
    }
})

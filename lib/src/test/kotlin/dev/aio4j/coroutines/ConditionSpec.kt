package dev.aio4j.coroutines

import dev.aio4j.TimeoutError
import dev.aio4j.getRunningLoop
import dev.aio4j.runVirtual
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldContainExactly
import io.kotest.matchers.shouldBe
import kotlinx.coroutines.CancellationException
import kotlinx.coroutines.async
import kotlin.time.Duration.Companion.milliseconds

/** Ports of CPython's test_locks.py ConditionTests. */
class ConditionSpec : FunSpec({
    test("test_wait") {
        runVirtual {
            val cond = Condition()
            val result = ArrayList<Int>()
            fun c(n: Int) = async {
                cond.acquire()
                if (cond.wait()) result += n
                true
            }
            val tasks = listOf(c(1), c(2), c(3))
            tick()
            result shouldContainExactly emptyList()
            cond.locked() shouldBe false
            cond.acquire() shouldBe true
            cond.notify()
            tick()
            result shouldContainExactly emptyList()
            cond.locked() shouldBe true
            cond.release()
            tick()
            result shouldContainExactly listOf(1)
            cond.locked() shouldBe true
            cond.notify(2)
            tick()
            result shouldContainExactly listOf(1)
            cond.locked() shouldBe true
            cond.release()
            tick()
            result shouldContainExactly listOf(1, 2)
            cond.locked() shouldBe true
            cond.release()
            tick()
            result shouldContainExactly listOf(1, 2, 3)
            cond.locked() shouldBe true
            tasks.forEach { it.isCompleted shouldBe true; it.await() shouldBe true }
        }
    }

    test("test_wait_cancel: a cancelled wait still re-acquires the lock") {
        runVirtual {
            val cond = Condition()
            cond.acquire()
            val wait = async { cond.wait() }
            getRunningLoop().callSoon { wait.cancel() }
            shouldThrow<CancellationException> { wait.await() }
            cond.waiterCount() shouldBe 0
            cond.locked() shouldBe true
        }
    }

    test("test_wait_cancel_contested") {
        runVirtual {
            val cond = Condition()
            cond.acquire()
            cond.locked() shouldBe true
            val waitTask = async { cond.wait() }
            tick()
            cond.locked() shouldBe false
            cond.acquire()
            cond.locked() shouldBe true
            cond.notify()
            getRunningLoop().callSoon { waitTask.cancel() }
            getRunningLoop().callSoon { cond.release() }
            // CPython's wait returns normally here; Kotlin's cancellation is sticky, so it is raised
            // once the lock is re-acquired. Either way the lock ends up held.
            runCatching { waitTask.await() }
            cond.locked() shouldBe true
        }
    }

    test("test_wait_cancel_after_notify") {
        runVirtual {
            var waited = false
            val cond = Condition()
            val waiter = async {
                cond.withLock {
                    waited = true
                    cond.wait()
                }
            }
            tick()
            cond.acquire()
            cond.notify()
            tick()
            waiter.cancel()
            tick()
            cond.release()
            tick()
            waiter.isCancelled shouldBe true
            waited shouldBe true
        }
    }

    test("test_wait_unacquired") {
        runVirtual {
            shouldThrow<IllegalStateException> { Condition().wait() }.message shouldBe "cannot wait on un-acquired lock"
        }
    }

    test("test_wait_for") {
        runVirtual {
            val cond = Condition()
            var presult = false
            val result = ArrayList<Int>()
            val t = async {
                cond.acquire()
                if (cond.waitFor { presult }) {
                    result += 1
                    cond.release()
                }
                true
            }
            tick()
            result shouldContainExactly emptyList()
            cond.acquire()
            cond.notify()
            cond.release()
            tick()
            result shouldContainExactly emptyList()
            presult = true
            cond.acquire()
            cond.notify()
            cond.release()
            tick()
            result shouldContainExactly listOf(1)
            t.isCompleted shouldBe true
            t.await() shouldBe true
        }
    }

    test("test_wait_for_unacquired") {
        runVirtual {
            val cond = Condition()
            cond.waitFor { true } shouldBe true
            shouldThrow<IllegalStateException> { cond.waitFor { false } }
        }
    }

    test("test_notify") {
        runVirtual {
            val cond = Condition()
            val result = ArrayList<Int>()
            fun c(n: Int) = async {
                cond.acquire()
                if (cond.wait()) {
                    result += n
                    cond.release()
                }
                true
            }
            val tasks = listOf(c(1), c(2), c(3))
            tick()
            result shouldContainExactly emptyList()
            cond.acquire()
            cond.notify(1)
            cond.release()
            tick()
            result shouldContainExactly listOf(1)
            cond.acquire()
            cond.notify(1)
            cond.notify(2048)
            cond.release()
            tick()
            result shouldContainExactly listOf(1, 2, 3)
            tasks.forEach { it.isCompleted shouldBe true }
        }
    }

    test("test_notify_all") {
        runVirtual {
            val cond = Condition()
            val result = ArrayList<Int>()
            fun c(n: Int) = async {
                cond.acquire()
                if (cond.wait()) {
                    result += n
                    cond.release()
                }
                true
            }
            val tasks = listOf(c(1), c(2))
            tick()
            result shouldContainExactly emptyList()
            cond.acquire()
            cond.notifyAll()
            cond.release()
            tick()
            result shouldContainExactly listOf(1, 2)
            tasks.forEach { it.isCompleted shouldBe true }
        }
    }

    test("test_notify_unacquired") {
        shouldThrow<IllegalStateException> { Condition().notify() }.message shouldBe "cannot notify on un-acquired lock"
    }

    test("test_notify_all_unacquired") {
        shouldThrow<IllegalStateException> { Condition().notifyAll() }
    }

    test("test_repr") {
        runVirtual {
            val cond = Condition()
            cond.toString() shouldBe "<Condition [unlocked]>"
            cond.acquire()
            cond.toString() shouldBe "<Condition [locked]>"
        }
    }

    test("test_context_manager") {
        runVirtual {
            val cond = Condition()
            cond.locked() shouldBe false
            cond.withLock { cond.locked() shouldBe true }
            cond.locked() shouldBe false
        }
    }

    test("test_explicit_lock") {
        runVirtual {
            suspend fun f(lock: Lock = Lock(), cond: Condition = Condition(lock)) {
                (cond.lock === lock) shouldBe true
                lock.locked() shouldBe false
                cond.locked() shouldBe false
                cond.withLock {
                    lock.locked() shouldBe true
                    cond.locked() shouldBe true
                }
                lock.locked() shouldBe false
                cond.locked() shouldBe false
                lock.withLock {
                    lock.locked() shouldBe true
                    cond.locked() shouldBe true
                }
                lock.locked() shouldBe false
                cond.locked() shouldBe false
            }
            f()
            f(Lock())
            val lock = Lock()
            f(lock, Condition(lock))
        }
    }

    test("test_timeout_in_block") {
        runVirtual {
            val condition = Condition()
            condition.withLock {
                shouldThrow<TimeoutError> { waitFor(500.milliseconds) { condition.wait() } }
                condition.locked() shouldBe true
            }
        }
    }

    test("test_cancelled_error_wakeup: the cancellation reaches the caller with its message") {
        runVirtual {
            val wake = false
            var raised: Throwable? = null
            val cond = Condition()
            val task = async {
                cond.withLock {
                    val e = shouldThrow<CancellationException> { cond.waitFor { wake } }
                    raised = e
                    throw e
                }
            }
            tick()
            task.cancel(CancellationException("foo"))
            val e = shouldThrow<CancellationException> { task.await() }
            e.message shouldBe "foo"
            raised!!.message shouldBe "foo"
        }
    }

    test("test_cancelled_error_re_aquire: cancelled while re-acquiring, the cancellation still propagates") {
        runVirtual {
            var wake = false
            var raised: Throwable? = null
            val cond = Condition()
            val task = async {
                cond.withLock {
                    val e = shouldThrow<CancellationException> { cond.waitFor { wake } }
                    raised = e
                    throw e
                }
            }
            tick()
            cond.acquire()
            wake = true
            cond.notify()
            tick()
            task.cancel(CancellationException("foo"))
            cond.release()
            val e = shouldThrow<CancellationException> { task.await() }
            e.message shouldBe "foo"
            raised!!.message shouldBe "foo"
        }
    }

    for ((name, relock) in listOf("test_cancelled_wakeup" to false, "test_cancelled_wakeup_relock" to true)) {
        test("$name: a waiter cancelled as it is notified passes the wake-up on") {
            runVirtual {
                val condition = Condition()
                var state = 0
                suspend fun consumer() {
                    condition.withLock {
                        while (true) {
                            condition.waitFor { state != 0 }
                            if (state < 0) return
                            state -= 1
                        }
                    }
                }
                val c = List(2) { async { consumer() } }
                tick()
                condition.withLock {
                    state += 1
                    condition.notify(1)
                    if (relock) tick() // the woken consumer now waits to re-acquire the lock
                    c[0].cancel()
                    try {
                        timeout(10.milliseconds) { condition.waitFor { state == 0 } }
                    } catch (_: TimeoutError) {
                    }
                    state shouldBe 0
                    state = -1
                    condition.notifyAll()
                }
                c[1].await()
            }
        }
    }

    test("notify only schedules: the notified waiter runs after the notifier released the lock") {
        val log = ArrayList<String>()
        runVirtual {
            val cond = Condition()
            val waiter = async { cond.withLock { cond.wait(); log += "woken" } }
            tick()
            cond.withLock {
                cond.notify()
                log += "notified"
                tick()
                log += "still holding"
            }
            log += "released"
            waiter.await()
        }
        log shouldContainExactly listOf("notified", "still holding", "released", "woken")
    }
})

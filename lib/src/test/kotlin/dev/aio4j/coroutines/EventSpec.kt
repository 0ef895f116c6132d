package dev.aio4j.coroutines

import dev.aio4j.Steps
import dev.aio4j.getRunningLoop
import dev.aio4j.runVirtual
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldContainExactly
import io.kotest.matchers.shouldBe
import kotlinx.coroutines.CancellationException
import kotlinx.coroutines.async
import kotlinx.coroutines.launch

/** Ports of CPython's test_locks.py EventTests. */
class EventSpec : FunSpec({
    test("test_wait: set wakes every waiter; a newcomer on a set event passes without yielding") {
        runVirtual {
            val ev = Event()
            ev.isSet() shouldBe false
            val result = ArrayList<Int>()
            val t1 = async { if (ev.wait()) result += 1 }
            val t2 = async { if (ev.wait()) result += 2 }
            tick()
            result shouldContainExactly emptyList()
            val t3 = async { if (ev.wait()) result += 3 }
            ev.set()
            tick()
            result shouldContainExactly listOf(3, 1, 2)
            listOf(t1, t2, t3).forEach { it.isCompleted shouldBe true }
        }
    }

    test("set only schedules the waiters; none runs inside set()") {
        val steps = Steps()
        runVirtual {
            val ev = Event()
            val w = launch { ev.wait(); steps.expect(3) }
            tick()
            steps.expect(1)
            ev.set()
            steps.expect(2)
            w.join()
            steps.finish(4)
        }
    }

    test("test_wait_on_set") {
        runVirtual {
            val ev = Event()
            ev.set()
            ev.wait() shouldBe true
        }
    }

    test("test_wait_cancel") {
        runVirtual {
            val ev = Event()
            val wait = async { ev.wait() }
            getRunningLoop().callSoon { wait.cancel() }
            shouldThrow<CancellationException> { wait.await() }
            ev.waiterCount() shouldBe 0
        }
    }

    test("a cancelled waiter takes nothing from the others") {
        runVirtual {
            val ev = Event()
            val a = async { ev.wait() }
            val b = async { ev.wait() }
            tick()
            a.cancel()
            ev.set()
            shouldThrow<CancellationException> { a.await() }
            b.await() shouldBe true
            ev.waiterCount() shouldBe 0
        }
    }

    test("test_clear") {
        val ev = Event()
        ev.isSet() shouldBe false
        ev.set()
        ev.isSet() shouldBe true
        ev.clear()
        ev.isSet() shouldBe false
    }

    test("test_clear_with_waiters: a waiter woken by set returns even if the event is cleared at once") {
        runVirtual {
            val ev = Event()
            val result = ArrayList<Int>()
            val t = async { if (ev.wait()) result += 1; true }
            tick()
            result shouldContainExactly emptyList()
            ev.set()
            ev.clear()
            ev.isSet() shouldBe false
            ev.set()
            ev.set()
            ev.waiterCount() shouldBe 1
            tick()
            result shouldContainExactly listOf(1)
            ev.waiterCount() shouldBe 0
            t.isCompleted shouldBe true
            t.await() shouldBe true
        }
    }

    test("test_repr") {
        val ev = Event()
        ev.toString() shouldBe "<Event [unset]>"
        ev.set()
        ev.toString() shouldBe "<Event [set]>"
    }
})

package dev.aio4j.coroutines

import dev.aio4j.QueueEmpty
import dev.aio4j.QueueFull
import dev.aio4j.QueueShutDown
import dev.aio4j.Steps
import dev.aio4j.TimeoutError
import dev.aio4j.getRunningLoop
import dev.aio4j.loopTime
import dev.aio4j.runVirtual
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldContainExactly
import io.kotest.matchers.doubles.plusOrMinus
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import kotlinx.coroutines.CancellationException
import kotlinx.coroutines.async
import kotlinx.coroutines.awaitAll
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.launch
import kotlinx.coroutines.supervisorScope
import java.time.Duration as JavaDuration
import kotlin.time.Duration.Companion.milliseconds

/**
 * Ports of CPython 3.13's test_queues.py (test names kept), plus the ordering rules of DESIGN.md
 * decision 8 and cancellation safety.
 */
class QueueSpec : FunSpec({
    val kinds: List<Pair<String, (Int) -> Queue<String>>> = listOf(
        "Queue" to { n -> Queue(n) },
        "LifoQueue" to { n -> LifoQueue(n) },
        "PriorityQueue" to { n -> PriorityQueue(n) },
    )

    // ---- QueueBasicTests ----

    test("test_repr / test_str: waiters, items, unfinished tasks and shutdown show in toString") {
        runVirtual {
            Queue<Int>().toString() shouldBe "<Queue maxsize=0>"
            val q = Queue<Int>()
            val getter = launch { q.get() }
            sleep(100.milliseconds)
            q.toString() shouldContain "_getters[1]"
            q.putNowait(0)
            getter.join()
            val full = Queue<Int>(1)
            full.putNowait(1)
            val putter = launch { full.put(2) }
            sleep(100.milliseconds)
            full.toString() shouldContain "_putters[1]"
            full.getNowait()
            putter.join()
            val one = Queue<Int>()
            one.putNowait(1)
            one.toString() shouldContain "_queue=[1]"
            LifoQueue<Int>().toString() shouldBe "<LifoQueue maxsize=0>"
            PriorityQueue<Int>(3).toString() shouldBe "<PriorityQueue maxsize=3>"
        }
    }

    test("test_empty") {
        val q = Queue<Int>()
        q.empty() shouldBe true
        q.putNowait(1)
        q.empty() shouldBe false
        q.getNowait() shouldBe 1
        q.empty() shouldBe true
    }

    test("test_full") {
        Queue<Int>().full() shouldBe false
        val q = Queue<Int>(maxsize = 1)
        q.putNowait(1)
        q.full() shouldBe true
    }

    test("test_order (Queue, LifoQueue, PriorityQueue)") {
        fun drain(q: Queue<Int>): List<Int> {
            listOf(1, 3, 2).forEach { q.putNowait(it) }
            return List(3) { q.getNowait() }
        }
        drain(Queue()) shouldContainExactly listOf(1, 3, 2)
        drain(LifoQueue()) shouldContainExactly listOf(2, 3, 1)
        drain(PriorityQueue()) shouldContainExactly listOf(1, 2, 3)
        drain(PriorityQueue(comparator = reverseOrder())) shouldContainExactly listOf(3, 2, 1)
    }

    test("PriorityQueue of non-comparable items fails on the put that compares, as Python's TypeError") {
        val q = PriorityQueue<Any>()
        q.putNowait(Any())
        shouldThrow<ClassCastException> { q.putNowait(Any()) }
        q.qsize() shouldBe 1
        q.unfinishedTasks() shouldBe 1
    }

    test("test_maxsize") {
        runVirtual {
            val q = Queue<Int>(maxsize = 2)
            q.maxsize shouldBe 2
            val haveBeenPut = ArrayList<Int>()
            val t = async {
                for (i in 0 until 3) {
                    q.put(i)
                    haveBeenPut += i
                }
                true
            }
            sleep(10.milliseconds)
            haveBeenPut shouldContainExactly listOf(0, 1) // the putter is blocked after two items
            q.getNowait() shouldBe 0
            sleep(10.milliseconds)
            haveBeenPut shouldContainExactly listOf(0, 1, 2)
            q.getNowait() shouldBe 1
            q.getNowait() shouldBe 2
            t.isCompleted shouldBe true
            t.await() shouldBe true
            loopTime() shouldBe (0.02 plusOrMinus 1e-9)
        }
    }

    test("a negative maxsize is an IllegalArgumentException showing the value") {
        shouldThrow<IllegalArgumentException> { Queue<Int>(-1) }.message shouldContain "-1"
        shouldThrow<IllegalArgumentException> { PriorityQueue<Int>(-5) }.message shouldContain "-5"
        shouldThrow<IllegalArgumentException> { LifoQueue<Int>(-2) }.message shouldContain "-2"
    }

    // ---- QueueGetTests ----

    test("test_blocking_get") {
        runVirtual {
            val q = Queue<Int>()
            q.putNowait(1)
            q.get() shouldBe 1
        }
    }

    test("test_get_with_putters") {
        runVirtual {
            val q = Queue<Int>(1)
            q.putNowait(1)
            val putter = async { q.put(2) }
            tick()
            q.putterCount() shouldBe 1
            q.get() shouldBe 1
            q.putterCount() shouldBe 0 // woken: popped from the putters
            putter.await()
            q.getNowait() shouldBe 2
        }
    }

    test("test_blocking_get_wait") {
        runVirtual {
            val q = Queue<Int>()
            val started = Event()
            var finished = false
            getRunningLoop().callLater(JavaDuration.ofMillis(10)) { q.putNowait(1) }
            val getTask = async {
                started.set()
                val res = q.get()
                finished = true
                res
            }
            started.wait()
            finished shouldBe false
            getTask.await() shouldBe 1
            finished shouldBe true
            loopTime() shouldBe (0.01 plusOrMinus 1e-9)
        }
    }

    test("test_nonblocking_get") {
        val q = Queue<Int>()
        q.putNowait(1)
        q.getNowait() shouldBe 1
    }

    test("test_nonblocking_get_exception") {
        shouldThrow<QueueEmpty> { Queue<Int>().getNowait() }
    }

    test("test_get_cancelled: a get inside wait_for that gets its item before the timeout returns it") {
        runVirtual {
            val q = Queue<Int>()
            val getTask = async { waitFor(51.milliseconds) { q.get() } }
            sleep(10.milliseconds)
            q.putNowait(1)
            getTask.await() shouldBe 1
            loopTime() shouldBe (0.01 plusOrMinus 1e-9)
        }
    }

    test("test_get_cancelled_race") {
        runVirtual {
            val q = Queue<String>()
            val t1 = async { q.get() }
            val t2 = async { q.get() }
            tick()
            t1.cancel()
            tick()
            t1.isCompleted shouldBe true
            q.putNowait("a")
            tick()
            t2.await() shouldBe "a"
        }
    }

    test("test_get_with_waiting_putters") {
        runVirtual {
            val q = Queue<String>(maxsize = 1)
            launch { q.put("a") }
            launch { q.put("b") }
            tick()
            q.get() shouldBe "a"
            q.get() shouldBe "b"
        }
    }

    test("test_why_are_getters_waiting") {
        runVirtual {
            val q = Queue<Int>(1)
            taskGroup { tg ->
                tg.createTask { repeat(5) { q.put(it) } }
                tg.createTask { repeat(5) { q.get() } }
            }
            q.empty() shouldBe true
        }
    }

    test("test_cancelled_getters_not_being_held_in_self_getters") {
        runVirtual {
            val q = Queue<Int>(maxsize = 5)
            shouldThrow<TimeoutError> { waitFor(100.milliseconds) { q.get() } }
            q.getterCount() shouldBe 0
        }
    }

    test("test_get_cancel_drop_one_pending_reader") {
        runVirtual {
            val q = Queue<Int>()
            var reader = async { q.get() }
            tick()
            q.putNowait(1)
            q.putNowait(2)
            reader.cancel() // woken, then cancelled before it ran: it must not take item 1
            try {
                reader.await()
            } catch (e: CancellationException) {
                reader = async { q.get() }
                reader.await()
            }
            reader.await() shouldBe 1 // 2 would mean 1 got dropped
            q.qsize() shouldBe 1
        }
    }

    test("test_get_cancel_drop_many_pending_readers") {
        runVirtual {
            val q = Queue<Int>()
            val reader1 = async { q.get() }
            val reader2 = async { q.get() }
            val reader3 = async { q.get() }
            tick()
            q.putNowait(1)
            q.putNowait(2)
            reader1.cancel()
            shouldThrow<CancellationException> { reader1.await() }
            setOf(reader2.await(), reader3.await()) shouldBe setOf(1, 2)
            q.empty() shouldBe true
        }
    }

    // ---- QueuePutTests ----

    test("test_blocking_put") {
        runVirtual { Queue<Int>().put(1) }
    }

    test("test_blocking_put_wait") {
        runVirtual {
            val q = Queue<Int>(maxsize = 1)
            val started = Event()
            var finished = false
            getRunningLoop().callLater(JavaDuration.ofMillis(10)) { q.getNowait() }
            val putTask = launch {
                started.set()
                q.put(1)
                q.put(2)
                finished = true
            }
            started.wait()
            finished shouldBe false
            putTask.join()
            finished shouldBe true
            loopTime() shouldBe (0.01 plusOrMinus 1e-9)
        }
    }

    test("test_nonblocking_put") {
        val q = Queue<Int>()
        q.putNowait(1)
        q.getNowait() shouldBe 1
    }

    test("test_nonblocking_put_exception") {
        val q = Queue<Int>(maxsize = 1)
        q.putNowait(1)
        shouldThrow<QueueFull> { q.putNowait(2) }
    }

    test("test_put_cancel_drop") {
        runVirtual {
            val q = Queue<Int>(1)
            q.putNowait(1)
            var writer = launch { q.put(2) }
            tick()
            q.getNowait() shouldBe 1
            writer.cancel() // woken, then cancelled before it ran: it must not put 2
            writer.join()
            if (writer.isCancelled) {
                q.qsize() shouldBe 0
                writer = launch { q.put(2) }
                writer.join()
            }
            q.getNowait() shouldBe 2
            q.qsize() shouldBe 0
        }
    }

    test("test_put_cancelled") {
        runVirtual {
            val q = Queue<Int>()
            val t = async { q.put(1); true }
            q.get() shouldBe 1
            t.await() shouldBe true
        }
    }

    test("test_put_cancelled_race") {
        runVirtual {
            val q = Queue<String>(maxsize = 1)
            val putA = launch { q.put("a") }
            val putB = launch { q.put("b") }
            val putC = launch { q.put("X") }
            tick()
            putA.isCompleted shouldBe true
            putB.isCompleted shouldBe false
            putC.cancel()
            tick()
            putC.isCompleted shouldBe true
            q.getNowait() shouldBe "a"
            tick() // `b`'s putter was only scheduled; it puts when it runs
            q.getNowait() shouldBe "b"
            putB.join()
            q.empty() shouldBe true
        }
    }

    test("test_put_with_waiting_getters") {
        runVirtual {
            val q = Queue<String>()
            val t = async { q.get() }
            tick()
            q.put("a")
            t.await() shouldBe "a"
        }
    }

    test("test_why_are_putters_waiting") {
        runVirtual {
            val q = Queue<Int>(2)
            val getter = async {
                tick()
                repeat(q.qsize()) { q.getNowait() }
            }
            (listOf(getter) + List(4) { i -> async { q.put(i) } }).awaitAll()
            q.qsize() shouldBe 2
        }
    }

    test("test_cancelled_puts_not_being_held_in_self_putters") {
        runVirtual {
            val q = Queue<Int>(maxsize = 1)
            q.putNowait(1)
            val putTask = launch { q.put(1) }
            tick()
            putTask.cancel()
            putTask.join()
            q.putterCount() shouldBe 0
        }
    }

    test("test_cancelled_put_silence_value_error_exception: a woken putter cancelled before it ran passes its turn on") {
        runVirtual {
            val q = Queue<Int>(maxsize = 1)
            q.putNowait(1)
            val first = launch { q.put(2) }
            val second = launch { q.put(3) }
            tick()
            q.getNowait() shouldBe 1 // wakes `first` (popped from the putters)
            first.cancel() // and it is cancelled before it ran
            first.join()
            second.join()
            q.getNowait() shouldBe 3
            q.empty() shouldBe true
            q.putterCount() shouldBe 0
        }
    }

    // ---- _QueueJoinTestMixin (for each kind) ----

    for ((kind, make) in kinds) {
        test("test_task_done_underflow ($kind)") {
            shouldThrow<IllegalArgumentException> { make(0).taskDone() }.message shouldBe "task_done() called too many times"
        }

        test("test_task_done ($kind)") {
            runVirtual {
                val q = make(0)
                repeat(100) { q.putNowait(it.toString().padStart(3, '0')) }
                var accumulator = 0
                val workers = List(2) {
                    launch {
                        while (true) {
                            accumulator += q.get().toInt()
                            q.taskDone()
                        }
                    }
                }
                q.join()
                accumulator shouldBe (0 until 100).sum()
                workers.forEach { it.cancel() }
            }
        }

        test("test_join_empty_queue ($kind)") {
            runVirtual {
                val q = make(0)
                q.join()
                q.join()
            }
        }

        test("test_format ($kind)") {
            val q = make(0)
            q.putNowait("a")
            q.putNowait("b")
            q.getNowait()
            q.getNowait()
            q.toString() shouldBe "<$kind maxsize=0 tasks=2>"
            q.shutdown()
            q.toString() shouldBe "<$kind maxsize=0 tasks=2 shutdown>"
        }
    }

    // ---- _QueueShutdownTestMixin (for each kind) ----

    for ((kind, make) in kinds) {
        test("test_shutdown_empty ($kind)") {
            runVirtual { supervisorScope {
                val q = make(0)
                val getTask = async { q.get() }
                tick()
                q.shutdown(immediate = false)
                q.qsize() shouldBe 0
                q.join()
                tick()
                getTask.isCompleted shouldBe true
                shouldThrow<QueueShutDown> { getTask.await() }
                shouldThrow<QueueShutDown> { q.put("data") }
                shouldThrow<QueueShutDown> { q.putNowait("data") }
                shouldThrow<QueueShutDown> { q.get() }
                shouldThrow<QueueShutDown> { q.getNowait() }
            } }
        }

        test("test_shutdown_nonempty ($kind)") {
            runVirtual { supervisorScope {
                val q = make(1)
                q.putNowait("data")
                val joinTask = launch { q.join() }
                val putTask = async { q.put("data2") }
                tick()
                putTask.isCompleted shouldBe false
                q.shutdown(immediate = false)
                q.qsize() shouldBe 1
                tick()
                putTask.isCompleted shouldBe true
                shouldThrow<QueueShutDown> { putTask.await() }
                q.get() shouldBe "data"
                tick()
                joinTask.isCompleted shouldBe false
                shouldThrow<QueueShutDown> { q.put("data") }
                shouldThrow<QueueShutDown> { q.putNowait("data") }
                shouldThrow<QueueShutDown> { q.get() }
                shouldThrow<QueueShutDown> { q.getNowait() }
                q.taskDone()
                tick()
                joinTask.isCompleted shouldBe true
                shouldThrow<IllegalArgumentException> { q.taskDone() }
            } }
        }

        test("test_shutdown_immediate ($kind)") {
            runVirtual {
                val q = make(0)
                q.putNowait("data")
                val joinTask = launch { q.join() }
                q.shutdown(immediate = true)
                q.qsize() shouldBe 0
                tick()
                joinTask.isCompleted shouldBe true
                shouldThrow<QueueShutDown> { q.put("data") }
                shouldThrow<QueueShutDown> { q.putNowait("data") }
                shouldThrow<QueueShutDown> { q.get() }
                shouldThrow<QueueShutDown> { q.getNowait() }
                shouldThrow<IllegalArgumentException> { q.taskDone() }
            }
        }

        test("test_shutdown_immediate_with_unfinished ($kind)") {
            runVirtual {
                val q = make(0)
                q.putNowait("data")
                q.putNowait("data")
                val joinTask = launch { q.join() }
                q.get() shouldBe "data"
                q.shutdown(immediate = true)
                q.qsize() shouldBe 0
                tick()
                joinTask.isCompleted shouldBe false
                shouldThrow<QueueShutDown> { q.put("data") }
                shouldThrow<QueueShutDown> { q.getNowait() }
                q.taskDone()
                shouldThrow<IllegalArgumentException> { q.taskDone() }
                tick()
                joinTask.isCompleted shouldBe true
            }
        }
    }

    // ---- shutdown with waiters ----

    test("shutdown wakes every waiting putter with QueueShutDown; getters drain the rest, then fail") {
        runVirtual { supervisorScope {
            val q = Queue<Int>(1)
            q.putNowait(0)
            val putters = List(3) { i -> async { q.put(i + 1) } }
            tick()
            q.shutdown()
            putters.forEach { shouldThrow<QueueShutDown> { it.await() } }
            q.get() shouldBe 0
            shouldThrow<QueueShutDown> { q.get() }
            q.putterCount() shouldBe 0
        } }
    }

    test("shutdown(immediate) wakes every waiting getter with QueueShutDown and releases join") {
        runVirtual { supervisorScope {
            val q = Queue<Int>()
            val getters = List(3) { async { q.get() } }
            tick()
            q.putNowait(7) // goes to the first getter when it runs
            q.shutdown(immediate = true) // ... but is dropped before it does
            getters.forEach { shouldThrow<QueueShutDown> { it.await() } }
            q.join()
            q.getterCount() shouldBe 0
            q.unfinishedTasks() shouldBe 0
        } }
    }

    test("shutdown(false) with a woken getter: it still gets the item put before the shutdown") {
        runVirtual { supervisorScope {
            val q = Queue<Int>()
            val g1 = async { q.get() }
            val g2 = async { q.get() }
            tick()
            q.putNowait(7)
            q.shutdown()
            g1.await() shouldBe 7
            shouldThrow<QueueShutDown> { g2.await() }
        } }
    }

    // ---- DESIGN.md decision 8: ready means no yield; waking means scheduling ----

    test("put with room and get with an item do not suspend; putNowait only schedules the getter") {
        val steps = Steps()
        runVirtual {
            val q = Queue<Int>(1)
            val other = launch { steps.expect(2) }
            q.put(1) // no yield: `other` has not run
            q.get() shouldBe 1
            steps.expect(1)
            val getter = launch { q.get() shouldBe 5; steps.expect(5) }
            tick()
            steps.expect(3)
            q.putNowait(5)
            steps.expect(4) // the getter did not run inside putNowait
            q.qsize() shouldBe 1 // the item waits for the getter to run and take it
            getter.join()
            other.join()
            steps.finish(6)
        }
    }

    test("getNowait only schedules the waiting putter") {
        val steps = Steps()
        runVirtual {
            val q = Queue<Int>(1)
            q.putNowait(1)
            val putter = launch { q.put(2); steps.expect(3) }
            tick()
            q.getNowait() shouldBe 1
            steps.expect(1)
            q.qsize() shouldBe 0
            steps.expect(2)
            putter.join()
            q.getNowait() shouldBe 2
            steps.finish(4)
        }
    }

    test("waiting getters are served first in, first out") {
        runVirtual {
            val q = Queue<Int>()
            val order = ArrayList<String>()
            val getters = List(5) { i -> launch { order += "g$i:${q.get()}" } }
            tick()
            repeat(5) { q.putNowait(it) }
            getters.forEach { it.join() }
            order shouldContainExactly List(5) { "g$it:$it" }
        }
    }

    test("waiting putters are served first in, first out") {
        runVirtual {
            val q = Queue<Int>(1)
            q.putNowait(-1)
            val putters = List(5) { i -> launch { q.put(i) } }
            tick()
            val got = ArrayList<Int>()
            repeat(6) { got += q.get() }
            putters.forEach { it.join() }
            got shouldContainExactly listOf(-1, 0, 1, 2, 3, 4)
        }
    }

    test("a getter cancelled while waiting takes nothing; the item goes to the next getter") {
        runVirtual {
            val q = Queue<Int>()
            val cancelled = async { q.get() }
            val next = async { q.get() }
            tick()
            cancelled.cancel()
            tick()
            q.putNowait(1)
            next.await() shouldBe 1
            shouldThrow<CancellationException> { cancelled.await() }
            q.getterCount() shouldBe 0
        }
    }

    test("join waits for taskDone of every item, and a join cancelled while waiting withdraws") {
        runVirtual {
            val q = Queue<Int>()
            q.putNowait(1)
            val cancelledJoin = launch { q.join() }
            val join = launch { q.join() }
            tick()
            cancelledJoin.cancel()
            q.getNowait()
            tick()
            join.isCompleted shouldBe false
            q.taskDone()
            join.isCompleted shouldBe false // scheduled, not run inside taskDone
            join.join()
            coroutineScope { q.join() } // nothing unfinished: at once
        }
    }
})

package dev.aio4j.coroutines

import dev.aio4j.BrokenBarrierError
import dev.aio4j.runVirtual
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldContainExactly
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import kotlinx.coroutines.CancellationException
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Deferred
import kotlinx.coroutines.async
import kotlinx.coroutines.awaitAll

private const val N = 5

private fun <T> CoroutineScope.makeTasks(n: Int, block: suspend () -> T): List<Deferred<T>> = List(n) { async { block() } }

/** Ports of CPython's test_locks.py BarrierTests. */
class BarrierSpec : FunSpec({
    test("test_barrier_parties") {
        shouldThrow<IllegalArgumentException> { Barrier(0) }.message shouldContain "0"
        shouldThrow<IllegalArgumentException> { Barrier(-4) }
        Barrier(N).parties shouldBe N
    }

    test("test_repr") {
        runVirtual {
            val barrier = Barrier(N)
            barrier.toString() shouldBe "<Barrier [filling, waiters:0/5]>"
            // Failures stay in each task, as gather(..., return_exceptions=True) keeps them.
            val waiters = ArrayList<Deferred<Result<Int>>>()
            repeat(2) { waiters += async { runCatching { barrier.wait() } } }
            tick()
            barrier.toString() shouldBe "<Barrier [filling, waiters:2/5]>"
            repeat(barrier.parties - barrier.nWaiting) { waiters += async { runCatching { barrier.wait() } } }
            tick()
            barrier.toString() shouldContain "draining"
            repeat(2) { waiters += async { runCatching { barrier.wait() } } }
            tick()
            barrier.reset()
            barrier.toString() shouldContain "resetting"
            repeat(2) { waiters += async { runCatching { barrier.wait() } } }
            tick()
            barrier.abort()
            barrier.toString() shouldContain "broken"
            barrier.broken shouldBe true
            waiters.forEach { it.await() }
        }
    }

    test("test_context_manager: every party gets a distinct arrival index") {
        runVirtual {
            val barrier = Barrier(3)
            val results = makeTasks(3) { barrier.wait() }.awaitAll()
            results.sorted() shouldContainExactly listOf(0, 1, 2)
            barrier.nWaiting shouldBe 0
            barrier.broken shouldBe false
        }
    }

    test("test_filling_one_task") {
        runVirtual {
            val barrier = Barrier(1)
            barrier.wait() shouldBe 0
            barrier.nWaiting shouldBe 0
            barrier.broken shouldBe false
        }
    }

    test("test_filling_one_task_twice") {
        runVirtual {
            val barrier = Barrier(1)
            val t1 = async { barrier.wait() }
            tick()
            barrier.nWaiting shouldBe 0
            val t2 = async { barrier.wait() }
            tick()
            t1.await() shouldBe t2.await()
            barrier.nWaiting shouldBe 0
            barrier.broken shouldBe false
        }
    }

    test("test_filling_task_by_task") {
        runVirtual {
            val barrier = Barrier(3)
            val t1 = async { barrier.wait() }
            tick()
            barrier.nWaiting shouldBe 1
            barrier.toString() shouldContain "filling"
            val t2 = async { barrier.wait() }
            tick()
            barrier.nWaiting shouldBe 2
            val t3 = async { barrier.wait() }
            tick()
            listOf(t1, t2, t3).awaitAll().sorted() shouldContainExactly listOf(0, 1, 2)
            barrier.nWaiting shouldBe 0
            barrier.broken shouldBe false
        }
    }

    test("test_filling_tasks_wait_twice") {
        runVirtual {
            val barrier = Barrier(N)
            val results = ArrayList<Boolean>()
            makeTasks(N) {
                barrier.wait()
                results += true
                barrier.wait()
                results += false
            }.awaitAll()
            results.size shouldBe 2 * N
            results.count { it } shouldBe N
            barrier.nWaiting shouldBe 0
            barrier.broken shouldBe false
        }
    }

    test("test_filling_tasks_check_return_value") {
        runVirtual {
            val barrier = Barrier(N)
            val res = makeTasks(N) {
                barrier.wait()
                barrier.wait()
            }.awaitAll()
            res.sorted() shouldContainExactly (0 until N).toList()
            barrier.nWaiting shouldBe 0
        }
    }

    test("test_draining_state") {
        runVirtual {
            val barrier = Barrier(N)
            val results = ArrayList<Boolean>()
            makeTasks(N) {
                barrier.wait()
                results += "draining" in barrier.toString()
            }.awaitAll()
            results.size shouldBe N
            results.last() shouldBe false
            results.dropLast(1).all { it } shouldBe true
        }
    }

    test("test_blocking_tasks_while_draining") {
        runVirtual {
            val rewait = 2
            val barrier = Barrier(N)
            val barrierNoWaiting = Barrier(N - rewait)
            var rewaitN = rewait
            makeTasks(N) {
                barrier.wait()
                if (rewaitN > 0) {
                    rewaitN--
                    barrier.wait()
                } else {
                    barrierNoWaiting.wait()
                    barrier.wait()
                }
            }.awaitAll()
        }
    }

    test("test_filling_tasks_cancel_one: a waiter cancelled while filling leaves without breaking it") {
        runVirtual {
            val barrier = Barrier(3)
            val results = ArrayList<Boolean>()
            suspend fun coro() {
                barrier.wait()
                results += true
            }
            val t1 = async { coro() }
            tick()
            barrier.nWaiting shouldBe 1
            val t2 = async { coro() }
            tick()
            barrier.nWaiting shouldBe 2
            t1.cancel()
            tick()
            barrier.nWaiting shouldBe 1
            shouldThrow<CancellationException> { t1.await() }
            t1.isCancelled shouldBe true
            val t3 = async { coro() }
            tick()
            barrier.nWaiting shouldBe 2
            val t4 = async { coro() }
            listOf(t2, t3, t4).awaitAll()
            results.size shouldBe 3
            barrier.nWaiting shouldBe 0
            barrier.broken shouldBe false
        }
    }

    test("test_reset_barrier") {
        runVirtual {
            val barrier = Barrier(1)
            async { barrier.reset() }
            tick()
            barrier.nWaiting shouldBe 0
            barrier.broken shouldBe false
        }
    }

    test("test_reset_barrier_while_tasks_waiting") {
        runVirtual {
            val barrier = Barrier(N)
            val results = ArrayList<Boolean>()
            val tasks = makeTasks(N - 1) {
                try {
                    barrier.wait()
                } catch (_: BrokenBarrierError) {
                    results += true
                }
            }
            tick()
            async { barrier.reset() }
            tasks.awaitAll()
            results.size shouldBe N - 1
            barrier.nWaiting shouldBe 0
            barrier.toString().contains("resetting") shouldBe false
            barrier.broken shouldBe false
        }
    }

    test("abort breaks the barrier: waiting and later parties fail with BrokenBarrierError") {
        runVirtual {
            val barrier = Barrier(N)
            val tasks = makeTasks(N - 1) { runCatching { barrier.wait() }.exceptionOrNull() }
            tick()
            barrier.abort()
            tasks.awaitAll().forEach { (it is BrokenBarrierError) shouldBe true }
            barrier.broken shouldBe true
            shouldThrow<BrokenBarrierError> { barrier.wait() }.message shouldBe "Barrier aborted"
            barrier.reset()
            barrier.broken shouldBe false
        }
    }

    test("test_reset_barrier_when_tasks_half_draining") {
        runVirtual {
            val barrier = Barrier(N)
            val results1 = ArrayList<Boolean>()
            val restOfTasks = N / 2
            makeTasks(N) {
                try {
                    barrier.wait()
                    if (restOfTasks == barrier.countInside) barrier.reset()
                } catch (_: BrokenBarrierError) {
                    results1 += true
                }
            }.awaitAll()
            results1 shouldContainExactly List(restOfTasks) { true }
            barrier.nWaiting shouldBe 0
            barrier.toString().contains("resetting") shouldBe false
            barrier.broken shouldBe false
        }
    }

    test("test_reset_barrier_when_tasks_half_draining_half_blocking") {
        runVirtual {
            val barrier = Barrier(N)
            val results1 = ArrayList<Boolean>()
            val results2 = ArrayList<Boolean>()
            val blockingTasks = N / 2
            var count = 0
            makeTasks(N) {
                var broken = false
                try {
                    barrier.wait()
                } catch (_: BrokenBarrierError) {
                    broken = true
                }
                if (broken) {
                    results1 += true
                    barrier.wait()
                } else {
                    count++
                    if (count > blockingTasks) {
                        barrier.reset()
                        barrier.wait()
                    } else {
                        try {
                            barrier.wait()
                        } catch (_: BrokenBarrierError) {
                            results2 += true
                        }
                    }
                }
            }.awaitAll()
            results1 shouldContainExactly List(blockingTasks) { true }
            results2 shouldContainExactly emptyList()
            barrier.nWaiting shouldBe 0
            barrier.toString().contains("resetting") shouldBe false
            barrier.broken shouldBe false
        }
    }

    test("test_reset_barrier_while_tasks_waiting_and_waiting_again") {
        runVirtual {
            val barrier = Barrier(N)
            val results1 = ArrayList<Boolean>()
            val results2 = ArrayList<Boolean>()
            val tasks = makeTasks(N - 1) {
                try {
                    barrier.wait()
                } catch (_: BrokenBarrierError) {
                    results1 += true
                } finally {
                    barrier.wait()
                    results2 += true
                }
            }
            async { barrier.reset() }
            tick()
            async { barrier.wait(); results2 += true }
            tasks.awaitAll()
            barrier.broken shouldBe false
            results1.size shouldBe N - 1
            results2.size shouldBe N
            barrier.nWaiting shouldBe 0
        }
    }

    test("test_reset_barrier_while_tasks_draining") {
        runVirtual {
            val barrier = Barrier(N)
            val results1 = ArrayList<Boolean>()
            val results2 = ArrayList<Boolean>()
            val results3 = ArrayList<Boolean>()
            var count = 0
            makeTasks(N) {
                barrier.wait()
                count++
                if (count == N) {
                    barrier.reset()
                    barrier.wait()
                } else {
                    try {
                        barrier.wait()
                        results1 += true
                    } catch (_: Exception) {
                        results2 += true
                    }
                }
                barrier.wait()
                results3 += true
            }.awaitAll()
            barrier.broken shouldBe false
            results1.size shouldBe N - 1
            results2.size shouldBe 0
            results3.size shouldBe N
            barrier.nWaiting shouldBe 0
        }
    }

    test("test_abort_barrier") {
        runVirtual {
            val barrier = Barrier(1)
            async { barrier.abort() }
            tick()
            barrier.nWaiting shouldBe 0
            barrier.broken shouldBe true
        }
    }

    test("test_abort_barrier_when_tasks_half_draining_half_blocking") {
        runVirtual {
            val barrier = Barrier(N)
            val results1 = ArrayList<Boolean>()
            val results2 = ArrayList<Boolean>()
            val blockingTasks = N / 2
            var count = 0
            makeTasks(N) {
                var broken = false
                try {
                    barrier.wait()
                } catch (_: BrokenBarrierError) {
                    broken = true
                    results1 += true
                }
                if (!broken) {
                    count++
                    if (count > blockingTasks) {
                        barrier.abort()
                    } else {
                        try {
                            barrier.wait()
                        } catch (_: BrokenBarrierError) {
                            results2 += true
                        }
                    }
                }
            }.awaitAll()
            barrier.broken shouldBe true
            results1 shouldContainExactly List(blockingTasks) { true }
            results2 shouldContainExactly List(N - blockingTasks - 1) { true }
            barrier.nWaiting shouldBe 0
            barrier.toString().contains("resetting") shouldBe false
        }
    }

    test("test_abort_barrier_when_exception") {
        runVirtual {
            val barrier = Barrier(N)
            val results1 = ArrayList<Boolean>()
            val results2 = ArrayList<Boolean>()
            makeTasks(N) {
                try {
                    val i = barrier.wait()
                    if (i == N / 2) throw IllegalStateException("boom")
                    barrier.wait()
                    results1 += true
                } catch (_: BrokenBarrierError) {
                    results2 += true
                } catch (_: IllegalStateException) {
                    barrier.abort()
                }
            }.awaitAll()
            barrier.broken shouldBe true
            results1.size shouldBe 0
            results2.size shouldBe N - 1
            barrier.nWaiting shouldBe 0
        }
    }

    test("test_abort_barrier_when_exception_then_resetting") {
        runVirtual {
            val barrier1 = Barrier(N)
            val barrier2 = Barrier(N)
            val results1 = ArrayList<Boolean>()
            val results2 = ArrayList<Boolean>()
            val results3 = ArrayList<Boolean>()
            makeTasks(N) {
                try {
                    val i = barrier1.wait()
                    if (i == N / 2) throw IllegalStateException("boom")
                    barrier1.wait()
                    results1 += true
                } catch (_: BrokenBarrierError) {
                    results2 += true
                } catch (_: IllegalStateException) {
                    barrier1.abort()
                }
                val i = barrier2.wait()
                if (i == N / 2) barrier1.reset()
                barrier2.wait()
                barrier1.wait()
                results3 += true
            }.awaitAll()
            barrier1.broken shouldBe false
            results1.size shouldBe 0
            results2.size shouldBe N - 1
            results3.size shouldBe N
            barrier1.nWaiting shouldBe 0
        }
    }
})

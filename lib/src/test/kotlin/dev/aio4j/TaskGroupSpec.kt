package dev.aio4j

import dev.aio4j.coroutines.sleep
import dev.aio4j.coroutines.taskGroup
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldContainExactly
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.types.shouldBeInstanceOf
import kotlinx.coroutines.CancellationException
import kotlinx.coroutines.Deferred
import kotlinx.coroutines.async
import kotlinx.coroutines.awaitCancellation
import kotlinx.coroutines.currentCoroutineContext
import kotlinx.coroutines.isActive
import kotlinx.coroutines.supervisorScope
import kotlinx.coroutines.future.await
import java.io.IOException
import kotlin.time.Duration
import kotlin.time.Duration.Companion.milliseconds
import kotlin.time.Duration.Companion.seconds

/** Ports of CPython's test_taskgroups.py (see lib/CONFORMANCE.md for the list and the differences). */
class TaskGroupSpec : FunSpec({
    test("taskgroup_01/02: the group waits for every child, also one added while the body runs") {
        runVirtual {
            var t1: Deferred<Int>? = null
            var t2: Deferred<Int>? = null
            taskGroup { tg ->
                t1 = tg.createTask { sleep(100.milliseconds); 42 }
                sleep(150.milliseconds)
                t2 = tg.createTask { sleep(200.milliseconds); 11 }
            }
            loopTime() shouldBe 0.35
            t1!!.await() shouldBe 42
            t2!!.await() shouldBe 11
        }
    }

    test("taskgroup_03: a child cancelled on purpose is not a group error") {
        runVirtual {
            taskGroup { tg ->
                val t1 = tg.createTask { sleep(10.seconds) }
                sleep(100.milliseconds)
                t1.cancel()
                tg.createTask { 11 }
            }
        }
    }

    test("taskgroup_04: a failing child cancels its siblings and the body before the group raises") {
        val steps = Steps()
        runVirtual {
            val failure = shouldThrow<ExceptionGroup> {
                taskGroup { tg ->
                    tg.createTask { steps.expect(1); sleep(10.milliseconds); steps.expect(3); throw IOException("boom") }
                    tg.createTask { steps.expect(2); try { awaitCancellation() } finally { steps.expect(4) } }
                    try { sleep(1.seconds) } finally { steps.expect(5) }
                }
            }
            steps.expect(6)
            loopTime() shouldBe 0.01
            failure.exceptions().map { it.message } shouldContainExactly listOf("boom")
            failure.groupMessage() shouldBe "unhandled errors in a TaskGroup"
        }
        steps.finish(7)
    }

    test("cancel_children_on_child_error: siblings cancelled before they could fail add nothing") {
        runVirtual {
            var sleeperCancelled = false
            val failure = shouldThrow<ExceptionGroup> {
                taskGroup { tg ->
                    repeat(3) { i -> tg.createTask { sleep(100.milliseconds); throw ArithmeticException("child $i") } }
                    tg.createTask { try { sleep(5.seconds) } catch (e: CancellationException) { sleeperCancelled = true; throw e } }
                    sleep(10.seconds)
                }
            }
            // As in CPython: the first failure cancels the other two before they run, so they raise nothing.
            failure.exceptions().map { it.message } shouldContainExactly listOf("child 0")
            sleeperCancelled shouldBe true
        }
    }

    test("taskgroup_07 / 22: an outside cancellation cancels body and children and stays a cancellation") {
        runVirtual {
            var cancelledChildren = 0
            var bodySawIt = false
            supervisorScope {
            val runner = async {
                taskGroup { tg ->
                    repeat(5) { tg.createTask { try { sleep(10.seconds) } catch (e: CancellationException) { cancelledChildren++; throw e } } }
                    try { sleep(10.seconds) } catch (e: CancellationException) { bodySawIt = true; throw e }
                }
            }
            sleep(100.milliseconds)
            runner.cancel()
            shouldThrow<CancellationException> { runner.await() }
            cancelledChildren shouldBe 5
            bodySawIt shouldBe true
            }
        }
    }

    test("taskgroup_08: failures of the children win over an outside cancellation") {
        runVirtual {
            supervisorScope {
            val runner = async {
                taskGroup { tg ->
                    repeat(3) { i -> tg.createTask { try { sleep(10.seconds) } finally { throw ArithmeticException("child $i") } } }
                    sleep(10.seconds)
                }
            }
            sleep(100.milliseconds)
            runner.cancel()
            val e = shouldThrow<ExceptionGroup> { runner.await() }
            e.exceptions().map { it.message } shouldContainExactly listOf("child 0", "child 1", "child 2")
            }
        }
    }

    test("taskgroup_09/10: a failure of the body cancels the children and is reported in the group") {
        runVirtual {
            var child: Deferred<Unit>? = null
            val e = shouldThrow<ExceptionGroup> {
                taskGroup { tg ->
                    child = tg.createTask { sleep(1.seconds) }
                    throw ArithmeticException("body")
                }
            }
            e.exceptions().single().message shouldBe "body"
            child!!.isCancelled shouldBe true
        }
    }

    test("taskgroup_19: children's failures come first, the body's last") {
        runVirtual {
            val e = shouldThrow<ExceptionGroup> {
                taskGroup { tg ->
                    tg.createTask { sleep(100.milliseconds); throw ArithmeticException("child") }
                    try { sleep(1.seconds) } finally { throw IllegalStateException("body") }
                }
            }
            e.exceptions().map { it.message } shouldContainExactly listOf("child", "body")
        }
    }

    test("taskgroup_13/14: nested groups keep their shape") {
        runVirtual {
            val flat = shouldThrow<ExceptionGroup> {
                taskGroup { outer ->
                    outer.createTask { sleep(100.milliseconds); throw IllegalArgumentException("outer child") }
                    taskGroup { inner -> inner.createTask { sleep(10.seconds); throw IOException("never") } }
                }
            }
            flat.exceptions().single().message shouldBe "outer child"
            val nested = shouldThrow<ExceptionGroup> {
                taskGroup { outer ->
                    outer.createTask { sleep(10.seconds); throw IllegalArgumentException("never") }
                    taskGroup { inner -> inner.createTask { sleep(100.milliseconds); throw IOException("inner child") } }
                }
            }
            val innerGroup = nested.exceptions().single().shouldBeInstanceOf<ExceptionGroup>()
            innerGroup.exceptions().single().message shouldBe "inner child"
        }
    }

    test("taskgroup_24: children can start more children; the group waits for them") {
        runVirtual {
            taskGroup { tg ->
                tg.createTask {
                    sleep(100.milliseconds)
                    repeat(2) { tg.createTask { sleep(200.milliseconds) } }
                }
            }
            loopTime() shouldBe 0.3
        }
    }

    test("no_create_task_after_failure and finished: createTask refuses with a clear error") {
        runVirtual {
            var refused: Throwable? = null
            var group: dev.aio4j.coroutines.TaskGroup? = null
            val e = shouldThrow<ExceptionGroup> {
                taskGroup { tg ->
                    group = tg
                    tg.createTask { sleep(10.milliseconds); throw ArithmeticException("first") }
                    tg.createTask {
                        try { awaitCancellation() } catch (c: CancellationException) {
                            refused = runCatching { tg.createTask { } }.exceptionOrNull()
                            throw c
                        }
                    }
                }
            }
            e.exceptions().single().message shouldBe "first"
            refused.shouldBeInstanceOf<IllegalStateException>().message shouldContain "shutting down"
            shouldThrow<IllegalStateException> { group!!.createTask { } }.message shouldContain "finished"
        }
    }

    test("cancellation_does_not_leak_out_of_tg: after a caught group failure the caller goes on") {
        runVirtual {
            runCatching { taskGroup { tg -> tg.createTask { throw ArithmeticException() } } }
            sleep(Duration.ZERO)
            currentCoroutineContext().isActive shouldBe true
        }
    }

    test("the Java facade: createTask names, body value after all children, currentTask inside the body") {
        runVirtual {
            val outer = currentTask()
            var inBody: Task<*>? = null
            val names: List<Task<String>> = dev.aio4j.taskGroup(java.util.function.Function { tg: TaskGroup ->
                inBody = currentTask()
                listOf(
                    tg.createTask(java.util.function.Supplier { dev.aio4j.sleep(java.time.Duration.ofSeconds(1), "a") }, "yolo"),
                    tg.createTask(java.util.function.Supplier { dev.aio4j.sleep(java.time.Duration.ofSeconds(2), "b") }),
                )
            }).await()
            loopTime() shouldBe 2.0
            inBody shouldBe outer
            names[0].getName() shouldBe "yolo"
            names.map { it.result() } shouldContainExactly listOf("a", "b")
        }
    }
})

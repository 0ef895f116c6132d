package dev.aio4j.coroutines

import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.joinAll
import kotlinx.coroutines.launch
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.withTimeout
import kotlinx.coroutines.yield
import java.util.concurrent.atomic.AtomicInteger
import kotlin.time.Duration.Companion.seconds

/**
 * The primitives off the event loop, on kotlinx's parallel `Dispatchers.Default`: state stays
 * consistent and no wake-up is lost when waiters, releasers and cancellations race on several threads.
 */
class LocksParallelSpec : FunSpec({
    test("Lock keeps mutual exclusion across threads, with waiters cancelled at random") {
        runBlocking(Dispatchers.Default) {
            withTimeout(30.seconds) {
                val lock = Lock()
                val inside = AtomicInteger()
                var counter = 0 // Guarded by lock.
                val workers = List(8) {
                    launch {
                        repeat(300) {
                            lock.withLock {
                                inside.incrementAndGet() shouldBe 1
                                counter++
                                yield()
                                inside.decrementAndGet()
                            }
                        }
                    }
                }
                val victims = List(200) { launch { lock.withLock { yield() } } }
                victims.forEachIndexed { i, v -> if (i % 2 == 0) v.cancel() }
                (workers + victims).joinAll()
                counter shouldBe 8 * 300
                lock.locked() shouldBe false
                lock.waiterCount() shouldBe 0
            }
        }
    }

    test("Semaphore never exceeds its permits and leaks none when waiters are cancelled") {
        runBlocking(Dispatchers.Default) {
            withTimeout(30.seconds) {
                val sem = Semaphore(3)
                val inside = AtomicInteger()
                val peak = AtomicInteger()
                val workers = List(16) {
                    launch {
                        repeat(200) {
                            sem.withPermit {
                                val now = inside.incrementAndGet()
                                peak.accumulateAndGet(now, ::maxOf)
                                yield()
                                inside.decrementAndGet()
                            }
                        }
                    }
                }
                val victims = List(300) { launch { sem.withPermit { yield() } } }
                victims.forEachIndexed { i, v -> if (i % 3 != 0) v.cancel() }
                (workers + victims).joinAll()
                (peak.get() <= 3) shouldBe true
                sem.value shouldBe 3
                sem.waiterCount() shouldBe 0
            }
        }
    }

    test("Event set from another thread wakes every waiter") {
        runBlocking(Dispatchers.Default) {
            withTimeout(30.seconds) {
                repeat(50) {
                    val ev = Event()
                    val woken = AtomicInteger()
                    val waiters = List(20) { launch { ev.wait(); woken.incrementAndGet() } }
                    launch { yield(); ev.set() }
                    waiters.joinAll()
                    woken.get() shouldBe 20
                }
            }
        }
    }
})

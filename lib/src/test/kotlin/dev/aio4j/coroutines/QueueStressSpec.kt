package dev.aio4j.coroutines

import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.Job
import kotlinx.coroutines.delay
import kotlinx.coroutines.joinAll
import kotlinx.coroutines.launch
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.withTimeout
import kotlinx.coroutines.yield
import java.util.concurrent.ThreadLocalRandom
import java.util.concurrent.atomic.AtomicInteger
import java.util.concurrent.atomic.AtomicIntegerArray
import kotlin.time.Duration.Companion.seconds

/**
 * Queues off the event loop, on kotlinx's parallel `Dispatchers.Default`: 8 producers and 8 consumers
 * move every item through a bounded queue while consumers are cancelled (and replaced) at random;
 * each item must be taken exactly once — a cancelled get never swallows one. The big run needs
 * `-Dstress=true`; a small one always runs.
 */
class QueueStressSpec : FunSpec({
    val stress = System.getProperty("stress") == "true"

    suspend fun run(itemsPerProducer: Int, maxsize: Int, make: (Int) -> Queue<Int>) {
        val producers = 8
        val total = producers * itemsPerProducer
        val q = make(maxsize)
        val taken = AtomicIntegerArray(total)
        val cancellations = AtomicInteger()
        runBlocking(Dispatchers.Default) {
            withTimeout(50.seconds) {
                fun consumer(): Job = launch {
                    while (true) {
                        val item = q.get()
                        taken.incrementAndGet(item) // no suspension between get and here
                        q.taskDone()
                        if (ThreadLocalRandom.current().nextInt(8) == 0) yield()
                    }
                }
                val consumers = Array(8) { consumer() }
                val producerJobs = List(producers) { p ->
                    launch {
                        for (i in 0 until itemsPerProducer) {
                            q.put(p * itemsPerProducer + i)
                            if (ThreadLocalRandom.current().nextInt(16) == 0) yield()
                        }
                    }
                }
                val chaos = launch {
                    while (true) {
                        delay(1)
                        val i = ThreadLocalRandom.current().nextInt(consumers.size)
                        consumers[i].cancel()
                        cancellations.incrementAndGet()
                        synchronized(consumers) { consumers[i] = consumer() }
                    }
                }
                producerJobs.joinAll()
                q.join()
                chaos.cancel()
                chaos.join()
                consumers.forEach { it.cancel() }
                consumers.toList().joinAll()
            }
        }
        val wrong = (0 until total).filter { taken.get(it) != 1 }
        wrong.take(10).map { it to taken.get(it) } shouldBe emptyList()
        q.qsize() shouldBe 0
        q.unfinishedTasks() shouldBe 0
        q.getterCount() shouldBe 0
        q.putterCount() shouldBe 0
    }

    test("small: 8 producers x 8 consumers x 500 items through Queue(16), consumers cancelled at random") {
        run(500, 16) { Queue(it) }
    }

    test("small: the same through LifoQueue(4) and PriorityQueue(4)") {
        run(300, 4) { LifoQueue(it) }
        run(300, 4) { PriorityQueue(it) }
    }

    test("stress: 8 producers x 8 consumers x 20000 items through Queue(16), consumers cancelled at random")
        .config(enabled = stress) {
            run(20_000, 16) { Queue(it) }
            run(5_000, 1) { Queue(it) }
            run(5_000, 8) { PriorityQueue(it) }
        }
})

package dev.aio4j.redis

import dev.aio4j.Steps
import dev.aio4j.coroutines.redis.RedisQueue
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldContainExactly
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import kotlinx.coroutines.CoroutineStart
import kotlinx.coroutines.async
import kotlinx.coroutines.delay
import kotlinx.coroutines.launch
import kotlinx.coroutines.yield
import kotlin.time.Duration.Companion.milliseconds

/** RedisQueue's Queue semantics against a real Redis (skipped, saying why, when none answers). */
class RedisQueueSpec : FunSpec({
    val on = { _: io.kotest.core.test.TestCase -> RedisTestSupport.available }

    afterSpec { RedisTestSupport.cleanUp() }

    fun queue(name: String, maxsize: Int = 0, visibility: kotlin.time.Duration = kotlin.time.Duration.parse("30s")) =
        RedisQueue(name, String::class.java, RedisTestSupport.url, maxsize = maxsize, visibilityTimeout = visibility, pollInterval = 20.milliseconds)

    test("items come out first in, first out, across instances; join waits for taskDone").config(enabledIf = on) {
        val name = RedisTestSupport.key("fifo")
        RedisTestSupport.onLoop {
            val producer = queue(name)
            val consumer = queue(name)
            try {
                for (i in 1..5) producer.put("item-$i")
                producer.qsize() shouldBe 5L
                val got = (1..5).map { consumer.get() }
                got shouldContainExactly (1..5).map { "item-$it" }
                producer.qsize() shouldBe 0L
                val steps = Steps()
                val joined = launch {
                    producer.join()
                    steps.expect(2)
                }
                delay(100.milliseconds)
                joined.isCompleted shouldBe false
                repeat(4) { consumer.taskDone() shouldBe true }
                delay(100.milliseconds)
                joined.isCompleted shouldBe false // one item still pending
                steps.expect(1)
                consumer.taskDone() shouldBe true
                joined.join()
                steps.finish(3)
            } finally {
                producer.close()
                consumer.close()
            }
        }
    }

    test("taskDone called too many times is an IllegalArgumentException (asyncio's ValueError)").config(enabledIf = on) {
        val name = RedisTestSupport.key("too-many")
        RedisTestSupport.onLoop {
            val q = queue(name)
            try {
                q.put("x")
                q.get() shouldBe "x"
                q.taskDone() shouldBe true
                shouldThrow<IllegalArgumentException> { q.taskDone() }.message shouldBe "task_done() called too many times"
            } finally {
                q.close()
            }
        }
    }

    test("maxsize: put waits while maxsize items are undelivered").config(enabledIf = on) {
        val name = RedisTestSupport.key("maxsize")
        RedisTestSupport.onLoop {
            val q = queue(name, maxsize = 2)
            try {
                val steps = Steps()
                q.put("a")
                q.put("b")
                q.full() shouldBe true
                val third = launch {
                    steps.expect(1)
                    q.put("c")
                    steps.expect(3)
                }
                delay(200.milliseconds)
                third.isCompleted shouldBe false
                q.qsize() shouldBe 2L
                steps.expect(2)
                q.get() shouldBe "a" // delivered: no longer counts toward maxsize
                third.join()
                steps.finish(4)
                q.qsize() shouldBe 2L
                q.get() shouldBe "b"
                q.get() shouldBe "c"
                repeat(3) { q.taskDone() }
                q.join()
            } finally {
                q.close()
            }
        }
    }

    test("a get cancelled while waiting never swallows an item").config(enabledIf = on) {
        val name = RedisTestSupport.key("cancel")
        RedisTestSupport.onLoop {
            val consumer = queue(name)
            val producer = queue(name)
            try {
                repeat(20) { i ->
                    val waiting = async(start = CoroutineStart.UNDISPATCHED) { consumer.get() }
                    delay((i % 4).toLong().milliseconds)
                    producer.put("item-$i") // may reach the blocked XREADGROUP before the cancel does
                    if (i % 2 == 0) yield()
                    waiting.cancel()
                    val got = runCatching { waiting.await() }.getOrNull()
                    // Either the cancelled get got it, or it was handed back to the next get.
                    (got ?: consumer.get()) shouldBe "item-$i"
                    consumer.taskDone() shouldBe true
                }
                producer.join()
                producer.qsize() shouldBe 0L
            } finally {
                consumer.close()
                producer.close()
            }
        }
    }

    test("an item taken and never marked done is redelivered to another consumer after the visibility timeout").config(enabledIf = on) {
        val name = RedisTestSupport.key("redeliver")
        RedisTestSupport.onLoop {
            val dead = queue(name, visibility = 300.milliseconds)
            val alive = queue(name, visibility = 300.milliseconds)
            try {
                dead.put("job")
                dead.get() shouldBe "job" // its consumer "dies": never calls taskDone
                val start = System.nanoTime()
                alive.get() shouldBe "job"
                ((System.nanoTime() - start) / 1_000_000 >= 250) shouldBe true
                alive.taskDone() shouldBe true
                dead.taskDone() shouldBe false // acknowledged already by the claimer
                alive.join()
            } finally {
                dead.close()
                alive.close()
            }
        }
    }

    test("close makes the items it took claimable at once").config(enabledIf = on) {
        val name = RedisTestSupport.key("close")
        RedisTestSupport.onLoop {
            val first = queue(name, visibility = kotlin.time.Duration.parse("60s"))
            val second = queue(name, visibility = kotlin.time.Duration.parse("60s"))
            try {
                first.put("j1")
                first.get() shouldBe "j1"
                first.close()
                second.get() shouldBe "j1"
                second.taskDone() shouldBe true
                second.join()
            } finally {
                second.close()
            }
        }
    }

    test("bad arguments give clear errors") {
        shouldThrow<IllegalArgumentException> { queue("q", maxsize = -1) }.message shouldContain "maxsize must be >= 0, was -1"
    }
})

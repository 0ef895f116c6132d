package dev.aio4j.redis

import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldContainExactlyInAnyOrder
import io.kotest.matchers.collections.shouldBeEmpty
import io.kotest.matchers.shouldBe
import io.lettuce.core.RedisClient
import java.io.File
import java.time.Duration
import java.util.concurrent.TimeUnit

/**
 * One producer and two consumer JVMs through one RedisQueue; one consumer is killed with SIGKILL in the
 * middle of an item. Every item must be processed at least once and acknowledged exactly once, none lost.
 */
class RedisQueueMultiProcessSpec : FunSpec({
    val on = { _: io.kotest.core.test.TestCase -> RedisTestSupport.available }

    afterSpec { RedisTestSupport.cleanUp() }

    fun spawn(vararg args: String): Process {
        val java = File(System.getProperty("java.home"), "bin/java").path
        val classpath = System.getProperty("surefire.test.class.path") ?: System.getProperty("java.class.path")
        return ProcessBuilder(listOf(java, "-Xmx128m", "-cp", classpath, QueueWorkerMain::class.java.name) + args)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start()
    }

    test("a consumer killed mid-item: every item processed at least once, acknowledged exactly once").config(enabledIf = on) {
        val url = RedisTestSupport.url
        val stream = RedisTestSupport.key("mp-stream")
        val log = RedisTestSupport.key("mp-log")
        val count = 30
        val client = RedisClient.create(url)
        val processes = ArrayList<Process>()
        try {
            val redis = client.connect().sync()
            fun entries(): List<String> = redis.lrange(log, 0, -1)
            fun waitFor(what: String, seconds: Long, condition: () -> Boolean) {
                val deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds)
                while (!condition()) {
                    check(System.nanoTime() < deadline) { "timed out waiting for $what; log: ${entries()}" }
                    Thread.sleep(20)
                }
            }
            val victim = spawn("consumer", url, stream, log, "victim", "3").also { processes += it }
            val survivor = spawn("consumer", url, stream, log, "survivor", "0").also { processes += it }
            val producer = spawn("producer", url, stream, log, count.toString()).also { processes += it }

            // The victim takes its 3rd item and hangs in the middle of it: kill it there.
            waitFor("the victim's third item", 60) { entries().count { it.startsWith("start:victim:") } >= 3 }
            val hung = entries().filter { it.startsWith("start:victim:") }[2].removePrefix("start:victim:")
            victim.destroyForcibly().waitFor(10, TimeUnit.SECONDS) shouldBe true

            producer.waitFor(60, TimeUnit.SECONDS) shouldBe true // its join returns only once all are acked
            producer.exitValue() shouldBe 0

            val all = entries()
            val items = (1..count).map { "item-$it" }
            all.filter { it.startsWith("ack:") }.map { it.removePrefix("ack:") } shouldContainExactlyInAnyOrder items
            all.filter { it.startsWith("dup:") }.shouldBeEmpty()
            val done = all.filter { it.startsWith("done:") }.map { it.substringAfterLast(':') }.toSet()
            done shouldBe items.toSet()
            all.contains("done:victim:$hung") shouldBe false
            all.contains("start:survivor:$hung") shouldBe true // redelivered after the visibility timeout
            all.contains("producer:joined") shouldBe true
            redis.xlen(stream) shouldBe 0L
            redis.xpending(stream, "aio4j").count shouldBe 0L
        } finally {
            for (p in processes) p.destroyForcibly()
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2))
        }
    }
})

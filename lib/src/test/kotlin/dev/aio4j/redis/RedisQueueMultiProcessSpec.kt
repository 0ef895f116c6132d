package dev.aio4j.redis

import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldContainExactlyInAnyOrder
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

    val logs = File("target/redis-multiprocess").apply { mkdirs() }
    val logbackConfig = File(logs, "logback-warn.xml").apply {
        writeText(
            "<configuration><appender name=\"out\" class=\"ch.qos.logback.core.ConsoleAppender\"><encoder>" +
                "<pattern>%d %-5level %logger - %msg%n</pattern></encoder></appender>" +
                "<root level=\"WARN\"><appender-ref ref=\"out\"/></root></configuration>",
        )
    }

    /** A worker JVM on the test classpath; its output goes to target/redis-multiprocess/NAME.log. */
    fun spawn(name: String, vararg args: String): Process {
        val java = File(System.getProperty("java.home"), "bin/java").path
        val classpath = System.getProperty("surefire.test.class.path") ?: System.getProperty("java.class.path")
        val command = listOf(
            java, "-Xmx128m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
            "-Dlogback.configurationFile=${logbackConfig.absolutePath}",
            "-cp", classpath, QueueWorkerMain::class.java.name,
        ) + args
        return ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(File(logs, "$name.log"))
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
            // Generous limits: three JVMs start on a possibly loaded machine; nothing waits for them otherwise.
            val victim = spawn("victim", "consumer", url, stream, log, "victim", "3").also { processes += it }
            spawn("survivor", "consumer", url, stream, log, "survivor", "0").also { processes += it }
            val producer = spawn("producer", "producer", url, stream, log, count.toString()).also { processes += it }

            // The victim takes its 3rd item and hangs in the middle of it: kill it there.
            waitFor("the victim's third item", 240) { entries().count { it.startsWith("start:victim:") } >= 3 }
            val hung = entries().filter { it.startsWith("start:victim:") }[2].removePrefix("start:victim:")
            victim.destroyForcibly().waitFor(10, TimeUnit.SECONDS) shouldBe true

            producer.waitFor(240, TimeUnit.SECONDS) shouldBe true // its join returns only once all are acked
            producer.exitValue() shouldBe 0
            // The last consumer logs its "ack:" just after its XACK, which may be after the producer's join.
            waitFor("every ack logged", 60) { entries().count { it.startsWith("ack:") } >= count }

            val all = entries()
            val items = (1..count).map { "item-$it" }
            all.filter { it.startsWith("ack:") }.map { it.removePrefix("ack:") } shouldContainExactlyInAnyOrder items
            // A slow consumer's item may be claimed and processed twice (at least once); its late ack is
            // then not an acknowledgement (XACK 0): still each item acknowledged exactly once, above.
            all.filter { it.startsWith("dup:") }.map { it.removePrefix("dup:") }.toSet().all { it in items } shouldBe true
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

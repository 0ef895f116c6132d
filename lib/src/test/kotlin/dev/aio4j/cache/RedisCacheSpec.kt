package dev.aio4j.cache

import com.fasterxml.jackson.databind.ObjectMapper
import dev.aio4j.coroutines.cache.AsyncCache
import dev.aio4j.redis.RedisTestSupport
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.longs.shouldBeInRange
import io.kotest.matchers.shouldBe
import io.lettuce.core.RedisClient
import kotlinx.coroutines.async
import kotlinx.coroutines.awaitAll
import kotlinx.coroutines.delay
import java.time.Duration as JavaDuration
import kotlin.time.Duration.Companion.milliseconds
import kotlin.time.Duration.Companion.seconds

/** The Redis backend of AsyncCache against a real Redis (skipped, saying why, when none answers). */
class RedisCacheSpec : FunSpec({
    val on = { _: io.kotest.core.test.TestCase -> RedisTestSupport.available }
    val mapper = ObjectMapper()
    val mapType = mapper.typeFactory.constructMapType(Map::class.java, String::class.java, Any::class.java)

    afterSpec { RedisTestSupport.cleanUp() }

    // One plain connection for the whole spec, opened up front (a client's start-up is slow on a loaded
    // machine and must not fall inside a TTL window), to check what the cache wrote.
    val rawClient by lazy { RedisClient.create(RedisTestSupport.url) }
    val rawConnection by lazy { rawClient.connect() }
    afterSpec { if (RedisTestSupport.available) { rawConnection.close(); rawClient.shutdown(JavaDuration.ZERO, JavaDuration.ofSeconds(2)) } }

    fun raw(block: (io.lettuce.core.api.sync.RedisCommands<String, String>) -> Any?): Any? = block(rawConnection.sync())

    test("round trip of a JSON value, stored as JSON under the prefix").config(enabledIf = on) {
        val prefix = RedisTestSupport.key("cache") + ":"
        RedisTestSupport.onLoop {
            val cache = AsyncCache.redis<String, Map<String, Any?>>(mapType, RedisTestSupport.url, prefix)
            try {
                cache.get("user:1") shouldBe null
                cache.set("user:1", mapOf("name" to "Ana", "tags" to listOf("a", "b"), "age" to 31))
                cache.get("user:1") shouldBe mapOf("name" to "Ana", "tags" to listOf("a", "b"), "age" to 31)
                cache.invalidate("user:1") shouldBe true
                cache.invalidate("user:1") shouldBe false
            } finally {
                cache.close()
            }
        }
        raw { it.get(prefix + "user:1") } shouldBe null
    }

    test("ttl is set with PX and the entry expires in Redis").config(enabledIf = on) {
        val prefix = RedisTestSupport.key("ttl") + ":"
        RedisTestSupport.onLoop {
            val cache = AsyncCache.redis<String, String>(String::class.java, RedisTestSupport.url, prefix)
            raw { it.ping() }
            try {
                cache.get("warm-up") shouldBe null // connects before the TTL window
                cache.set("k", "v", 1_000.milliseconds)
                (raw { it.pttl(prefix + "k") } as Long) shouldBeInRange 1L..1_000L
                raw { it.get(prefix + "k") } shouldBe "\"v\""
                cache.get("k") shouldBe "v"
                delay(1_200.milliseconds)
                cache.get("k") shouldBe null
            } finally {
                cache.close()
            }
        }
    }

    test("invalidatePattern deletes the matching keys under the prefix only (SCAN + DEL)").config(enabledIf = on) {
        val prefix = RedisTestSupport.key("pattern") + ":"
        val outside = RedisTestSupport.key("outside-user:1")
        raw { it.set(outside, "1") }
        RedisTestSupport.onLoop {
            val cache = AsyncCache.redis<String, Int>(Int::class.javaObjectType, RedisTestSupport.url, prefix)
            try {
                for (i in 1..1200) cache.set("user:$i", i) // more than one SCAN page
                cache.set("post:1", 0)
                cache.size() shouldBe 1201L
                cache.invalidatePattern("user:*") shouldBe 1200L
                cache.get("user:7") shouldBe null
                cache.get("post:1") shouldBe 0
                cache.size() shouldBe 1L
            } finally {
                cache.close()
            }
        }
        raw { it.get(outside) } shouldBe "1"
    }

    test("single-flight over Redis: 1,000 concurrent misses compute once").config(enabledIf = on) {
        val prefix = RedisTestSupport.key("flight") + ":"
        RedisTestSupport.onLoop {
            val cache = AsyncCache.redis<String, String>(String::class.java, RedisTestSupport.url, prefix, 1.seconds * 60)
            try {
                var computed = 0
                val results = (1..1000).map {
                    async { cache.getOrCompute("k") { computed++; delay(200.milliseconds); "v" } }
                }.awaitAll()
                computed shouldBe 1
                results.toSet() shouldBe setOf("v")
                cache.get("k") shouldBe "v"
            } finally {
                cache.close()
            }
        }
    }
})

package dev.aio4j.cache

import dev.aio4j.Steps
import dev.aio4j.coroutines.cache.AsyncCache
import dev.aio4j.coroutines.sleep
import dev.aio4j.loopTime
import dev.aio4j.runVirtual
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldContainExactly
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import kotlinx.coroutines.CancellationException
import kotlinx.coroutines.async
import kotlinx.coroutines.awaitAll
import kotlinx.coroutines.delay
import kotlinx.coroutines.launch
import kotlinx.coroutines.supervisorScope
import kotlin.time.Duration
import kotlin.time.Duration.Companion.milliseconds
import kotlin.time.Duration.Companion.minutes
import kotlin.time.Duration.Companion.seconds

/** The in-memory AsyncCache on the virtual clock: TTL, single-flight, eviction, patterns, `cached`. */
class CacheSpec : FunSpec({
    test("an entry expires after its ttl on the loop's clock (virtual time)") {
        runVirtual {
            val cache = AsyncCache.inMemory<String, Int>()
            cache.set("a", 1, 10.seconds)
            cache.set("forever", 2)
            delay(9_999.milliseconds)
            cache.get("a") shouldBe 1
            delay(1.milliseconds)
            cache.get("a") shouldBe null
            delay(100.minutes)
            cache.get("forever") shouldBe 2
            loopTime() shouldBe 6010.0
        }
    }

    test("the default ttl applies when set gives none") {
        runVirtual {
            val cache = AsyncCache.inMemory<String, String>(defaultTtl = 5.seconds)
            cache.set("k", "v")
            delay(4.seconds)
            cache.get("k") shouldBe "v"
            delay(1.seconds)
            cache.get("k") shouldBe null
        }
    }

    test("1,000 concurrent misses on one key compute once (single-flight)") {
        runVirtual {
            val cache = AsyncCache.inMemory<String, Int>()
            var computed = 0
            val results = (1..1000).map {
                async {
                    cache.getOrCompute("answer", 1.minutes) {
                        computed++
                        delay(1.seconds)
                        42
                    }
                }
            }.awaitAll()
            computed shouldBe 1
            results.toSet() shouldBe setOf(42)
            loopTime() shouldBe 1.0
            cache.getOrCompute("answer") { error("must be a hit") } shouldBe 42
            delay(1.minutes)
            cache.getOrCompute("answer") { computed++; 43 } shouldBe 43
            computed shouldBe 2
        }
    }

    test("a failed computation is not cached and every waiter sees the failure") {
        runVirtual {
            val cache = AsyncCache.inMemory<String, Int>()
            var computed = 0
            val waiters = (1..10).map {
                async {
                    runCatching {
                        cache.getOrCompute("k") {
                            computed++
                            delay(1.seconds)
                            throw IllegalStateException("backend down")
                        }
                    }
                }
            }.awaitAll()
            computed shouldBe 1
            waiters.map { it.exceptionOrNull()?.message } shouldBe List(10) { "backend down" }
            cache.get("k") shouldBe null
            cache.getOrCompute("k") { computed++; 7 } shouldBe 7
            computed shouldBe 2
        }
    }

    test("a cancelled waiter does not cancel the shared computation") {
        runVirtual {
            val steps = Steps()
            val cache = AsyncCache.inMemory<String, String>()
            var computed = 0
            supervisorScope {
                val first = async {
                    cache.getOrCompute("k") {
                        computed++
                        steps.expect(1)
                        delay(2.seconds)
                        steps.expect(3)
                        "value"
                    }
                }
                val second = async { cache.getOrCompute("k") { error("second compute") } }
                delay(1.seconds)
                steps.expect(2)
                first.cancel()
                shouldThrow<CancellationException> { first.await() }
                second.await() shouldBe "value"
                steps.finish(4)
            }
            computed shouldBe 1
            cache.get("k") shouldBe "value"
        }
    }

    test("the computation is cached even when every waiter was cancelled") {
        runVirtual {
            val cache = AsyncCache.inMemory<String, String>()
            val only = launch { cache.getOrCompute("k") { delay(1.seconds); "done" } }
            delay(500.milliseconds)
            only.cancel()
            cache.get("k") shouldBe null
            delay(1.seconds)
            cache.get("k") shouldBe "done"
        }
    }

    test("a bounded cache evicts the least recently used entry") {
        runVirtual {
            val cache = AsyncCache.inMemory<String, Int>(maxSize = 2)
            cache.set("a", 1)
            cache.set("b", 2)
            cache.get("a") shouldBe 1 // a is now more recent than b
            cache.set("c", 3)
            cache.get("b") shouldBe null
            cache.get("a") shouldBe 1
            cache.get("c") shouldBe 3
            cache.size() shouldBe 2
        }
    }

    test("invalidate and invalidatePattern with Redis glob syntax") {
        runVirtual {
            val cache = AsyncCache.inMemory<String, Int>()
            for (k in listOf("user:1", "user:2", "user:10", "post:1", "user:x", "a*b")) cache.set(k, 0)
            cache.invalidate("post:1") shouldBe true
            cache.invalidate("post:1") shouldBe false
            cache.invalidatePattern("user:?") shouldBe 3 // user:1, user:2, user:x
            cache.get("user:10") shouldBe 0
            cache.invalidatePattern("user:[0-9]*") shouldBe 1
            cache.invalidatePattern("a\\*b") shouldBe 1
            cache.size() shouldBe 0
        }
    }

    test("cached wraps an async function: one computation per argument") {
        runVirtual {
            val cache = AsyncCache.inMemory<String, String>()
            val calls = ArrayList<List<Int>>()
            val expensive = cache.cached<List<Int>>("expensive", 10.minutes) { data ->
                calls += data
                sleep(2.seconds)
                "Processed: ${data.size} items"
            }
            expensive(listOf(1, 2, 3)) shouldBe "Processed: 3 items"
            loopTime() shouldBe 2.0
            expensive(listOf(1, 2, 3)) shouldBe "Processed: 3 items"
            loopTime() shouldBe 2.0
            expensive(listOf(4)) shouldBe "Processed: 1 items"
            calls shouldContainExactly listOf(listOf(1, 2, 3), listOf(4))
            cache.get("expensive:[1, 2, 3]") shouldBe "Processed: 3 items"
        }
    }

    test("bad arguments give clear errors") {
        shouldThrow<IllegalArgumentException> { AsyncCache.inMemory<String, Int>(maxSize = 0) }.message shouldContain "maxSize must be > 0, was 0"
        runVirtual {
            val cache = AsyncCache.inMemory<String, Int>()
            shouldThrow<IllegalArgumentException> { cache.set("k", 1, Duration.ZERO) }.message shouldContain "ttl must be positive"
            shouldThrow<IllegalArgumentException> { cache.set("k", 1, (-1).seconds) }.message shouldContain "-1s"
        }
    }
})

package dev.aio4j.cache

import com.fasterxml.jackson.databind.ObjectMapper
import dev.aio4j.AsyncCloseable
import dev.aio4j.Future
import dev.aio4j.coroutines.redis.defaultRedisUrl
import dev.aio4j.internal.Owner
import dev.aio4j.internal.loopCoreOrNull
import dev.aio4j.internal.runOwnedBody
import dev.aio4j.internal.startOperation
import kotlinx.coroutines.coroutineScope
import java.time.Duration
import java.util.concurrent.CompletableFuture
import java.util.concurrent.CompletionStage
import java.util.function.Function
import java.util.function.Supplier
import kotlin.time.toKotlinDuration

/**
 * An async cache with time-to-live, for Java: the seeds' `AsyncCache` — [get], [set], single-flight
 * [getOrCompute], [invalidate], [invalidatePattern] and the [cached] wrapper (the seeds'
 * `@async_cached(ttl)`). Backends: [inMemory] (the default; bounded, least recently used evicted first,
 * TTLs on the event loop's clock) and [redis] (Lettuce; values as JSON with Jackson, TTL with `PX`,
 * patterns with `SCAN` + `DEL`). The semantics live in [dev.aio4j.coroutines.cache.AsyncCache].
 *
 * Keys are identified by `toString()`. A `null` TTL means the cache's default (none unless set).
 * Single-flight: concurrent misses on one key (in this process) run the supplier once; the computation
 * runs as independent work on the loop, so cancelling one caller's future does not cancel it for the
 * others (asyncio's `shield`); a failed computation is not cached and every waiter gets its exception,
 * unwrapped. Futures complete on the event loop thread; methods must be called on it.
 *
 * ```java
 * AsyncCache<String, String> cache = AsyncCache.inMemory();
 * Function<List<Integer>, CompletableFuture<String>> expensive = cache.cached("expensive",
 *     Duration.ofMinutes(10),
 *     data -> Asyncio.sleep(Duration.ofSeconds(2), "Processed: " + data.size() + " items"));
 * expensive.apply(List.of(1, 2, 3)).thenAccept(System.out::println); // 2 s; the second call: at once
 * ```
 */
public class AsyncCache<K : Any, V> private constructor(
    private val core: dev.aio4j.coroutines.cache.AsyncCache<K, V>,
) : AsyncCloseable {
    /** The cached value of [key], or null when missing or expired. */
    public fun get(key: K): Future<V?> = Owner.current().startOperation { core.get(key) }

    /** Caches [value] under [key] for [ttl] (null: the default TTL). */
    @JvmOverloads
    public fun set(key: K, value: V, ttl: Duration? = null): Future<Void?> {
        val kttl = ttl?.toKotlinDuration() ?: core.defaultTtl
        return Owner.current().startOperation {
            core.set(key, value, kttl)
            null
        }
    }

    /**
     * The cached value of [key]; on a miss, the value of the stage [compute] returns, cached for [ttl]
     * (null: the default TTL) — once for all concurrent misses on [key].
     */
    @JvmOverloads
    public fun getOrCompute(key: K, compute: Supplier<out CompletionStage<out V>>, ttl: Duration? = null): Future<V> {
        val kttl = ttl?.toKotlinDuration() ?: core.defaultTtl
        return Owner.current().startOperation { core.getOrCompute(key, kttl) { runJava(compute) } }
    }

    /** Removes [key]; completes with whether it was cached. */
    public fun invalidate(key: K): Future<Boolean> = Owner.current().startOperation { core.invalidate(key) }

    /** Removes every key matching the Redis glob [pattern]; completes with how many were removed. */
    public fun invalidatePattern(pattern: String): Future<Long> =
        Owner.current().startOperation { core.invalidatePattern(pattern) }

    /** The number of entries held (see [dev.aio4j.coroutines.cache.AsyncCache.size]). */
    public fun size(): Future<Long> = Owner.current().startOperation { core.size() }

    /**
     * [fn] with its results cached for [ttl] (null: the default TTL) under the key `name + ":" + arg`:
     * the seeds' `@async_cached(ttl)` decorator.
     */
    public fun <A> cached(name: String, ttl: Duration?, fn: Function<A, out CompletionStage<out V>>): Function<A, CompletableFuture<V>> {
        val kttl = ttl?.toKotlinDuration() ?: core.defaultTtl
        return Function { arg ->
            Owner.current().startOperation { core.getOrComputeRaw("$name:$arg", kttl) { runJava { fn.apply(arg) } } }
        }
    }

    /** Closes the backend (the Redis connection; the in-memory backend is cleared). */
    override fun aclose(): CompletionStage<Void?> = Owner.current().startOperation {
        core.close()
        null
    }

    /** The suspend cache underneath, for Kotlin callers. */
    public fun coroutines(): dev.aio4j.coroutines.cache.AsyncCache<K, V> = core

    public companion object {
        /** An in-memory cache of at most [maxSize] entries (default 10,000) with [defaultTtl] (null: none). */
        @JvmStatic
        @JvmOverloads
        public fun <K : Any, V> inMemory(
            maxSize: Int = dev.aio4j.coroutines.cache.AsyncCache.DEFAULT_MAX_SIZE,
            defaultTtl: Duration? = null,
        ): AsyncCache<K, V> =
            AsyncCache(dev.aio4j.coroutines.cache.AsyncCache.inMemory(maxSize, defaultTtl?.toKotlinDuration()))

        /**
         * A Redis cache at [url] (null: `AIO4J_REDIS_URL`, else `redis://127.0.0.1:6379`) under key
         * [prefix] (null: `aio4j:cache:`), values JSON read back as [type]; connects on first use.
         */
        @JvmStatic
        @JvmOverloads
        public fun <K : Any, V> redis(
            type: Class<V>,
            url: String? = null,
            prefix: String? = null,
            defaultTtl: Duration? = null,
            mapper: ObjectMapper? = null,
        ): AsyncCache<K, V> = AsyncCache(
            dev.aio4j.coroutines.cache.AsyncCache.redis(
                type, url ?: defaultRedisUrl(), prefix ?: "aio4j:cache:", defaultTtl?.toKotlinDuration(), mapper ?: ObjectMapper(),
            ),
        )

        /** Runs a Java supplier in the computation's own scope (its operations are owned by it) and awaits its stage. */
        private suspend fun <V> runJava(compute: Supplier<out CompletionStage<out V>>): V = coroutineScope {
            val loop = coroutineContext.loopCoreOrNull() ?: throw Owner.noRunningLoop()
            runOwnedBody(loop.rootOwner) { compute.get() }
        }
    }
}

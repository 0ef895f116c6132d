package dev.aio4j.coroutines.cache

import com.fasterxml.jackson.databind.JavaType
import com.fasterxml.jackson.databind.ObjectMapper
import dev.aio4j.coroutines.redis.RedisLink
import dev.aio4j.coroutines.redis.awaitReply
import dev.aio4j.coroutines.redis.defaultRedisUrl
import dev.aio4j.coroutines.redis.escapeGlob
import dev.aio4j.coroutines.redis.globToRegex
import dev.aio4j.internal.loopCoreOrNull
import io.lettuce.core.ScanArgs
import io.lettuce.core.ScanCursor
import io.lettuce.core.SetArgs
import io.lettuce.core.api.StatefulRedisConnection
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.CoroutineStart
import kotlinx.coroutines.Deferred
import kotlinx.coroutines.SupervisorJob
import kotlinx.coroutines.async
import kotlinx.coroutines.currentCoroutineContext
import kotlinx.coroutines.job
import kotlinx.coroutines.Job
import kotlinx.coroutines.sync.Mutex
import kotlinx.coroutines.sync.withLock
import kotlin.time.Duration

/**
 * An async cache with time-to-live, single-flight [getOrCompute] and glob [invalidatePattern]: the seeds'
 * `AsyncCache` (aioredis + JSON), with an in-memory backend ([inMemory], the default: bounded, least
 * recently used entries evicted first, expiry on the event loop's clock so virtual time applies) and a
 * Redis backend ([redis]: values as JSON through Jackson, TTL with `PX`, pattern invalidation with
 * `SCAN` + `DEL`, never `KEYS`).
 *
 * Keys are identified by their `toString()` (the Redis key is the cache's prefix plus it; patterns match
 * it). A `null` value can be cached; [get] then returns null as for a miss, [getOrCompute] sees a hit.
 *
 * Single-flight: concurrent [getOrCompute] misses on one key (in this process) run one computation and
 * all get its result. The computation runs as independent work on the loop (asyncio's
 * `shield(create_task(compute()))`): a cancelled waiter stops waiting, and the computation goes on for
 * the others and is cached even if every waiter was cancelled. A failed computation is not cached: every
 * waiter gets its exception and the next call computes again. Across processes (Redis) misses are not
 * coordinated: each process computes once.
 *
 * ```kotlin
 * val cache = AsyncCache.inMemory<String, Int>(maxSize = 1_000)
 * val n = cache.getOrCompute("answer", ttl = 10.minutes) { slowAnswer() }
 * ```
 */
public class AsyncCache<K : Any, V> internal constructor(
    private val store: CacheStore<V>,
    /** The time-to-live of entries set without one; null = they never expire. */
    public val defaultTtl: Duration?,
) {
    private val inflight = HashMap<String, Deferred<V>>() // Guarded by itself.

    init {
        defaultTtl?.let { checkTtl(it) }
    }

    /** The cached value of [key], or null when it is missing or expired. */
    public suspend fun get(key: K): V? {
        val v = store.lookup(key.toString())
        @Suppress("UNCHECKED_CAST")
        return if (v === MISS) null else v as V
    }

    /** Caches [value] under [key] for [ttl] (null: [defaultTtl]), replacing what was there. */
    public suspend fun set(key: K, value: V, ttl: Duration? = defaultTtl) {
        ttl?.let { checkTtl(it) }
        store.store(key.toString(), value, ttl)
    }

    /**
     * The cached value of [key]; on a miss, computes it with [compute], caches it for [ttl] (null:
     * [defaultTtl]) and returns it — once for all concurrent misses on [key] (see the class doc for
     * failures and cancellation).
     */
    public suspend fun getOrCompute(key: K, ttl: Duration? = defaultTtl, compute: suspend () -> V): V {
        ttl?.let { checkTtl(it) }
        return getOrComputeRaw(key.toString(), ttl, compute)
    }

    internal suspend fun getOrComputeRaw(k: String, ttl: Duration?, compute: suspend () -> V): V {
        val hit = store.lookup(k)
        @Suppress("UNCHECKED_CAST")
        if (hit !== MISS) return hit as V
        val context = currentCoroutineContext()
        var started: Deferred<V>? = null
        val flight = synchronized(inflight) {
            inflight[k] ?: run {
                val core = context.loopCoreOrNull()
                // Independent work (not the caller's child): on an aio4j loop, a child of the loop's root.
                val scope = if (core != null) {
                    CoroutineScope(core.baseContext + SupervisorJob(core.rootJob))
                } else {
                    CoroutineScope(context.minusKey(Job) + SupervisorJob())
                }
                scope.async(start = CoroutineStart.LAZY) {
                    try {
                        val value = compute()
                        store.store(k, value, ttl)
                        value
                    } finally {
                        val self = coroutineContext.job
                        synchronized(inflight) { if (inflight[k] === self) inflight.remove(k) }
                    }
                }.also {
                    inflight[k] = it
                    started = it
                }
            }
        }
        started?.start()
        return flight.await()
    }

    /** Removes [key]; true if it was cached. */
    public suspend fun invalidate(key: K): Boolean = store.remove(key.toString())

    /**
     * Removes every key matching the Redis glob [pattern] (`*`, `?`, `[abc]`, `[^a]`, `[a-z]`, `\x`);
     * returns how many were removed. The Redis backend scans with `SCAN MATCH` in batches (not `KEYS`, which
     * blocks the server), so keys written meanwhile may or may not be removed.
     */
    public suspend fun invalidatePattern(pattern: String): Long = store.removeMatching(pattern)

    /**
     * [fn] with its results cached: the seeds' `@async_cached(ttl)` decorator. The key of an argument `a`
     * is `"$name:$a"`; concurrent calls with one argument compute once.
     *
     * ```kotlin
     * val expensive = cache.cached("expensive", 10.minutes) { data: List<Int> -> delay(2000); "Processed: ${data.size} items" }
     * ```
     */
    public fun <A> cached(name: String, ttl: Duration? = defaultTtl, fn: suspend (A) -> V): suspend (A) -> V {
        ttl?.let { checkTtl(it) }
        return { arg -> getOrComputeRaw("$name:$arg", ttl) { fn(arg) } }
    }

    /** The number of entries held (in-memory: live and not yet purged expired ones; Redis: keys under the prefix). */
    public suspend fun size(): Long = store.size()

    /** Releases the backend (the Redis connection); the in-memory backend just clears. */
    public suspend fun close(): Unit = store.close()

    public companion object {
        /** The default bound of the in-memory backend: 10,000 entries. */
        public const val DEFAULT_MAX_SIZE: Int = 10_000

        /**
         * A cache in this process's memory holding at most [maxSize] entries (the least recently used one
         * is evicted first); TTLs run on the current event loop's clock (virtual time included).
         */
        public fun <K : Any, V> inMemory(maxSize: Int = DEFAULT_MAX_SIZE, defaultTtl: Duration? = null): AsyncCache<K, V> {
            require(maxSize > 0) { "maxSize must be > 0, was $maxSize" }
            return AsyncCache(MemoryStore(maxSize), defaultTtl)
        }

        /**
         * A cache in Redis at [url] (default: `AIO4J_REDIS_URL`, else `redis://127.0.0.1:6379`): keys are
         * [prefix] + key, values JSON read back as [type] with [mapper]. Connects on first use.
         */
        public fun <K : Any, V> redis(
            type: JavaType,
            url: String = defaultRedisUrl(),
            prefix: String = "aio4j:cache:",
            defaultTtl: Duration? = null,
            mapper: ObjectMapper = ObjectMapper(),
        ): AsyncCache<K, V> = AsyncCache(RedisStore(url, prefix, type, mapper), defaultTtl)

        /** [redis] for values of class [type]. */
        public fun <K : Any, V> redis(
            type: Class<V>,
            url: String = defaultRedisUrl(),
            prefix: String = "aio4j:cache:",
            defaultTtl: Duration? = null,
            mapper: ObjectMapper = ObjectMapper(),
        ): AsyncCache<K, V> = redis(mapper.constructType(type), url, prefix, defaultTtl, mapper)

        internal fun checkTtl(ttl: Duration) {
            require(ttl.isPositive() && ttl.isFinite()) { "ttl must be positive and finite (null = no expiry), was $ttl" }
        }
    }
}

/** The miss marker of [CacheStore.lookup]. */
internal val MISS = Any()

/** A cache backend; values typed by the [AsyncCache] using it. */
internal interface CacheStore<V> {
    /** The value, or [MISS]. */
    suspend fun lookup(key: String): Any?
    suspend fun store(key: String, value: V, ttl: Duration?)
    suspend fun remove(key: String): Boolean
    suspend fun removeMatching(glob: String): Long
    suspend fun size(): Long
    suspend fun close()
}

private suspend fun loopNanos(): Long = currentCoroutineContext().loopCoreOrNull()?.now() ?: System.nanoTime()

/** The in-memory backend: an access-ordered map (LRU eviction) with expiry times on the loop's clock. */
internal class MemoryStore<V>(private val maxSize: Int) : CacheStore<V> {
    private class Entry(val value: Any?, val expiresAt: Long) // Long.MAX_VALUE: never.

    private val map = LinkedHashMap<String, Entry>(16, 0.75f, true) // Guarded by itself.

    override suspend fun lookup(key: String): Any? {
        val now = loopNanos()
        synchronized(map) {
            val e = map[key] ?: return MISS
            if (e.expiresAt - now <= 0) {
                map.remove(key)
                return MISS
            }
            return e.value
        }
    }

    override suspend fun store(key: String, value: V, ttl: Duration?) {
        val now = loopNanos()
        val expiresAt = if (ttl == null) Long.MAX_VALUE else now + ttl.inWholeNanoseconds
        synchronized(map) {
            map[key] = Entry(value, expiresAt)
            if (map.size > maxSize) {
                map.values.removeIf { it.expiresAt - now <= 0 } // expired entries go before live ones
                val it = map.entries.iterator()
                while (map.size > maxSize && it.hasNext()) {
                    it.next()
                    it.remove()
                }
            }
        }
    }

    override suspend fun remove(key: String): Boolean {
        val now = loopNanos()
        return synchronized(map) { map.remove(key)?.let { it.expiresAt - now > 0 } ?: false }
    }

    override suspend fun removeMatching(glob: String): Long {
        val regex = globToRegex(glob)
        val now = loopNanos()
        var n = 0L
        synchronized(map) {
            val it = map.entries.iterator()
            while (it.hasNext()) {
                val e = it.next()
                if (regex.matches(e.key)) {
                    if (e.value.expiresAt - now > 0) n++
                    it.remove()
                }
            }
        }
        return n
    }

    override suspend fun size(): Long = synchronized(map) { map.size.toLong() }

    override suspend fun close() {
        synchronized(map) { map.clear() }
    }
}

/** The Redis backend: `GET`/`SET PX`/`DEL`/`SCAN MATCH`, values as JSON. */
internal class RedisStore<V>(
    url: String,
    private val prefix: String,
    private val type: JavaType,
    private val mapper: ObjectMapper,
) : CacheStore<V> {
    private val link = RedisLink(url)
    private val opening = Mutex()
    @Volatile private var connection: StatefulRedisConnection<String, String>? = null
    @Volatile private var closed = false

    private suspend fun commands() = (connection ?: opening.withLock {
        check(!closed) { "the cache is closed" }
        connection ?: link.connect().also { connection = it }
    }).async()

    override suspend fun lookup(key: String): Any? {
        val json = commands().get(prefix + key).awaitReply() ?: return MISS
        return mapper.readValue<Any?>(json, type)
    }

    override suspend fun store(key: String, value: V, ttl: Duration?) {
        val json = mapper.writeValueAsString(value)
        val cmds = commands()
        if (ttl == null) {
            cmds.set(prefix + key, json).awaitReply()
        } else {
            cmds.set(prefix + key, json, SetArgs.Builder.px(maxOf(1L, ttl.inWholeMilliseconds))).awaitReply()
        }
    }

    override suspend fun remove(key: String): Boolean = commands().del(prefix + key).awaitReply() > 0

    override suspend fun removeMatching(glob: String): Long = scan(escapeGlob(prefix) + glob, delete = true)

    override suspend fun size(): Long = scan(escapeGlob(prefix) + "*", delete = false)

    private suspend fun scan(match: String, delete: Boolean): Long {
        val cmds = commands()
        val args = ScanArgs.Builder.matches(match).limit(500)
        var cursor: ScanCursor = ScanCursor.INITIAL
        var n = 0L
        do {
            val page = cmds.scan(cursor, args).awaitReply()
            if (page.keys.isNotEmpty()) {
                n += if (delete) cmds.del(*page.keys.toTypedArray()).awaitReply() else page.keys.size.toLong()
            }
            cursor = page
        } while (!page.isFinished)
        return n
    }

    override suspend fun close() {
        opening.withLock {
            if (closed) return
            closed = true
            connection?.closeAsync()?.awaitReply()
            link.close()
        }
    }
}

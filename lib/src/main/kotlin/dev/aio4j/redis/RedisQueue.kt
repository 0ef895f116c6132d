package dev.aio4j.redis

import com.fasterxml.jackson.databind.ObjectMapper
import dev.aio4j.AsyncCloseable
import dev.aio4j.AsyncQueue
import dev.aio4j.Future
import dev.aio4j.coroutines.redis.defaultRedisUrl
import dev.aio4j.internal.HiddenFromJava
import dev.aio4j.internal.Owner
import dev.aio4j.internal.startOperation
import java.time.Duration
import java.util.concurrent.CompletionStage
import kotlin.time.toKotlinDuration
import kotlinx.coroutines.future.await

/**
 * asyncio's `Queue` across processes and machines, for Java: a Redis stream with a consumer group
 * ([dev.aio4j.coroutines.redis.RedisQueue] holds the semantics). It is an [AsyncQueue], so a
 * producer–consumer program written against that interface runs unchanged on an in-process
 * [dev.aio4j.Queue] or on this one.
 *
 * Like Python's `asyncio.Queue`, with these deviations: delivery is at least once (an item taken by a
 * consumer that dies before [taskDone] goes to another consumer after the visibility timeout, 30 s by
 * default); [taskDone] acknowledges the oldest item *this instance* took; [qsize] counts undelivered
 * items and is a future (it asks Redis); [put] and [join] wait by re-checking every poll interval.
 *
 * Threads: waiting methods must be called on an event loop thread; their futures complete on it.
 * Cancelling a [get] never loses an item (a reply that still comes is kept for this instance's next
 * [get]); cancelling a [put] while it waits for room puts nothing. [taskDone] sends the `XACK` and
 * returns at once; [join] of this instance waits for its acknowledgements; a failed acknowledgement
 * leaves the item pending, to be redelivered. Errors are never wrapped (Lettuce's `RedisException`s,
 * `IllegalArgumentException` for too many [taskDone] calls).
 *
 * ```java
 * RedisQueue<String> jobs = RedisQueue.builder("jobs", String.class).maxsize(100).build();
 * Asyncio.using(jobs, q -> q.put("resize:42").thenCompose(v -> q.get()).thenAccept(job -> {
 *     System.out.println(job);
 *     q.taskDone();
 * }));
 * ```
 */
public class RedisQueue<T> private constructor(builder: Builder<T>) : AsyncQueue<T>, AsyncCloseable {
    private val core = dev.aio4j.coroutines.redis.RedisQueue<T>(
        builder.name, builder.mapper.constructType(builder.type), builder.url, builder.maxsize, builder.group,
        builder.consumer ?: dev.aio4j.coroutines.redis.RedisQueue.defaultConsumerName(),
        builder.visibilityTimeout.toKotlinDuration(), builder.pollInterval.toKotlinDuration(), builder.mapper,
    )

    /** Puts [item] (`XADD`), waiting while [maxsize] items are undelivered. */
    override fun put(item: T): Future<Void?> {
        val owner = Owner.current()
        return owner.startOperation {
            core.put(item)
            null
        }
    }

    /** Takes the next item (`XAUTOCLAIM` of a stale one, else `XREADGROUP`), waiting for one. */
    override fun get(): Future<T> = Owner.current().startOperation { core.get() }

    /**
     * Acknowledges the oldest item this instance's [get] returned (`XACK` + `XDEL`), without waiting for
     * the reply. `IllegalArgumentException("task_done() called too many times")` if there is none.
     */
    override fun taskDone() {
        core.taskDoneAsync()
    }

    /** [taskDone], completing with whether this acknowledgement was the first for the item. */
    public fun taskDoneAcked(): Future<Boolean> {
        val owner = Owner.current()
        val ack = core.taskDoneAsync()
        return owner.startOperation { ack.await() }
    }

    /** Completes once no item is undelivered or pending in the stream. */
    override fun join(): Future<Void?> = Owner.current().startOperation {
        core.join()
        null
    }

    /** The number of undelivered items. */
    public fun qsize(): Future<Long> = Owner.current().startOperation { core.qsize() }

    /** Whether no item is undelivered. */
    public fun empty(): Future<Boolean> = Owner.current().startOperation { core.empty() }

    /** The most undelivered items (0 = unbounded). */
    public fun maxsize(): Int = core.maxsize

    /** The stream's key. */
    public fun name(): String = core.name

    /** This instance's consumer name. */
    public fun consumer(): String = core.consumer

    /** Deletes the stream, its group and its items from Redis. */
    public fun destroy(): Future<Void?> = Owner.current().startOperation {
        core.destroy()
        null
    }

    /** Closes the connections; items taken and not done become claimable by other consumers at once. */
    override fun aclose(): CompletionStage<Void?> = Owner.current().startOperation {
        core.close()
        null
    }

    /** The suspend queue underneath, for Kotlin callers. */
    public fun coroutines(): dev.aio4j.coroutines.redis.RedisQueue<T> = core

    override fun toString(): String = core.toString()

    /** Settings of a new [RedisQueue]; each setter returns this builder. */
    public class Builder<T> internal constructor(
        @get:JvmSynthetic internal val name: String,
        @get:JvmSynthetic internal val type: Class<T>,
        hidden: HiddenFromJava = HiddenFromJava.TOKEN,
    ) {
        @get:JvmSynthetic @set:JvmSynthetic internal var url: String = defaultRedisUrl()
        @get:JvmSynthetic @set:JvmSynthetic internal var maxsize: Int = 0
        @get:JvmSynthetic @set:JvmSynthetic internal var group: String = "aio4j"
        @get:JvmSynthetic @set:JvmSynthetic internal var consumer: String? = null
        @get:JvmSynthetic @set:JvmSynthetic internal var visibilityTimeout: Duration = Duration.ofSeconds(30)
        @get:JvmSynthetic @set:JvmSynthetic internal var pollInterval: Duration = Duration.ofMillis(50)
        @get:JvmSynthetic @set:JvmSynthetic internal var mapper: ObjectMapper = ObjectMapper()

        /** The server (default: `AIO4J_REDIS_URL`, else `redis://127.0.0.1:6379`). */
        public fun url(url: String): Builder<T> = apply { this.url = url }

        /** At most [maxsize] undelivered items (0, the default: unbounded). */
        public fun maxsize(maxsize: Int): Builder<T> = apply {
            require(maxsize >= 0) { "maxsize must be >= 0, was $maxsize" }
            this.maxsize = maxsize
        }

        /** The consumer group (default `aio4j`). */
        public fun group(group: String): Builder<T> = apply { this.group = group }

        /** This instance's consumer name (default: host-pid-random, unique). */
        public fun consumer(consumer: String): Builder<T> = apply { this.consumer = consumer }

        /** How long an item stays pending before another consumer may claim it (default 30 s). */
        public fun visibilityTimeout(timeout: Duration): Builder<T> = apply {
            require(!timeout.isNegative && !timeout.isZero) { "visibilityTimeout must be positive, was $timeout" }
            visibilityTimeout = timeout
        }

        /** How often waiting puts and joins re-check (default 50 ms). */
        public fun pollInterval(interval: Duration): Builder<T> = apply {
            require(!interval.isNegative && !interval.isZero) { "pollInterval must be positive, was $interval" }
            pollInterval = interval
        }

        /** The Jackson mapper for the items' JSON. */
        public fun objectMapper(mapper: ObjectMapper): Builder<T> = apply { this.mapper = mapper }

        /** The queue; it connects on first use (needs no event loop until then). */
        public fun build(): RedisQueue<T> = RedisQueue(this)
    }

    public companion object {
        /** A builder of a queue on the stream [name], of items of class [type]. */
        @JvmStatic
        public fun <T> builder(name: String, type: Class<T>): Builder<T> = Builder(name, type)

        /** A queue on the stream [name] with the default settings. */
        @JvmStatic
        public fun <T> create(name: String, type: Class<T>): RedisQueue<T> = builder(name, type).build()
    }
}

package dev.aio4j.coroutines.redis

import com.fasterxml.jackson.databind.JavaType
import com.fasterxml.jackson.databind.ObjectMapper
import io.lettuce.core.Consumer
import io.lettuce.core.RedisBusyException
import io.lettuce.core.ScriptOutputType
import io.lettuce.core.StreamMessage
import io.lettuce.core.XAutoClaimArgs
import io.lettuce.core.XClaimArgs
import io.lettuce.core.XGroupCreateArgs
import io.lettuce.core.XReadArgs
import io.lettuce.core.api.StatefulRedisConnection
import io.lettuce.core.api.async.RedisAsyncCommands
import kotlinx.coroutines.CancellationException
import kotlinx.coroutines.delay
import kotlinx.coroutines.future.await
import kotlinx.coroutines.sync.Mutex
import kotlinx.coroutines.sync.withLock
import java.lang.management.ManagementFactory
import java.util.UUID
import java.util.concurrent.CompletableFuture
import java.util.concurrent.ConcurrentHashMap
import java.util.concurrent.ConcurrentLinkedDeque
import kotlin.time.Duration
import kotlin.time.Duration.Companion.milliseconds
import kotlin.time.Duration.Companion.seconds

/**
 * asyncio's `Queue` contract across processes and machines, over a Redis stream and its consumer group:
 * [put] is `XADD`, [get] is `XREADGROUP`, [taskDone] is `XACK`, [join] waits until no entry is
 * undelivered or pending. Every process opening a queue of the same [name] (and [group]) shares it; each
 * instance is one consumer of the group ([consumer], unique by default).
 *
 * Delivery is at least once: an item taken by a consumer that dies (or closes, or takes longer than
 * [visibilityTimeout]) before its [taskDone] is handed to another consumer's [get] once it has been
 * pending for [visibilityTimeout] (`XAUTOCLAIM`). So a slow consumer may see its item processed twice;
 * its [taskDone] then returns false. Acknowledged entries are deleted from the stream (`XACK` + `XDEL` in
 * one script), so the stream holds exactly the unfinished items.
 *
 * Size: [qsize] is the number of *undelivered* items (`XLEN` minus the group's pending count), as
 * asyncio's `qsize` counts items not yet taken; [maxsize] (0 = unbounded) bounds it: [put] checks and adds
 * in one Lua script and, while full, re-checks every [pollInterval]. [join] returns when `XLEN` is 0
 * (nothing undelivered and nothing pending), re-checking every [pollInterval].
 *
 * [taskDone] acknowledges the oldest item this instance's [get] returned and not yet marked done (asyncio
 * counts anonymously; here an `XACK` needs an id): with several tasks sharing one instance, mark items
 * done in the order they were taken. `IllegalArgumentException("task_done() called too many times")` if
 * this instance has no such item (asyncio's `ValueError`).
 *
 * Cancellation: a [get] cancelled while waiting never swallows an item. Its `XREADGROUP` (on a connection
 * of its own) is not cancelled on the wire: if it still returns an item, that item (already pending for
 * this consumer) is handed back to the next [get] of this instance; [close] makes such items claimable by
 * other consumers at once. A [put] cancelled while waiting for room puts nothing; one cancelled while its
 * `XADD` is on the wire may or may not have put the item (as any network write).
 *
 * Items are JSON (Jackson) in the entry's field `v`, read back as [type].
 *
 * ```kotlin
 * val queue = RedisQueue("jobs", String::class.java, maxsize = 100)
 * launch { while (true) { val job = queue.get(); run(job); queue.taskDone() } }
 * jobs.forEach { queue.put(it) }
 * queue.join()
 * ```
 */
public class RedisQueue<T>(
    /** The stream's key. */
    public val name: String,
    private val type: JavaType,
    url: String = defaultRedisUrl(),
    /** The most undelivered items; 0 (the default) means unbounded. */
    public val maxsize: Int = 0,
    /** The consumer group shared by the consumers of this queue. */
    public val group: String = "aio4j",
    /** This instance's consumer name within [group]; unique per instance by default. */
    public val consumer: String = defaultConsumerName(),
    /** How long an item may stay pending (taken, not done) before another consumer may claim it. */
    public val visibilityTimeout: Duration = 30.seconds,
    /** How often a waiting [put] or [join] re-checks, and the longest single blocking `XREADGROUP`. */
    public val pollInterval: Duration = 50.milliseconds,
    private val mapper: ObjectMapper = ObjectMapper(),
) {
    /** A queue of items of class [type]; see the primary constructor. */
    public constructor(
        name: String,
        type: Class<T>,
        url: String = defaultRedisUrl(),
        maxsize: Int = 0,
        group: String = "aio4j",
        consumer: String = defaultConsumerName(),
        visibilityTimeout: Duration = 30.seconds,
        pollInterval: Duration = 50.milliseconds,
        mapper: ObjectMapper = ObjectMapper(),
    ) : this(name, mapper.constructType(type), url, maxsize, group, consumer, visibilityTimeout, pollInterval, mapper)

    init {
        require(name.isNotEmpty()) { "name must not be empty" }
        require(maxsize >= 0) { "maxsize must be >= 0, was $maxsize" }
        require(visibilityTimeout.isPositive()) { "visibilityTimeout must be positive, was $visibilityTimeout" }
        require(pollInterval.isPositive()) { "pollInterval must be positive, was $pollInterval" }
    }

    private val link = RedisLink(url)
    private val opening = Mutex()
    @Volatile private var commandLink: StatefulRedisConnection<String, String>? = null
    @Volatile private var readLink: StatefulRedisConnection<String, String>? = null
    @Volatile private var closed = false
    private val readTurn = Mutex() // one XREADGROUP/XAUTOCLAIM at a time; released when its reply is in
    private val handedBack = ConcurrentLinkedDeque<StreamMessage<String, String>>()
    private val taken = ConcurrentLinkedDeque<String>() // ids returned by get, not yet done, oldest first
    private val acking = ConcurrentHashMap.newKeySet<CompletableFuture<*>>()
    private val me = Consumer.from(group, consumer)
    private val blockMillis = maxOf(1L, minOf(pollInterval.inWholeMilliseconds * 10, visibilityTimeout.inWholeMilliseconds, 1000L))

    private suspend fun commands(): RedisAsyncCommands<String, String> = (commandLink ?: open().first).async()

    private suspend fun open(): Pair<StatefulRedisConnection<String, String>, StatefulRedisConnection<String, String>> =
        opening.withLock {
            check(!closed) { "the queue '$name' is closed" }
            commandLink?.let { return@withLock it to readLink!! }
            val cmd = link.connect()
            val read = link.connect()
            try {
                cmd.async().xgroupCreate(XReadArgs.StreamOffset.from(name, "0"), group, XGroupCreateArgs.Builder.mkstream()).awaitReply()
            } catch (e: RedisBusyException) {
                // BUSYGROUP: another instance created it.
            }
            readLink = read
            commandLink = cmd
            cmd to read
        }

    /**
     * Puts [item] (`XADD`): at once if there is room, else waits (re-checking every [pollInterval]) until
     * fewer than [maxsize] items are undelivered.
     */
    public suspend fun put(item: T) {
        val payload = mapper.writeValueAsString(item)
        val cmds = commands()
        while (true) {
            val id = cmds.eval<String?>(PUT_SCRIPT, ScriptOutputType.VALUE, arrayOf(name), group, maxsize.toString(), payload).await()
            if (id != null) return
            delay(pollInterval)
        }
    }

    /**
     * Takes the next item: one handed back by a cancelled [get] of this instance, else one pending longer
     * than [visibilityTimeout] for another consumer (`XAUTOCLAIM`), else a new one (`XREADGROUP`, waiting
     * for it). Never swallows an item when cancelled (see the class doc).
     */
    public suspend fun get(): T {
        handedBack.pollFirst()?.let { return take(it) }
        val read = readLinkOpen()
        readTurn.lock()
        var unlock = true
        try {
            while (true) {
                handedBack.pollFirst()?.let { return take(it) }
                val claim = commands().xautoclaim(
                    name,
                    XAutoClaimArgs<String>().consumer(me).minIdleTime(visibilityTimeout.inWholeMilliseconds).startId("0-0").count(1),
                ).toCompletableFuture()
                val claimed = try {
                    claim.awaitReply().messages
                } catch (e: CancellationException) {
                    unlock = false
                    claim.whenComplete { r, _ -> r?.messages?.let(handedBack::addAll); readTurn.unlock() }
                    throw e
                }
                claimed.firstOrNull()?.let { return take(it) }
                val fetch = read.async().xreadgroup(
                    me,
                    XReadArgs.Builder.block(blockMillis).count(1),
                    XReadArgs.StreamOffset.lastConsumed(name),
                ).toCompletableFuture()
                val fetched = try {
                    fetch.awaitReply()
                } catch (e: CancellationException) {
                    unlock = false
                    fetch.whenComplete { r, _ -> r?.let(handedBack::addAll); readTurn.unlock() }
                    throw e
                }
                fetched?.firstOrNull()?.let { return take(it) }
            }
        } finally {
            if (unlock) readTurn.unlock()
        }
    }

    private suspend fun readLinkOpen() = readLink ?: open().second

    private fun take(message: StreamMessage<String, String>): T {
        taken.addLast(message.id)
        @Suppress("UNCHECKED_CAST")
        return mapper.readValue<Any?>(message.body["v"] ?: "null", type) as T
    }

    /**
     * Marks the oldest item this instance's [get] returned as done (`XACK`, then `XDEL`); returns true if
     * this acknowledged it, false if another consumer that had claimed it (after [visibilityTimeout])
     * acknowledged it first. The acknowledgement is sent even if the caller is cancelled meanwhile.
     */
    public suspend fun taskDone(): Boolean = taskDoneAsync().await()

    /** [taskDone] without waiting for the reply; [join] of this instance waits for it. */
    public fun taskDoneAsync(): CompletableFuture<Boolean> {
        val id = taken.pollFirst() ?: throw IllegalArgumentException("task_done() called too many times")
        val cmds = commandLink!!.async() // open: get returned an item
        val ack = cmds.eval<Long>(ACK_SCRIPT, ScriptOutputType.INTEGER, arrayOf(name), group, id)
            .toCompletableFuture().thenApply { it == 1L }
        acking += ack
        ack.whenComplete { _, _ -> acking -= ack }
        return ack.thenApply { it }
    }

    /** Waits until no item is undelivered or pending (the stream is empty), re-checking every [pollInterval]. */
    public suspend fun join() {
        for (ack in acking.toList()) runCatching { ack.await() }
        val cmds = commands()
        while (cmds.xlen(name).awaitReply() > 0) delay(pollInterval)
    }

    /** The number of undelivered items (`XLEN` minus the group's pending count, read atomically). */
    public suspend fun qsize(): Long = commands().eval<Long>(SIZE_SCRIPT, ScriptOutputType.INTEGER, arrayOf(name), group).await()

    /** Whether no item is undelivered. */
    public suspend fun empty(): Boolean = qsize() == 0L

    /** Whether [maxsize] items are undelivered (never for an unbounded queue). */
    public suspend fun full(): Boolean = maxsize > 0 && qsize() >= maxsize

    /** Items taken by this instance's [get] and not yet marked done. */
    public fun unfinishedHere(): Int = taken.size

    /**
     * Closes this instance's connections. Items it took and did not mark done, and items handed back by
     * cancelled gets, are made claimable by other consumers at once (`XCLAIM … IDLE`). The stream and the
     * group stay in Redis ([destroy] removes them). Idempotent.
     */
    public suspend fun close() {
        opening.withLock {
            if (closed) return
            closed = true
            val cmd = commandLink
            if (cmd != null) {
                for (ack in acking.toList()) runCatching { ack.await() }
                val ids = (taken.toList() + handedBack.map { it.id }).distinct()
                taken.clear()
                handedBack.clear()
                if (ids.isNotEmpty()) {
                    runCatching {
                        cmd.async().xclaim(name, me, XClaimArgs().justid().idle(visibilityTimeout.inWholeMilliseconds + 1), *ids.toTypedArray()).awaitReply()
                    }
                }
                cmd.closeAsync().awaitReply()
                readLink?.closeAsync()?.awaitReply()
            }
            link.close()
        }
    }

    /** Deletes the stream (with its group and every item) from Redis. */
    public suspend fun destroy() {
        commands().del(name).awaitReply()
    }

    override fun toString(): String = "<RedisQueue $name group=$group consumer=$consumer maxsize=$maxsize>"

    public companion object {
        /** `host-pid-random`: unique per instance. */
        public fun defaultConsumerName(): String {
            val host = runCatching { java.net.InetAddress.getLocalHost().hostName }.getOrDefault("host")
            return "$host-${ProcessHandle.current().pid()}-${UUID.randomUUID().toString().substring(0, 8)}"
        }

        private const val PUT_SCRIPT = """
            local max = tonumber(ARGV[2])
            if max > 0 then
              local undelivered = redis.call('XLEN', KEYS[1]) - redis.call('XPENDING', KEYS[1], ARGV[1])[1]
              if undelivered >= max then return false end
            end
            return redis.call('XADD', KEYS[1], '*', 'v', ARGV[3])
        """

        private const val ACK_SCRIPT = """
            local n = redis.call('XACK', KEYS[1], ARGV[1], ARGV[2])
            if n == 1 then redis.call('XDEL', KEYS[1], ARGV[2]) end
            return n
        """

        private const val SIZE_SCRIPT = """
            return redis.call('XLEN', KEYS[1]) - redis.call('XPENDING', KEYS[1], ARGV[1])[1]
        """
    }
}

package dev.aio4j.redis

import dev.aio4j.coroutines.redis.RedisQueue
import dev.aio4j.coroutines.runEventLoop
import io.lettuce.core.RedisClient
import kotlinx.coroutines.delay
import kotlinx.coroutines.future.await
import kotlin.system.exitProcess
import kotlin.time.Duration.Companion.milliseconds
import kotlin.time.Duration.Companion.seconds

/**
 * A producer or consumer JVM for [RedisQueueMultiProcessSpec]:
 * `producer URL STREAM LOG COUNT` puts COUNT items (maxsize 5) and exits 0 once `join` returns;
 * `consumer URL STREAM LOG NAME HANG_AT` processes items forever, logging `start:NAME:item` before and
 * `done:NAME:item` after each one to the Redis list LOG, and `ack:item` when its `taskDone` was the
 * acknowledgement (`dup:item` when another consumer acknowledged it first); with HANG_AT > 0 it hangs in
 * the middle of its HANG_AT-th item (the test kills it there).
 */
object QueueWorkerMain {
    @JvmStatic
    fun main(args: Array<String>) {
        val (role, url, stream, log) = args
        val client = RedisClient.create(url)
        val logLink = client.connect()
        try {
            runEventLoop {
                val queue = RedisQueue(
                    stream, String::class.java, url, maxsize = 5,
                    consumer = if (role == "consumer") args[4] else RedisQueue.defaultConsumerName(),
                    visibilityTimeout = 1.seconds, pollInterval = 20.milliseconds,
                )
                val logCmds = logLink.async()
                if (role == "producer") {
                    for (i in 1..args[4].toInt()) queue.put("item-$i")
                    queue.join()
                    logCmds.rpush(log, "producer:joined").await()
                } else {
                    val name = args[4]
                    val hangAt = args[5].toInt()
                    var n = 0
                    while (true) {
                        val item = queue.get()
                        n++
                        logCmds.rpush(log, "start:$name:$item").await()
                        if (n == hangAt) delay(1_000.seconds) // killed here, mid-item
                        delay(20.milliseconds)
                        logCmds.rpush(log, "done:$name:$item").await()
                        val first = queue.taskDone()
                        logCmds.rpush(log, (if (first) "ack:" else "dup:") + item).await()
                    }
                }
                queue.close()
            }
        } finally {
            logLink.close()
            client.shutdown()
        }
        exitProcess(0)
    }
}

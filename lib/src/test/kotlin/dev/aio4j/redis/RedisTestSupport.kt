package dev.aio4j.redis

import io.lettuce.core.RedisClient
import io.lettuce.core.RedisURI
import dev.aio4j.coroutines.runEventLoop
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.withTimeout
import java.time.Duration
import kotlin.time.Duration.Companion.seconds

/**
 * The Redis the specs use: `AIO4J_REDIS_URL`, else 127.0.0.1:6379 (which `ensure-redis.sh` installs and
 * starts in `mvn verify` when run as root). When none answers, the Redis specs are skipped and say why.
 * Keys of one test run share [prefix], so parallel or repeated runs never collide.
 */
object RedisTestSupport {
    val url: String = System.getenv("AIO4J_REDIS_URL")?.takeIf { it.isNotBlank() } ?: "redis://127.0.0.1:6379"

    val prefix: String = "aio4j-test:${ProcessHandle.current().pid()}-${System.currentTimeMillis()}:"

    private var counter = 0

    /** A fresh key under this run's prefix. */
    @Synchronized
    fun key(name: String): String = "$prefix$name-${++counter}"

    /** Why the Redis specs cannot run, or null when Redis answers. */
    val skipReason: String? by lazy {
        val client = RedisClient.create()
        try {
            val uri = RedisURI.create(url).apply { timeout = Duration.ofSeconds(20) } // generous: a loaded machine starts Netty slowly
            client.connect(uri).use { it.sync().ping() }
            null
        } catch (e: Exception) {
            "no Redis answers at $url (${e.javaClass.simpleName}: ${e.message}); set AIO4J_REDIS_URL or run as root so " +
                "lib/src/test/scripts/ensure-redis.sh can install and start one"
        } finally {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2))
        }
    }

    /** For `config(enabledIf = …)`: true when Redis answers; otherwise prints the reason once. */
    val available: Boolean by lazy {
        skipReason?.let { println("SKIPPED Redis specs: $it") }
        skipReason == null
    }

    /** Runs [block] on a fresh real-time event loop, failing after 30 s rather than hanging. */
    fun <T> onLoop(block: suspend CoroutineScope.() -> T): T = runEventLoop { withTimeout(30.seconds) { block() } }

    /** Deletes every key of this run (after a spec). */
    fun cleanUp() {
        if (!available) return
        val client = RedisClient.create(url)
        try {
            client.connect().use { c ->
                val keys = c.sync().keys(prefix.replace("*", "\\*") + "*") // test clean-up only
                if (keys.isNotEmpty()) c.sync().del(*keys.toTypedArray())
            }
        } finally {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2))
        }
    }
}

package dev.aio4j.coroutines.redis

import io.lettuce.core.RedisClient
import io.lettuce.core.RedisURI
import io.lettuce.core.api.StatefulRedisConnection
import io.lettuce.core.codec.StringCodec
import kotlinx.coroutines.future.await
import java.util.concurrent.CompletionStage

/** The Redis URL used when none is given: `AIO4J_REDIS_URL`, else `redis://127.0.0.1:6379`. */
public fun defaultRedisUrl(): String = System.getenv("AIO4J_REDIS_URL")?.takeIf { it.isNotBlank() } ?: "redis://127.0.0.1:6379"

/**
 * Awaits a Lettuce reply without cancelling the command when the caller is cancelled (kotlinx's `await`
 * would cancel the future, and Lettuce then drops the reply): the command stays on the wire, its reply
 * is read and can be acted on (see [RedisQueue.get]).
 */
internal suspend fun <T> CompletionStage<T>.awaitReply(): T = toCompletableFuture().thenApply { it }.await()

/** A Lettuce client for [url] and its string connections; closed with [close]. */
internal class RedisLink(url: String) {
    val uri: RedisURI = RedisURI.create(url)
    val client: RedisClient = RedisClient.create()

    suspend fun connect(): StatefulRedisConnection<String, String> =
        client.connectAsync(StringCodec.UTF8, uri).awaitReply()

    suspend fun close() {
        client.shutdownAsync().awaitReply()
    }
}

/**
 * A Redis glob (as `KEYS`/`SCAN MATCH` take it: `*`, `?`, `[abc]`, `[^a]`, `[a-z]`, `\x`) as a regex, so the
 * in-memory cache matches keys exactly as Redis would.
 */
internal fun globToRegex(glob: String): Regex {
    val sb = StringBuilder()
    var i = 0
    while (i < glob.length) {
        val c = glob[i]
        when {
            c == '*' -> sb.append(".*")
            c == '?' -> sb.append('.')
            c == '\\' && i + 1 < glob.length -> { i++; sb.append(Regex.escape(glob[i].toString())) }
            c == '[' -> {
                val end = glob.indexOf(']', i + 2)
                if (end < 0) {
                    sb.append(Regex.escape("["))
                } else {
                    var body = glob.substring(i + 1, end)
                    val negated = body.startsWith("^")
                    if (negated) body = body.substring(1)
                    sb.append('[')
                    if (negated) sb.append('^')
                    for (ch in body) if (ch == '\\' || ch == '[' || ch == ']' || ch == '&' || ch == '^') sb.append('\\').append(ch) else sb.append(ch)
                    sb.append(']')
                    i = end
                }
            }
            else -> sb.append(Regex.escape(c.toString()))
        }
        i++
    }
    return Regex(sb.toString(), RegexOption.DOT_MATCHES_ALL)
}

/** [text] with Redis glob's special characters escaped, for a literal key prefix in `SCAN MATCH`. */
internal fun escapeGlob(text: String): String = buildString {
    for (c in text) {
        if (c == '*' || c == '?' || c == '[' || c == ']' || c == '\\') append('\\')
        append(c)
    }
}

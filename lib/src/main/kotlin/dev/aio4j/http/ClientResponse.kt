package dev.aio4j.http

import com.fasterxml.jackson.databind.JsonNode
import dev.aio4j.AsyncCloseable
import dev.aio4j.AsyncIterator
import dev.aio4j.Future
import dev.aio4j.internal.HiddenFromJava
import dev.aio4j.internal.Owner
import dev.aio4j.internal.ScopeOwner
import dev.aio4j.internal.awaitStage
import dev.aio4j.internal.runAsCurrent
import dev.aio4j.internal.startOperation
import java.nio.charset.Charset
import java.util.Optional
import java.util.concurrent.CompletableFuture
import java.util.concurrent.CompletionStage
import java.util.function.Function
import kotlinx.coroutines.job

/**
 * The response to a [ClientSession] request, head received and body still to read: aiohttp's
 * `ClientResponse` for Java. The semantics live in [dev.aio4j.coroutines.http.ClientResponse].
 *
 * The body is read once, by one reader at a time: whole with [bytes], [text] or [json], or streamed
 * through [content] without holding it in memory. Reading it to its end gives the connection back to
 * the pool; [aclose] (or [release]) closes it earlier. A failed or cancelled read releases the response,
 * and so does cancelling the task that made the request.
 *
 * Threads: read methods start on the loop thread and their futures complete there. Cancelling a read
 * future aborts the read and closes the connection. Errors are not wrapped: [ClientPayloadError],
 * [InvalidJsonError], [dev.aio4j.TimeoutError] (`total` or `sock_read`), `IllegalStateException` for a
 * read after release.
 *
 * ```java
 * session.get("/users/1").thenCompose(resp -> resp.raiseForStatus().json(User.class))
 *     .thenAccept(user -> System.out.println(user.name));
 * ```
 */
public class ClientResponse internal constructor(
    private val core: dev.aio4j.coroutines.http.ClientResponse,
    hidden: HiddenFromJava = HiddenFromJava.TOKEN,
) : AsyncCloseable {
    /** The status code, e.g. 200. */
    public fun status(): Int = core.status

    /** The reason phrase of the status, e.g. "OK". */
    public fun reason(): String = core.reason

    /** aiohttp's `ok`: true if the status is below 400. */
    public fun ok(): Boolean = core.ok

    /** The final URL of the request (after redirects). */
    public fun url(): String = core.url

    /** The request method. */
    public fun method(): String = core.requestMethod

    /** Every header, names compared case-insensitively; unmodifiable. */
    public fun headers(): Map<String, List<String>> = core.headers

    /** The first value of header [name] (any case), or null. */
    public fun header(name: String): String? = core.header(name)

    /** The charset of the `Content-Type` header, or null; [ClientPayloadError] if it names an unknown one. */
    public fun charset(): Charset? = core.charset

    /**
     * aiohttp's `raise_for_status()`: throws [ClientResponseError] (status, reason, URL, method) and
     * releases the response if the status is 400 or more; returns this response otherwise.
     */
    public fun raiseForStatus(): ClientResponse = apply { core.raiseForStatus() }

    /** The whole body; the connection is released once it is read. */
    public fun bytes(): Future<ByteArray> = startOperation { core.bytes() }

    /** The whole body as text, decoded by the `Content-Type` charset, else UTF-8. */
    public fun text(): Future<String> = startOperation { core.text() }

    /** The whole body as text, decoded by the `Content-Type` charset, else [fallback]. */
    public fun text(fallback: Charset): Future<String> = startOperation { core.text(fallback) }

    /** The body as a Jackson tree; fails with [InvalidJsonError], which shows the start of the body, if it is not JSON. */
    public fun json(): Future<JsonNode> = startOperation { core.json() }

    /** The body bound to [type] by the session's `ObjectMapper`; [InvalidJsonError] if it is not JSON or does not fit. */
    public fun <T> json(type: Class<T>): Future<T> = startOperation { core.json(type) }

    /** The body as a stream of chunks or lines (aiohttp's `resp.content`). */
    public fun content(): Content = Content()

    /** Whether the connection was given back or closed. */
    public fun isReleased(): Boolean = core.isReleased

    /** aiohttp's `release()`: gives the connection back if the body was read, else closes it. Idempotent. */
    public fun release(): Unit = core.release()

    /** [release], as an [AsyncCloseable]; the returned future is already complete. */
    override fun aclose(): CompletionStage<Void?> {
        core.release()
        return CompletableFuture.completedFuture(null)
    }

    /** The suspend response underneath, for Kotlin callers. */
    public fun coroutines(): dev.aio4j.coroutines.http.ClientResponse = core

    override fun toString(): String = core.toString()

    /**
     * The body of a [ClientResponse] read piece by piece (aiohttp's `StreamReader`), in bounded memory.
     * Pull with [readChunk] / [readLine], iterate with [lines] / [chunks] (aio4j's [AsyncIterator]:
     * aiohttp's `async for line in resp.content` and `iter_chunked(n)`), or push with [forEachChunk] /
     * [forEachLine], whose callback returns a stage: the next piece is read only after that stage
     * completed (backpressure).
     *
     * ```java
     * resp.content().forEachLine(line -> { System.out.println(line); return null; })
     *     .thenAccept(n -> System.out.println(n + " lines"));
     * Asyncio.using(resp.content().lines(), lines -> lines.anext())   // the first line; the rest is dropped
     * ```
     */
    public inner class Content internal constructor(hidden: HiddenFromJava = HiddenFromJava.TOKEN) {
        /** The next bytes (at most 64 KiB) as soon as any arrived; null at the end of the body. */
        public fun readChunk(): Future<ByteArray?> = readChunk(64 * 1024)

        /** The next bytes (at most [max]) as soon as any arrived; null at the end of the body. */
        public fun readChunk(max: Int): Future<ByteArray?> = startOperation { core.readChunk(max) }

        /** The next line without its line break, decoded by the response charset (UTF-8 by default); null at the end. */
        public fun readLine(): Future<String?> = startOperation { core.readLine() }

        /**
         * Calls [action] with each chunk of the body (at most [maxChunk] bytes) in order, waiting for the
         * stage it returns (null = go on at once) before reading more; completes with the number of bytes
         * read. What [action] starts belongs to this operation; a failing stage stops the read, releases
         * the response and fails the future with that failure.
         */
        @JvmOverloads
        public fun forEachChunk(action: Function<ByteArray, out CompletionStage<*>?>, maxChunk: Int = 64 * 1024): Future<Long> {
            val owner = Owner.current()
            return owner.startOperation {
                var total = 0L
                while (true) {
                    val chunk = core.readChunk(maxChunk) ?: break
                    total += chunk.size
                    callOwned(owner, action, chunk)
                }
                total
            }
        }

        /** Like [forEachChunk] with each line (as [readLine] returns them); completes with the number of lines. */
        public fun forEachLine(action: Function<String, out CompletionStage<*>?>): Future<Long> {
            val owner = Owner.current()
            return owner.startOperation {
                var lines = 0L
                while (true) {
                    val line = core.readLine() ?: break
                    lines++
                    callOwned(owner, action, line)
                }
                lines
            }
        }

        /**
         * The lines of the body as an [AsyncIterator] (as [readLine] returns them): aiohttp's
         * `async for line in resp.content`. The iterator is the body, so it can be iterated once.
         * Closing it before the end ([AsyncIterator.aclose], a `using` block, or a `forEach` /
         * `toList` that stops early) releases the response, closing its connection; reading to the
         * end gives the connection back to the pool. Cancelling a pending `anext()` aborts the read
         * and releases the response. After the end, a failure or a close, `anext()` completes with
         * `Optional.empty()`; overlapping `anext()` calls fail with `IllegalStateException`.
         *
         * ```java
         * session.get(url).thenCompose(resp -> resp.content().lines()
         *     .forEach(line -> { System.out.println(line); return CompletableFuture.completedFuture(null); }));
         * ```
         */
        public fun lines(): AsyncIterator<String> = BodyIterator("lines") { core.readLine() }

        /**
         * The body as an [AsyncIterator] of chunks of at most [maxChunk] bytes (64 KiB by default), each
         * as soon as any bytes arrived: aiohttp's `async for chunk in resp.content.iter_chunked(n)`
         * (chunks may be shorter than [maxChunk]). Closing, cancelling and the end as for [lines].
         */
        @JvmOverloads
        public fun chunks(maxChunk: Int = 64 * 1024): AsyncIterator<ByteArray> {
            require(maxChunk > 0) { "maxChunk must be positive: $maxChunk" }
            return BodyIterator("chunks") { core.readChunk(maxChunk) }
        }

        private suspend fun <T> callOwned(owner: Owner, action: Function<T, out CompletionStage<*>?>, item: T) {
            val scoped = ScopeOwner(owner.core, owner.task, kotlin.coroutines.coroutineContext.job)
            val stage = try {
                scoped.runAsCurrent { action.apply(item) }
            } catch (e: Throwable) {
                core.release()
                throw e
            }
            try {
                stage?.awaitStage("the callback")
            } catch (e: Throwable) {
                core.release()
                throw e
            }
        }
    }

    /** [Content.lines] and [Content.chunks]: one `anext()` at a time, each an owned read operation. */
    private inner class BodyIterator<T : Any>(private val what: String, private val read: suspend () -> T?) : AsyncIterator<T> {
        @Volatile private var pending = false
        @Volatile private var done = false

        override fun anext(): CompletableFuture<Optional<T>> {
            if (done) return CompletableFuture.completedFuture(Optional.empty())
            check(!pending) { "anext() called on the $what of $core while the previous anext() is not done" }
            pending = true
            val step = startOperation {
                try {
                    Optional.ofNullable(read()).also { if (it.isEmpty) done = true }
                } catch (e: Throwable) {
                    done = true
                    throw e
                } finally {
                    pending = false   // before the future completes: its callbacks may call anext() again
                }
            }
            step.whenComplete { _, _ -> pending = false }   // cancelled before the body ran
            return step
        }

        override fun aclose(): CompletionStage<Void?> {
            done = true
            core.release()
            return CompletableFuture.completedFuture(null)
        }

        override fun toString(): String = "<$what of $core>"
    }
}

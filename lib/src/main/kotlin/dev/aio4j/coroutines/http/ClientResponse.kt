package dev.aio4j.coroutines.http

import com.fasterxml.jackson.core.JacksonException
import com.fasterxml.jackson.databind.JsonNode
import dev.aio4j.http.ClientPayloadError
import dev.aio4j.http.ClientResponseError
import dev.aio4j.http.ClientTimeout
import dev.aio4j.http.InvalidJsonError
import io.ktor.client.statement.HttpResponse
import io.ktor.client.statement.bodyAsChannel
import io.ktor.http.charset
import io.ktor.http.contentType
import io.ktor.utils.io.ByteReadChannel
import io.ktor.utils.io.readAvailable
import kotlinx.coroutines.CancellationException
import kotlinx.coroutines.CompletableDeferred
import kotlinx.coroutines.DisposableHandle
import kotlinx.coroutines.Job
import java.io.ByteArrayOutputStream
import java.nio.charset.Charset
import java.nio.charset.IllegalCharsetNameException
import java.nio.charset.UnsupportedCharsetException
import java.util.Collections
import java.util.TreeMap
import java.util.concurrent.atomic.AtomicBoolean

/** The largest `Content-Length` whose body [ClientResponse.bytes] allocates up front (16 MiB). */
private const val MAX_SIZED_BODY = 1 shl 24

/**
 * A response whose head has arrived and whose body is still on the connection: aiohttp's
 * `ClientResponse`, suspend core of [dev.aio4j.http.ClientResponse].
 *
 * The body is read once, by one reader at a time: whole ([bytes], [text], [json]) or streamed
 * ([readChunk], [readLine]). The connection goes back to the pool when the body was read to its end;
 * [release] (aiohttp's `release()`/`close()`) gives it up earlier by closing it. A read that fails or is
 * cancelled releases the response too, as does the cancellation of the coroutine that made the request.
 * A body that ends before its `Content-Length` fails with [ClientPayloadError] (aiohttp's
 * `ContentLengthError`), whether read whole or streamed.
 *
 * ```kotlin
 * session.get("/users").use { it.raiseForStatus().json() }
 * ```
 */
public class ClientResponse internal constructor(
    private val session: ClientSession,
    private val response: HttpResponse,
    private val method: String,
    private val deadline: Long?,
    private val limits: ClientTimeout,
    private val done: CompletableDeferred<Unit>,
    private val holder: Job,
) {
    private val released = AtomicBoolean()
    private var holderHandle: DisposableHandle? = null
    private var channel: ByteReadChannel? = null
    private var eof = false
    private var cached: ByteArray? = null
    private var streamed = false
    private var received = 0L

    // Bytes read from the channel but not handed out yet (by readLine); guarded by "one reader at a time".
    private var pending = ByteArray(0)
    private var pendingStart = 0
    private var pendingEnd = 0

    /** The status code, e.g. 200. */
    public val status: Int = response.status.value

    /** The reason phrase, e.g. "OK". */
    public val reason: String = response.status.description

    /** The final URL (after redirects). */
    public val url: String = response.call.request.url.toString()

    /** The request method. */
    public val requestMethod: String get() = method

    /** The headers; names compare case-insensitively; values in arrival order. */
    public val headers: Map<String, List<String>> = TreeMap<String, List<String>>(String.CASE_INSENSITIVE_ORDER).also { map ->
        response.headers.forEach { name, values -> map[name] = Collections.unmodifiableList(values.toList()) }
    }.let { Collections.unmodifiableMap(it) }

    /** The first value of header [name], or null. */
    public fun header(name: String): String? = headers[name]?.firstOrNull()

    /**
     * The body length the `Content-Length` header promises, or null: none, a response without a body,
     * or a chunked one (RFC 9112: `Transfer-Encoding` overrides `Content-Length`).
     */
    private val expectedLength: Long? = when {
        method == "HEAD" || status < 200 || status == 204 || status == 304 -> null
        header("Transfer-Encoding") != null -> null
        else -> header("Content-Length")?.toLongOrNull()
    }

    /** The charset named by the `Content-Type` header, or null. Throws [ClientPayloadError] if unknown. */
    public val charset: Charset?
        get() = try {
            response.contentType()?.charset()
        } catch (e: IllegalCharsetNameException) {
            throw ClientPayloadError("unknown charset in Content-Type '${header("Content-Type")}' of $method $url", e)
        } catch (e: UnsupportedCharsetException) {
            throw ClientPayloadError("unsupported charset in Content-Type '${header("Content-Type")}' of $method $url", e)
        }

    /** True once the connection was given back or closed. */
    public val isReleased: Boolean get() = released.get()

    /** aiohttp's `ok`: status below 400. */
    public val ok: Boolean get() = status < 400

    /** aiohttp's `raise_for_status()`: throws [ClientResponseError] for a status of 400 or more (and releases the response), else returns this. */
    public fun raiseForStatus(): ClientResponse {
        if (status >= 400) {
            release(null)
            throw ClientResponseError(status, reason, url, method)
        }
        return this
    }

    /**
     * The whole body (kept, so [text] and [json] may follow). Releases the connection.
     * `IllegalStateException` if the body was streamed or the response released before.
     */
    public suspend fun bytes(): ByteArray = cached ?: reading {
        // No pending bytes here: only readLine buffers them, and a streamed body cannot be read whole.
        val length = expectedLength
        val body = if (length != null && length in 0..MAX_SIZED_BODY) readSized(length.toInt()) else readUnsized()
        body.also { cached = it }
    }

    /**
     * The body whose `Content-Length` is [length], read straight into an array of that size: a fan-out
     * of small responses allocates each body once, not a 16 KiB buffer and a copy per response.
     */
    private suspend fun readSized(length: Int): ByteArray {
        val body = ByteArray(length)
        var filled = 0
        while (filled < length) {
            val n = readRaw(body, filled)
            check(n >= 0) { "readRaw fails a body that ends before its Content-Length" }
            filled += n
        }
        // The connection goes back to the pool only once the end of the body was seen: one more read.
        val extra = ByteArray(1)
        while (true) {
            val n = readRaw(extra)
            if (n < 0) return body
            if (n > 0) throw ClientPayloadError("the body of $method $url is longer than its Content-Length of $length bytes", null)
        }
    }

    private suspend fun readUnsized(): ByteArray {
        val out = ByteArrayOutputStream(8192)
        val buf = ByteArray(16 * 1024)
        while (true) {
            val n = readRaw(buf)
            if (n < 0) break
            out.write(buf, 0, n)
        }
        return out.toByteArray()
    }

    /** The whole body decoded by the `Content-Type` charset, else [fallback] (UTF-8 by default). */
    public suspend fun text(fallback: Charset = Charsets.UTF_8): String {
        val cs = charset ?: fallback
        return String(bytes(), cs)
    }

    /** The whole body parsed as a JSON tree; [InvalidJsonError] (with the start of the body) if it is not JSON. */
    public suspend fun json(): JsonNode = parseJson { session.mapper.readTree(it) ?: session.mapper.nullNode() }

    /** The whole body bound to [type] by Jackson; [InvalidJsonError] if it is not JSON or does not fit. */
    public suspend fun <T> json(type: Class<T>): T = parseJson { session.mapper.readValue(it, type) }

    private suspend fun <T> parseJson(parse: (ByteArray) -> T): T {
        val body = bytes()
        try {
            return parse(body)
        } catch (e: JacksonException) {
            val text = String(body, charset ?: Charsets.UTF_8)
            val start = if (text.length > 200) text.substring(0, 200) else text
            val shown = if (text.length > 200) "$start…" else start
            throw InvalidJsonError(
                "the body of $method $url (status $status, Content-Type ${header("Content-Type")}) is not valid JSON: " +
                    "${e.originalMessage}; the body starts with: $shown",
                start, e,
            )
        }
    }

    /**
     * aiohttp's `content.readany()`/`iter_chunked(n)`: the next bytes of the body (at most [max]), as
     * soon as any arrived; null at the end of the body (the connection is then released).
     */
    public suspend fun readChunk(max: Int = 64 * 1024): ByteArray? {
        require(max > 0) { "max must be positive: $max" }
        return reading(releaseAtEnd = false) {
            if (pendingEnd > pendingStart) {
                val n = minOf(max, pendingEnd - pendingStart)
                pending.copyOfRange(pendingStart, pendingStart + n).also { pendingStart += n }
            } else {
                val buf = ByteArray(max)
                val n = readRaw(buf)
                if (n < 0) null else if (n == max) buf else buf.copyOf(n)
            }
        }.also { if (it == null) release(null) }
    }

    /**
     * aiohttp's `content.readline()`, decoded: the next line of the body without its line break (`\n`
     * or `\r\n`), decoded by the response charset (UTF-8 by default); null at the end of the body.
     * A line longer than [maxLength] bytes fails with [ClientPayloadError].
     */
    public suspend fun readLine(maxLength: Int = 1 shl 20): String? {
        val cs = charset ?: Charsets.UTF_8
        return reading(releaseAtEnd = false) {
            var scanFrom = pendingStart
            while (true) {
                val nl = indexOfNewline(scanFrom)
                if (nl >= 0) {
                    var end = nl
                    if (end > pendingStart && pending[end - 1] == '\r'.code.toByte()) end--
                    val line = String(pending, pendingStart, end - pendingStart, cs)
                    pendingStart = nl + 1
                    return@reading line
                }
                // fill() moves the unread bytes to the start of the buffer: scan on from the same
                // number of bytes past pendingStart, not from the old index.
                val scanned = pendingEnd - pendingStart
                if (scanned > maxLength) {
                    throw ClientPayloadError("a line of the body of $method $url is longer than $maxLength bytes", null)
                }
                if (!fill()) {
                    if (pendingEnd == pendingStart) return@reading null
                    return@reading String(pending, pendingStart, pendingEnd - pendingStart, cs).also { pendingStart = pendingEnd }
                }
                scanFrom = pendingStart + scanned
            }
            @Suppress("UNREACHABLE_CODE")
            null
        }.also { if (it == null) release(null) }
    }

    private fun indexOfNewline(from: Int): Int {
        for (i in from until pendingEnd) if (pending[i] == '\n'.code.toByte()) return i
        return -1
    }

    /** Appends what the channel has to the pending buffer; false at the end of the body. */
    private suspend fun fill(): Boolean {
        if (pendingStart > 0) {
            pending.copyInto(pending, 0, pendingStart, pendingEnd)
            pendingEnd -= pendingStart
            pendingStart = 0
        }
        if (pending.size - pendingEnd < 8192) pending = pending.copyOf(maxOf(16 * 1024, pending.size * 2))
        val n = readRaw(pending, pendingEnd)
        if (n < 0) return false
        pendingEnd += n
        return true
    }

    private suspend fun readRaw(buf: ByteArray, offset: Int = 0): Int {
        if (eof) return -1
        val ch = channel ?: response.bodyAsChannel().also { channel = it }
        val n = ch.readAvailable(buf, offset, buf.size - offset)
        if (n < 0) {
            eof = true
            ch.closedCause?.let { throw it }
            // CIO ends the body quietly when the server closes the connection early (aiohttp: ContentLengthError).
            val expected = expectedLength
            if (expected != null && received < expected) {
                throw ClientPayloadError("the body of $method $url ended after $received of its $expected bytes (Content-Length)", null)
            }
        } else {
            received += n
        }
        return n
    }

    /** Runs a body read: network step rules of [io]; failure or cancellation releases the response. */
    private suspend fun <T> reading(releaseAtEnd: Boolean = true, block: suspend () -> T): T {
        check(!released.get() || (!releaseAtEnd && eof)) {
            "the response of $method $url was released: its body can no longer be read"
        }
        check(releaseAtEnd || cached == null) { "the body of $method $url was already read whole" }
        check(!releaseAtEnd || !streamed) { "the body of $method $url was partly streamed; it cannot be read whole" }
        if (!releaseAtEnd) streamed = true
        val value = try {
            io(deadline, limits, "$method $url", body = true) { block() }
        } catch (e: Throwable) {
            release(e)
            throw e
        }
        if (releaseAtEnd) release(null)
        return value
    }

    /**
     * aiohttp's `release()`/`close()`: gives the connection back if the body was read to its end, else
     * closes it. Idempotent; later reads fail with `IllegalStateException`.
     */
    public fun release() {
        release(if (eof) null else CancellationException("the response was closed before its body was read"))
    }

    internal fun release(cause: Throwable?) {
        if (!released.compareAndSet(false, true)) return
        holderHandle?.dispose()
        session.forget(this)
        if (cause == null && eof) {
            done.complete(Unit)
        } else {
            holder.cancel(cause as? CancellationException ?: CancellationException("response released after: $cause", cause))
        }
    }

    /** Releases this response if [holder] (the requesting coroutine or task) is cancelled first. */
    internal fun holdUntilReleased(owner: Job) {
        val handle = owner.invokeOnCompletion { cause ->
            if (cause != null) release(cause)
        }
        holderHandle = handle
        if (released.get()) handle.dispose()
    }

    override fun toString(): String = "<ClientResponse($url) [$status $reason]>"
}

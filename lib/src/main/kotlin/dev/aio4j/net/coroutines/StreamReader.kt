package dev.aio4j.net.coroutines

import dev.aio4j.net.IncompleteReadError
import dev.aio4j.net.LimitOverrunError
import io.ktor.utils.io.ByteReadChannel
import io.ktor.utils.io.readAvailable
import kotlinx.coroutines.currentCoroutineContext
import kotlinx.coroutines.ensureActive
import java.util.concurrent.CancellationException

/** asyncio's default stream limit: 64 KiB. */
public const val DEFAULT_LIMIT: Int = 1 shl 16

private val NEWLINE = byteArrayOf('\n'.code.toByte())

/**
 * asyncio's `StreamReader` for Kotlin callers: reads lines, exact counts or everything from one TCP
 * connection, with a [limit] on how far a separator is searched for.
 *
 * Port of CPython's `asyncio/streams.py`: the reader keeps a buffer and fills it from the socket only
 * when a read needs more, so a peer sending faster than this side reads is held back by TCP (asyncio
 * pauses the transport at 2 × limit; here nothing is read ahead at all). Only one coroutine may wait
 * for data at a time (asyncio's `RuntimeError`: here `IllegalStateException`).
 *
 * Threads: call it on the event loop that opened the connection. Cancellation: a cancelled read
 * consumes nothing that it has not returned; the bytes stay buffered for the next read, and the
 * connection stays open (closing it is the writer's or the owning task's business).
 * Errors: [IncompleteReadError] and [LimitOverrunError] as in asyncio; a reset connection surfaces as
 * the `IOException` of the socket.
 *
 * ```kotlin
 * val (reader, writer) = openConnection("127.0.0.1", 8888)
 * writer.write("hello\n")
 * val reply = reader.readLine().decodeToString()
 * ```
 */
public class StreamReader internal constructor(
    private val channel: ByteReadChannel,
    /** The most bytes a line or a `readUntil` chunk may have before [LimitOverrunError]. */
    public val limit: Int = DEFAULT_LIMIT,
) {
    init {
        require(limit > 0) { "limit must be positive: $limit" }
    }

    private var buf = ByteArray(INITIAL_CAPACITY)
    private var start = 0
    private var end = 0
    private var eof = false
    private var waiting = false

    private val size: Int get() = end - start

    /**
     * Reads one line, up to and including `\n` (asyncio's `readline`). At the end of the stream returns
     * what is left, possibly a partial line without `\n`, then empty arrays. A line longer than [limit]
     * throws [LimitOverrunError] after dropping the buffered part of it (see there).
     */
    public suspend fun readLine(): ByteArray {
        try {
            return readUntil(NEWLINE)
        } catch (e: IncompleteReadError) {
            return e.partial()
        } catch (e: LimitOverrunError) {
            if (startsWith(NEWLINE, e.consumed())) discard(e.consumed() + NEWLINE.size) else discard(size)
            throw e
        }
    }

    /**
     * Reads up to and including [separator] (asyncio's `readuntil`). Throws [IncompleteReadError] with
     * the rest of the stream if it ends first, and [LimitOverrunError] (consuming nothing) if the
     * separator is not within [limit] bytes.
     */
    public suspend fun readUntil(separator: ByteArray = NEWLINE): ByteArray {
        require(separator.isNotEmpty()) { "separator must be at least one byte" }
        val sepLen = separator.size
        var offset = 0
        while (true) {
            if (size - offset >= sepLen) {
                val found = indexOf(separator, offset)
                if (found >= 0) {
                    if (found > limit) {
                        throw LimitOverrunError("Separator is found, but chunk is longer than limit $limit", found)
                    }
                    return take(found + sepLen)
                }
                offset = size + 1 - sepLen
                if (offset > limit) {
                    throw LimitOverrunError("Separator is not found, and chunk exceeds the limit $limit", offset)
                }
            }
            if (eof) throw IncompleteReadError(take(size), null)
            fill()
        }
    }

    /**
     * Reads exactly [n] bytes (asyncio's `readexactly`); [IncompleteReadError] with what was read if the
     * stream ends first. `IllegalArgumentException` for a negative [n].
     */
    public suspend fun readExactly(n: Int): ByteArray {
        require(n >= 0) { "readExactly size can not be less than zero: $n" }
        while (size < n) {
            if (eof) throw IncompleteReadError(take(size), n)
            fill()
        }
        return take(n)
    }

    /**
     * Reads up to [n] bytes, waiting for at least one unless the stream has ended (asyncio's `read`):
     * an empty array means end of stream. [n] = -1 (the default) reads until the end of the stream.
     */
    public suspend fun read(n: Int = -1): ByteArray {
        require(n >= -1) { "read size must be -1 (until the end) or >= 0: $n" }
        if (n == 0) return ByteArray(0)
        if (n == -1) {
            while (!eof) fill()
            return take(size)
        }
        if (size == 0 && !eof) fill()
        return take(minOf(n, size))
    }

    /** Whether the stream has ended and every byte was read (asyncio's `at_eof`). */
    public fun atEof(): Boolean = eof && size == 0

    /** Waits for more bytes from the socket, or marks the end of the stream. */
    private suspend fun fill() {
        check(!waiting) { "another coroutine is already waiting for incoming data on this reader" }
        if (buf.size - end < MIN_READ) makeRoom()
        waiting = true
        try {
            val n = channel.readAvailable(buf, end, buf.size - end)
            if (n < 0) eof = true else end += n
        } catch (e: CancellationException) {
            // Our own cancellation propagates; the channel being cancelled (the writer closed the
            // connection, or it was aborted) is the end of the stream, as asyncio's reader sees it.
            currentCoroutineContext().ensureActive()
            eof = true
        } finally {
            waiting = false
        }
    }

    private fun makeRoom() {
        if (start > 0) {
            buf.copyInto(buf, 0, start, end)
            end -= start
            start = 0
        }
        if (buf.size - end < MIN_READ) buf = buf.copyOf(maxOf(buf.size * 2, end + MIN_READ))
    }

    private fun indexOf(separator: ByteArray, from: Int): Int {
        val last = end - separator.size
        var i = start + from
        outer@ while (i <= last) {
            for (j in separator.indices) if (buf[i + j] != separator[j]) { i++; continue@outer }
            return i - start
        }
        return -1
    }

    private fun startsWith(prefix: ByteArray, at: Int): Boolean =
        size - at >= prefix.size && prefix.indices.all { buf[start + at + it] == prefix[it] }

    private fun take(n: Int): ByteArray {
        val out = buf.copyOfRange(start, start + n)
        discard(n)
        return out
    }

    private fun discard(n: Int) {
        start += n
        if (start == end) {
            start = 0
            end = 0
        }
    }

    override fun toString(): String =
        "<StreamReader${if (size > 0) " $size bytes" else ""}${if (eof) " eof" else ""} limit=$limit>"

    private companion object {
        const val INITIAL_CAPACITY = 8 * 1024
        const val MIN_READ = 4 * 1024
    }
}

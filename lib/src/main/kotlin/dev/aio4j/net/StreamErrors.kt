package dev.aio4j.net

import java.io.EOFException

/**
 * A stream ended before a read got what it asked for: asyncio's `IncompleteReadError`.
 *
 * Raised by `readExactly(n)` when the peer closes after fewer than `n` bytes, and by `readUntil` when
 * the stream ends before the separator. [partial] holds the bytes read before the end (they are
 * consumed); [expected] is `n`, or null for `readUntil`. Like asyncio's, it is an end-of-file error
 * ([EOFException]), so `catch (EOFException e)` covers it.
 */
public class IncompleteReadError(
    private val partialBytes: ByteArray,
    private val expectedBytes: Int?,
) : EOFException(
    "${partialBytes.size} bytes read on a total of ${expectedBytes?.toString() ?: "undefined"} expected bytes",
) {
    /** The bytes read before the stream ended (a copy). */
    public fun partial(): ByteArray = partialBytes.copyOf()

    /** How many bytes were expected, or null when reading up to a separator. */
    public fun expected(): Int? = expectedBytes
}

/**
 * A line or chunk would exceed the stream's limit: asyncio's `LimitOverrunError`.
 *
 * Raised by `readUntil` when the separator is not found within the reader's `limit` bytes (asyncio's
 * default 64 KiB), and — a deviation: asyncio raises `ValueError` there — by `readLine`, which discards
 * the over-long data it had buffered first (up to and including the separator if it was seen), as
 * asyncio's `readline` does. [consumed] is how many bytes would have to be consumed to move on
 * (asyncio's `consumed`). A protocol error, not I/O: an [IllegalStateException].
 */
public class LimitOverrunError(message: String, private val consumedBytes: Int) : IllegalStateException(message) {
    /** How many buffered bytes the over-long chunk covered when the error was raised. */
    public fun consumed(): Int = consumedBytes
}

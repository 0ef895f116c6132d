package dev.aio4j.coroutines.files

import dev.aio4j.AsyncCloseable
import dev.aio4j.files.OpenMode
import dev.aio4j.files.UnicodeDecodeError
import dev.aio4j.files.UnicodeEncodeError
import dev.aio4j.internal.startOperation
import kotlinx.coroutines.NonCancellable
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.flow
import kotlinx.coroutines.sync.Mutex
import kotlinx.coroutines.withContext
import java.nio.ByteBuffer
import java.nio.CharBuffer
import java.nio.channels.ClosedChannelException
import java.nio.channels.FileChannel
import java.nio.charset.CharsetDecoder
import java.nio.charset.CoderResult
import java.nio.charset.CodingErrorAction
import java.nio.charset.Charset
import java.nio.file.Path
import java.util.concurrent.CompletionStage
import kotlin.math.ceil

/**
 * An open file read and written off the loop thread: aiofiles' file object for Kotlin callers. Open
 * one with [AsyncFiles.open]; the Java view is [dev.aio4j.files.AsyncFile].
 *
 * Text is decoded and encoded with the file's charset, reporting bad input ([UnicodeDecodeError],
 * [UnicodeEncodeError]) instead of replacing it. Reads go through a buffer of `bufferSize` bytes (and
 * as many characters), so [readLine] and [lines] use bounded memory whatever the file's size (plus the
 * longest line). Writes are not buffered: each one has reached the operating system when it returns.
 *
 * Operations on one file run one at a time, in call order (a FIFO lock); each runs on a worker
 * thread (the loop's default executor) and resumes the caller on its own dispatcher. Cancelling an
 * operation releases the caller at once, as `toThread` does; the work already on a thread finishes
 * (what it read is lost) before the next operation starts. [close] closes the channel at once if a read
 * is in flight (the read then fails with the closed-file error), waits for a write in flight, and is
 * never cancelled itself. After [close] every operation fails with `IllegalStateException("I/O
 * operation on closed file")`.
 *
 * ```kotlin
 * using(AsyncFiles.open(path)) { f -> while (true) { val line = f.readLine(); if (line.isEmpty()) break; print(line) } }
 * ```
 */
public class AsyncFile internal constructor(
    /** The path it was opened with. */
    public val path: Path,
    /** How it was opened. */
    public val mode: OpenMode,
    /** The charset of its text. */
    public val charset: Charset,
    private val channel: FileChannel,
    bufferSize: Int,
) : AsyncCloseable {
    private val lock = Mutex()

    @Volatile
    private var closed = false

    @Volatile
    private var reading = false // a read's work is on a thread right now: close() stops it at once

    // Everything below is guarded by `lock` (touched by the worker thread holding it).
    private val decoder: CharsetDecoder = charset.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT)
    // At least 16 bytes / characters, so that any character's bytes (and a surrogate pair) fit.
    private val bytes: ByteBuffer = ByteBuffer.allocate(maxOf(bufferSize, 16)).flip() // unread bytes: position..limit
    private val chars: CharBuffer =
        CharBuffer.allocate(maxOf(16, ceil(bytes.capacity() * decoder.maxCharsPerByte().toDouble()).toInt())).flip()
    private var bytesEnd = -1L // file position just after the last byte in `bytes`; -1: nothing buffered
    private var inputEnded = false // the channel returned end of file
    private var decodedAll = false // ... and the decoder was flushed

    /** The most characters this file held at once (buffer, a line being built, a batch of lines): the memory bound, for tests. */
    internal var peakHeldChars: Int = 0
        private set

    /** Whether a read's work was handed to a worker thread and has not ended, for tests. */
    internal val readInFlight: Boolean get() = reading

    /** The capacity of the character buffer. */
    internal val charCapacity: Int get() = chars.capacity()

    init {
        require(bufferSize > 0) { "bufferSize <= 0: $bufferSize" }
    }

    /** Whether [close] was called. */
    public val isClosed: Boolean get() = closed

    /** The rest of the file as text (Python's `read()`). */
    public suspend fun read(): String = reading { readChars(Int.MAX_VALUE) }

    /** Up to [n] characters, fewer only at the end of the file (Python's `read(n)`; negative n = all). */
    public suspend fun read(n: Int): String = if (n < 0) read() else reading { readChars(n) }

    /**
     * The next line including its `\n` (a `\r\n` ending stays as it is, as Python's `newline=''` mode
     * keeps it); the last line may have no `\n`; the empty string at the end of the file, as Python's
     * `readline()`.
     */
    public suspend fun readLine(): String = reading { readLineNow(keepEnd = true)!! }

    /**
     * The remaining lines, without their `\n` / `\r\n`, read in batches of about `bufferSize`
     * characters: one worker-thread hop per batch, memory bounded by the buffer plus the longest line.
     * Collecting it does not close the file (the file's own `using` does).
     */
    public fun lines(): Flow<String> = flow {
        while (true) {
            val batch = reading { readLineBatch() }
            if (batch.isEmpty()) break
            for (line in batch) emit(line)
        }
    }

    /** The rest of the file as bytes (Python's `read()` in binary mode). */
    public suspend fun readBytes(): ByteArray = reading { readRawBytes(Int.MAX_VALUE) }

    /** Up to [n] bytes, fewer only at the end of the file; after text reads, starts at [tell]. */
    public suspend fun readBytes(n: Int): ByteArray = if (n < 0) readBytes() else reading { readRawBytes(n) }

    /** Writes [text] in the file's charset; returns the number of characters (Python's `write`). */
    public suspend fun write(text: String): Int = writing {
        val encoded = encode(text)
        writeFully(encoded)
        text.length
    }

    /** Writes [data]; returns the number of bytes. */
    public suspend fun write(data: ByteArray): Int = writing {
        writeFully(ByteBuffer.wrap(data))
        data.size
    }

    /**
     * Python's `flush()`: writes are not buffered in memory, so this only waits until the operations
     * called before it are done.
     */
    public suspend fun flush(): Unit = op(read = false) { }

    /** The current position in bytes (Python's `tell()`; in text mode Python's value is opaque, here it is the byte offset). */
    public suspend fun tell(): Long = op(read = false) { position() }

    /** Moves to byte offset [position] (Python's `seek(pos)`); returns it. Read buffers are dropped. */
    public suspend fun seek(position: Long): Long {
        require(position >= 0) { "seek position < 0: $position" }
        return op(read = false) {
            dropReadBuffers()
            channel.position(position)
            position
        }
    }

    /**
     * Closes the file (Python's `close()`); idempotent, never cancelled. A read in flight is stopped by
     * closing the channel under it; a write in flight is waited for.
     */
    public suspend fun close(): Unit = withContext(NonCancellable) {
        val first = !closed
        closed = true
        if (first && reading) fileWork { channel.close() }
        lock.lock()
        try {
            if (channel.isOpen) fileWork { channel.close() }
        } finally {
            lock.unlock()
        }
    }

    /** [close] for `using`: starts it as an aio4j operation of the current task (on a running loop). */
    override fun aclose(): CompletionStage<Void?> = startOperation { close(); null }

    override fun toString(): String = "<AsyncFile $path mode=$mode charset=${charset.name()}${if (closed) " closed" else ""}>"

    private suspend fun <T> reading(work: () -> T): T {
        if (!mode.readable()) throw UnsupportedOperationException("not readable: $path was opened for $mode")
        return op(read = true, work)
    }

    private suspend fun <T> writing(work: () -> T): T {
        if (!mode.writable()) throw UnsupportedOperationException("not writable: $path was opened for $mode")
        return op(read = false) {
            // A write goes where the reader is, not where the read-ahead left the channel.
            if (bytesEnd >= 0) {
                val at = position()
                dropReadBuffers()
                channel.position(at)
            }
            work()
        }
    }

    /** One operation: waits its turn, then runs [work] on a worker thread holding the lock until it ends. */
    private suspend fun <T> op(read: Boolean, work: () -> T): T {
        ensureOpen()
        lock.lock()
        try {
            ensureOpen()
            reading = read
        } catch (e: Throwable) {
            lock.unlock()
            throw e
        }
        return fileWork(finished = { reading = false; lock.unlock() }) {
            try {
                work()
            } catch (e: ClosedChannelException) {
                throw closedError().also { it.initCause(e) }
            }
        }
    }

    private fun ensureOpen() {
        if (closed) throw closedError()
    }

    private fun closedError() = IllegalStateException("I/O operation on closed file: $path")

    // ---- worker-thread side (holding the lock) ----

    private fun position(): Long {
        if (bytesEnd < 0) return channel.position()
        // Bytes decoded but not yet handed out: re-encoding them gives their length (the decoder reported
        // every bad input, so decoded text encodes back to the same bytes).
        val pendingChars = if (chars.hasRemaining()) charset.newEncoder().encode(chars.duplicate()).remaining() else 0
        return bytesEnd - bytes.remaining() - pendingChars
    }

    private fun dropReadBuffers() {
        bytes.clear().flip()
        chars.clear().flip()
        decoder.reset()
        bytesEnd = -1
        inputEnded = false
        decodedAll = false
    }

    /**
     * Where reading starts: the channel's position, or 0 on a pipe or another non-regular file, which has
     * none (lseek fails with ESPIPE, whose message text depends on the platform's locale).
     */
    private fun readStartPosition(): Long = try {
        channel.position()
    } catch (e: java.io.IOException) {
        if (java.nio.file.Files.isRegularFile(path)) throw e else 0L
    }

    /** Decodes more characters into [chars]; false at the end of the file. */
    private fun fillChars(): Boolean {
        if (decodedAll) return false
        if (bytesEnd < 0) bytesEnd = readStartPosition()
        chars.compact()
        try {
            val before = chars.position()
            while (true) {
                val result = decoder.decode(bytes, chars, inputEnded)
                // Text before bad input is handed out first; the next fill meets the bad input again.
                if (chars.position() > before) return true
                if (result.isError) throw decodeError(result)
                check(!result.isOverflow) { "no room to decode into" }
                if (inputEnded) {
                    decoder.flush(chars)
                    decodedAll = chars.position() == before
                    return !decodedAll
                }
                bytes.compact()
                val n = try {
                    channel.read(bytes)
                } finally {
                    bytes.flip()
                }
                if (n < 0) inputEnded = true else bytesEnd += n
            }
        } finally {
            chars.flip()
            peakHeldChars = maxOf(peakHeldChars, chars.remaining())
        }
    }

    private fun decodeError(result: CoderResult): UnicodeDecodeError {
        val offset = bytesEnd - bytes.remaining()
        return UnicodeDecodeError(path, charset, offset, result.length(), result.isUnmappable)
    }

    private fun readChars(max: Int): String {
        val out = StringBuilder()
        while (out.length < max) {
            if (!chars.hasRemaining() && !fillChars()) break
            val take = minOf(chars.remaining(), max - out.length)
            out.append(chars.array(), chars.position(), take)
            chars.position(chars.position() + take)
        }
        return out.toString()
    }

    /** One line; [keepEnd]: with its `\n` (Python), else without `\n` / `\r\n`. Empty at the end (with keepEnd). */
    private fun readLineNow(keepEnd: Boolean, held: Int = 0): String? {
        var line: StringBuilder? = null
        while (true) {
            if (!chars.hasRemaining() && !fillChars()) {
                return line?.toString() ?: if (keepEnd) "" else null
            }
            val start = chars.position()
            val limit = chars.limit()
            var i = start
            while (i < limit && chars.get(i) != '\n') i++
            if (i < limit) {
                chars.position(i + 1)
                var end = if (keepEnd) i + 1 else i
                if (!keepEnd) {
                    if (end > start && chars.get(end - 1) == '\r') end--
                    else if (end == start && line != null && line.endsWith('\r')) line.setLength(line.length - 1)
                }
                if (line == null) return String(chars.array(), start, end - start)
                line.append(chars.array(), start, end - start)
                return line.toString()
            }
            chars.position(limit)
            line = (line ?: StringBuilder()).append(chars.array(), start, limit - start)
            peakHeldChars = maxOf(peakHeldChars, held + line.length)
        }
    }

    /** Lines (without endings) until about a buffer's worth of characters is collected or the file ends. */
    private fun readLineBatch(): List<String> {
        val batch = ArrayList<String>()
        var held = 0
        while (held < chars.capacity()) {
            val line = readLineNow(keepEnd = false, held) ?: break
            batch.add(line)
            held += line.length + 1
            peakHeldChars = maxOf(peakHeldChars, held + chars.remaining())
        }
        return batch
    }

    private fun readRawBytes(max: Int): ByteArray {
        if (bytesEnd >= 0) {
            val at = position()
            dropReadBuffers()
            channel.position(at)
        }
        val out = java.io.ByteArrayOutputStream()
        val chunk = ByteBuffer.allocate(minOf(max, bytes.capacity()))
        while (out.size() < max) {
            chunk.clear().limit(minOf(chunk.capacity(), max - out.size()))
            val n = channel.read(chunk)
            if (n < 0) break
            out.write(chunk.array(), 0, n)
        }
        return out.toByteArray()
    }

    private fun encode(text: String): ByteBuffer {
        val encoder = charset.newEncoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT)
        val input = CharBuffer.wrap(text)
        var buffer = ByteBuffer.allocate(maxOf(16, ceil(text.length * encoder.averageBytesPerChar().toDouble()).toInt()))
        while (true) {
            val result = encoder.encode(input, buffer, true)
            if (result.isError) throw UnicodeEncodeError(path, charset, input.position())
            if (!result.isOverflow) break
            buffer = grown(buffer)
        }
        while (encoder.flush(buffer).isOverflow) buffer = grown(buffer)
        return buffer.flip()
    }

    private fun grown(buffer: ByteBuffer): ByteBuffer = ByteBuffer.allocate(buffer.capacity() * 2 + 16).put(buffer.flip())

    private fun writeFully(data: ByteBuffer) {
        while (data.hasRemaining()) channel.write(data)
    }
}

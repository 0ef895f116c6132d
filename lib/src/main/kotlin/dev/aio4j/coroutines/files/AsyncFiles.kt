package dev.aio4j.coroutines.files

import dev.aio4j.files.OpenMode
import dev.aio4j.files.UnicodeDecodeError
import kotlinx.coroutines.NonCancellable
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.emitAll
import kotlinx.coroutines.flow.flow
import kotlinx.coroutines.withContext
import java.nio.ByteBuffer
import java.nio.channels.FileChannel
import java.nio.charset.Charset
import java.nio.charset.CodingErrorAction
import java.nio.file.FileSystemException
import java.nio.file.Files
import java.nio.file.OpenOption
import java.nio.file.Path
import java.nio.file.StandardOpenOption.APPEND
import java.nio.file.StandardOpenOption.CREATE
import java.nio.file.StandardOpenOption.READ
import java.nio.file.StandardOpenOption.TRUNCATE_EXISTING
import java.nio.file.StandardOpenOption.WRITE

/**
 * aiofiles for Kotlin callers: opens [AsyncFile]s and reads or writes whole files, with the blocking
 * work on a worker thread (the loop's default executor on an aio4j loop, else `Dispatchers.IO`) and
 * the result back on the caller's dispatcher. The Java view is [dev.aio4j.files.AsyncFiles].
 *
 * Errors are the JDK's own, as themselves: `NoSuchFileException` (Python's `FileNotFoundError`),
 * `AccessDeniedException` (`PermissionError`), `FileSystemException` "Is a directory"
 * (`IsADirectoryError`); bad text is [UnicodeDecodeError] / [dev.aio4j.files.UnicodeEncodeError].
 * Text defaults to UTF-8.
 *
 * ```kotlin
 * AsyncFiles.writeText(path, "hello\n")
 * AsyncFiles.lines(path).collect { println(it) }
 * ```
 */
public object AsyncFiles {
    /** The read buffer of an [AsyncFile], in bytes, unless [open] is given another. */
    public const val DEFAULT_BUFFER_SIZE: Int = 8192

    /**
     * aiofiles' `open(path, mode)`. The file is open once this returns; a call cancelled while the
     * worker thread opens it closes what it opened, so a cancelled open never leaks a file.
     */
    public suspend fun open(
        path: Path,
        mode: OpenMode = OpenMode.READ,
        charset: Charset = Charsets.UTF_8,
        bufferSize: Int = DEFAULT_BUFFER_SIZE,
    ): AsyncFile {
        require(bufferSize > 0) { "bufferSize <= 0: $bufferSize" }
        val channel = fileWork(abandoned = { it.close() }) {
            if (Files.isDirectory(path)) throw FileSystemException(path.toString(), null, "Is a directory")
            FileChannel.open(path, options(mode))
        }
        return AsyncFile(path, mode, charset, channel, bufferSize)
    }

    /** The whole file as text; [UnicodeDecodeError] (with the byte offset) if it is not valid [charset]. */
    public suspend fun readText(path: Path, charset: Charset = Charsets.UTF_8): String =
        fileWork { decodeAll(path, Files.readAllBytes(path), charset) }

    /** The whole file as bytes. */
    public suspend fun readBytes(path: Path): ByteArray = fileWork { Files.readAllBytes(path) }

    /** Replaces the file's content with [text] (creating it), as `open(path, 'w')` + `write`: truncated first, even if the text then fails to encode. */
    public suspend fun writeText(path: Path, text: String, charset: Charset = Charsets.UTF_8) {
        open(path, OpenMode.WRITE, charset).useClosing { it.write(text) }
    }

    /** Appends [text] at the end of the file (creating it). */
    public suspend fun appendText(path: Path, text: String, charset: Charset = Charsets.UTF_8) {
        open(path, OpenMode.APPEND, charset).useClosing { it.write(text) }
    }

    /** Replaces the file's content with [data] (creating it). */
    public suspend fun writeBytes(path: Path, data: ByteArray) {
        fileWork { Files.write(path, data) }
    }

    /**
     * The file's lines without their endings, in bounded memory: each collection opens the file, reads
     * it a buffer at a time, and closes it at the end — also when the collector stops early, fails or
     * is cancelled.
     */
    public fun lines(path: Path, charset: Charset = Charsets.UTF_8, bufferSize: Int = DEFAULT_BUFFER_SIZE): Flow<String> {
        require(bufferSize > 0) { "bufferSize <= 0: $bufferSize" }
        return flow {
            open(path, OpenMode.READ, charset, bufferSize).useClosing { emitAll(it.lines()) }
        }
    }

    private fun options(mode: OpenMode): Set<OpenOption> = when (mode) {
        OpenMode.READ -> setOf(READ)
        OpenMode.WRITE -> setOf(WRITE, CREATE, TRUNCATE_EXISTING)
        OpenMode.APPEND -> setOf(WRITE, CREATE, APPEND)
        OpenMode.READ_WRITE -> setOf(READ, WRITE)
    }

    private fun decodeAll(path: Path, data: ByteArray, charset: Charset): String {
        val decoder = charset.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT)
        val input = ByteBuffer.wrap(data)
        val out = java.nio.CharBuffer.allocate(Math.ceil(data.size * decoder.maxCharsPerByte().toDouble()).toInt() + 4)
        var result = decoder.decode(input, out, true)
        if (!result.isError) result = decoder.flush(out)
        if (result.isError) {
            throw UnicodeDecodeError(path, charset, input.position().toLong(), result.length(), result.isUnmappable)
        }
        return out.flip().toString()
    }
}

/** Runs [block] with this file, then closes it (not cancellably) however the block ended. */
internal suspend inline fun <T> AsyncFile.useClosing(block: (AsyncFile) -> T): T {
    try {
        return block(this)
    } finally {
        withContext(NonCancellable) { close() }
    }
}

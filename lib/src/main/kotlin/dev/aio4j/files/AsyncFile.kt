package dev.aio4j.files

import dev.aio4j.AsyncCloseable
import dev.aio4j.AsyncIterable
import dev.aio4j.Future
import dev.aio4j.coroutines.asAsyncIterable
import dev.aio4j.internal.HiddenFromJava
import dev.aio4j.internal.startOperation
import java.nio.charset.Charset
import java.nio.file.Path
import java.util.concurrent.CompletionStage

/**
 * An open file whose reads and writes run off the loop thread: aiofiles' file object for Java. Open
 * one with [AsyncFiles.open] and close it with `Asyncio.using`; the semantics live in
 * [dev.aio4j.coroutines.files.AsyncFile].
 *
 * Operations run one at a time in call order, each on a worker thread (the loop's default executor).
 * Text is decoded / encoded with the file's charset and bad input fails with [UnicodeDecodeError] /
 * [UnicodeEncodeError], never replaced. Writes are not buffered: a write's future completes once the
 * bytes reached the operating system.
 *
 * Threads: call on the loop thread (inside `Asyncio.run`, a task or a callback); futures complete on
 * the loop thread. Cancelling a future releases the caller at once; work already on a thread finishes
 * before the next operation starts. [aclose] closes the channel at once if a read is in flight (that
 * read fails), waits for a write in flight, and is not cancelled with its caller. Errors are not
 * wrapped: `IllegalStateException("I/O operation on closed file: …")` after close,
 * `UnsupportedOperationException("not writable: …")` / `("not readable: …")` for the wrong mode,
 * `IOException`s of the JDK as themselves.
 *
 * ```java
 * AsyncFiles.withFile(path, OpenMode.READ, f -> f.readLine())   // opened, read, closed
 *     .thenAccept(line -> System.out.print(line));
 * AsyncFiles.open(path, OpenMode.APPEND)
 *     .thenCompose(file -> Asyncio.using(file, f -> f.write("one more line\n")));
 * ```
 */
public class AsyncFile internal constructor(
    private val core: dev.aio4j.coroutines.files.AsyncFile,
    hidden: HiddenFromJava = HiddenFromJava.TOKEN,
) : AsyncCloseable {
    /** The path it was opened with. */
    public fun path(): Path = core.path

    /** How it was opened. */
    public fun mode(): OpenMode = core.mode

    /** The charset of its text. */
    public fun charset(): Charset = core.charset

    /** Whether it was closed. */
    public fun isClosed(): Boolean = core.isClosed

    /** The rest of the file as text: Python's `read()`. */
    public fun read(): Future<String> = startOperation { core.read() }

    /** Up to [n] characters, fewer only at the end of the file (negative = all): Python's `read(n)`. */
    public fun read(n: Int): Future<String> = startOperation { core.read(n) }

    /**
     * Python's `readline()`: the next line with its `\n` (the last line may lack it), or `""` at the
     * end of the file — an empty line reads as `"\n"`, so `""` only ever means the end.
     */
    public fun readLine(): Future<String> = startOperation { core.readLine() }

    /**
     * The remaining lines of this file, without their `\n` / `\r\n`, read a buffer at a time (bounded
     * memory). Closing the iterator (or `forEach` ending) does not close the file; use
     * [AsyncFiles.lines] to open, iterate and close in one.
     */
    public fun lines(): AsyncIterable<String> = core.lines().asAsyncIterable()

    /** The rest of the file as bytes. */
    public fun readBytes(): Future<ByteArray> = startOperation { core.readBytes() }

    /** Up to [n] bytes, fewer only at the end (negative = all); after text reads, from [tell]. */
    public fun readBytes(n: Int): Future<ByteArray> = startOperation { core.readBytes(n) }

    /** Writes [text] in the file's charset; completes with the number of characters (Python's `write`). */
    public fun write(text: String): Future<Int> = startOperation { core.write(text) }

    /** Writes [data]; completes with the number of bytes. */
    public fun write(data: ByteArray): Future<Int> = startOperation { core.write(data) }

    /** Python's `flush()`: completes when the operations called before it are done (writes are not buffered). */
    public fun flush(): Future<Void?> = startOperation { core.flush(); null }

    /** The current position in bytes: Python's `tell()`. */
    public fun tell(): Future<Long> = startOperation { core.tell() }

    /** Moves to byte offset [position] (`IllegalArgumentException` if negative); completes with it. */
    public fun seek(position: Long): Future<Long> = startOperation { core.seek(position) }

    /** Closes the file; idempotent, and not cancelled with its caller. */
    override fun aclose(): CompletionStage<Void?> = core.aclose()

    /** The suspend file underneath, for Kotlin callers. */
    public fun coroutines(): dev.aio4j.coroutines.files.AsyncFile = core

    override fun toString(): String = core.toString()
}

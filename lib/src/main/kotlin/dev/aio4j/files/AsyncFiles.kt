@file:JvmName("AsyncFiles")

package dev.aio4j.files

import dev.aio4j.AsyncIterable
import dev.aio4j.Future
import dev.aio4j.coroutines.asAsyncIterable
import dev.aio4j.internal.startOperation
import java.nio.charset.Charset
import java.nio.charset.StandardCharsets.UTF_8
import java.nio.file.Path
import java.util.concurrent.CompletionStage
import java.util.function.Function
import java.util.function.Supplier
import dev.aio4j.coroutines.files.AsyncFiles as Core

/*
 * aiofiles for Java: `AsyncFiles.open(...)`, `AsyncFiles.readText(...)`, ... The semantics live in
 * dev.aio4j.coroutines.files.AsyncFiles; these are the CompletableFuture views.
 */

/**
 * aiofiles' `open(path, mode)`: opens [path] off the loop thread and completes with the open
 * [AsyncFile] (text in [charset], reads through a buffer of [bufferSize] bytes). Close it with
 * `Asyncio.using`, or open, use and close in one with [withFile].
 *
 * Like Python's `open`: `NoSuchFileException` for a missing file with [OpenMode.READ] /
 * [OpenMode.READ_WRITE] (Python's `FileNotFoundError`), `AccessDeniedException` (`PermissionError`),
 * `FileSystemException` "Is a directory" (`IsADirectoryError`). Cancelling the future while the worker
 * thread opens the file closes it again: a cancelled open never leaks a file. The future completes on
 * the loop thread; errors are not wrapped.
 *
 * ```java
 * AsyncFiles.open(Path.of("out.txt"), OpenMode.WRITE)
 *     .thenCompose(file -> Asyncio.using(file, f -> f.write("hello\n")));
 * ```
 */
@JvmOverloads
public fun open(
    path: Path,
    mode: OpenMode = OpenMode.READ,
    charset: Charset = UTF_8,
    bufferSize: Int = Core.DEFAULT_BUFFER_SIZE,
): Future<AsyncFile> = startOperation { AsyncFile(Core.open(path, mode, charset, bufferSize)) }

/**
 * `async with aiofiles.open(path, mode) as f: return await body(f)`: opens the file, runs [body] with
 * it and closes it once the body's stage is done — after a value, a failure or a cancellation (the
 * close is not cancelled). What the body starts belongs to this operation.
 *
 * ```java
 * AsyncFiles.withFile(path, OpenMode.READ, f -> f.readLine()).thenAccept(System.out::print);
 * ```
 */
public fun <T> withFile(path: Path, mode: OpenMode, body: Function<in AsyncFile, out CompletionStage<out T>>): Future<T?> =
    withFile(path, mode, UTF_8, body)

/** [withFile] with the file's text in [charset]. */
public fun <T> withFile(
    path: Path,
    mode: OpenMode,
    charset: Charset,
    body: Function<in AsyncFile, out CompletionStage<out T>>,
): Future<T?> = dev.aio4j.using(Supplier { open(path, mode, charset) }, Function { file: AsyncFile -> file.aclose() }, body)

/**
 * The whole file as text (UTF-8 unless [charset] says otherwise), read off the loop thread. Bad input
 * fails with [UnicodeDecodeError], which names the byte offset; a missing file with
 * `NoSuchFileException`.
 *
 * ```java
 * AsyncFiles.readText(Path.of("config.json")).thenAccept(System.out::println);
 * ```
 */
@JvmOverloads
public fun readText(path: Path, charset: Charset = UTF_8): Future<String> = startOperation { Core.readText(path, charset) }

/** The whole file as bytes, read off the loop thread. */
public fun readBytes(path: Path): Future<ByteArray> = startOperation { Core.readBytes(path) }

/**
 * Replaces the file's content with [text] (creating the file), as `open(path, 'w')` then `write`; an
 * unencodable character fails with [UnicodeEncodeError] (the file is then empty).
 *
 * ```java
 * AsyncFiles.writeText(Path.of("out.txt"), "hello\n").thenRun(() -> System.out.println("saved"));
 * ```
 */
@JvmOverloads
public fun writeText(path: Path, text: String, charset: Charset = UTF_8): Future<Void?> =
    startOperation { Core.writeText(path, text, charset); null }

/** Appends [text] at the end of the file (creating it), as `open(path, 'a')` then `write`. */
@JvmOverloads
public fun appendText(path: Path, text: String, charset: Charset = UTF_8): Future<Void?> =
    startOperation { Core.appendText(path, text, charset); null }

/** Replaces the file's content with [data] (creating the file). */
public fun writeBytes(path: Path, data: ByteArray): Future<Void?> = startOperation { Core.writeBytes(path, data); null }

/**
 * The file's lines, without their `\n` / `\r\n`, as an [AsyncIterable]: each `aiter()` opens the file
 * (at its first `anext()`), reads it a buffer of [bufferSize] bytes at a time — memory stays bounded
 * by the buffer and the longest line, whatever the file's size — and closes it after the last line.
 * Closing the iterator early (`aclose()`, `forEach` stopping on a failure or a cancellation) closes
 * the file too.
 *
 * Python: `async with aiofiles.open(path) as f: async for line in f: …`, with the line endings
 * stripped (as `BufferedReader.readLine` does; `AsyncFile.readLine` keeps them, as Python's does).
 *
 * ```java
 * AsyncFiles.lines(Path.of("big.log")).forEach(line -> { System.out.println(line); return CompletableFuture.completedFuture(null); });
 * ```
 */
@JvmOverloads
public fun lines(path: Path, charset: Charset = UTF_8, bufferSize: Int = Core.DEFAULT_BUFFER_SIZE): AsyncIterable<String> =
    Core.lines(path, charset, bufferSize).asAsyncIterable()

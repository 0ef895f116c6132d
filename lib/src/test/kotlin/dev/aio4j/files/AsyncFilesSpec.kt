package dev.aio4j.files

import dev.aio4j.EventLoop
import dev.aio4j.Steps
import dev.aio4j.coroutines.files.AsyncFiles
import dev.aio4j.coroutines.runEventLoop
import dev.aio4j.coroutines.using
import dev.aio4j.runVirtual
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldContainExactly
import io.kotest.matchers.ints.shouldBeLessThanOrEqual
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import kotlinx.coroutines.CancellationException
import kotlinx.coroutines.CoroutineStart
import kotlinx.coroutines.async
import kotlinx.coroutines.delay
import kotlinx.coroutines.flow.take
import kotlinx.coroutines.flow.toList
import kotlinx.coroutines.launch
import kotlinx.coroutines.withTimeout
import java.io.FileOutputStream
import java.nio.charset.StandardCharsets.ISO_8859_1
import java.nio.file.AccessDeniedException
import java.nio.file.FileSystemException
import java.nio.file.Files
import java.nio.file.NoSuchFileException
import java.nio.file.Path
import java.util.concurrent.TimeUnit
import kotlin.time.Duration.Companion.milliseconds
import kotlin.time.Duration.Companion.seconds

/** How many descriptors of this process point at [path] (Linux's /proc/self/fd): 0 once every handle is closed. */
internal fun openDescriptors(path: Path): Int {
    val target = path.toAbsolutePath()
    return Files.list(Path.of("/proc/self/fd")).use { fds ->
        fds.filter { fd -> runCatching { Files.readSymbolicLink(fd) == target }.getOrDefault(false) }.count().toInt()
    }
}

/** A named pipe: a read blocks until someone writes, so a read (or an open) can be caught in flight. */
internal fun fifo(dir: Path): Path {
    val path = dir.resolve("pipe")
    val made = ProcessBuilder("mkfifo", path.toString()).start()
    check(made.waitFor(5, TimeUnit.SECONDS) && made.exitValue() == 0) { "mkfifo $path failed" }
    return path
}

private val isRoot = System.getProperty("user.name") == "root"

class AsyncFilesSpec : FunSpec({
    val dir = Files.createTempDirectory("aio4j-files")
    afterSpec { dir.toFile().deleteRecursively() }
    var counter = 0
    fun fresh(name: String = "f"): Path = dir.resolve("${name}-${counter++}.txt")

    test("writeText, appendText and readText round-trip text, UTF-8 by default") {
        runVirtual {
            val path = fresh()
            AsyncFiles.writeText(path, "héllo wörld\n")
            AsyncFiles.appendText(path, "ünïcode ✓ 😀\n")
            AsyncFiles.readText(path) shouldBe "héllo wörld\nünïcode ✓ 😀\n"
            Files.readString(path) shouldBe "héllo wörld\nünïcode ✓ 😀\n"
            AsyncFiles.writeText(path, "café", ISO_8859_1)
            AsyncFiles.readBytes(path).toList() shouldBe "café".toByteArray(ISO_8859_1).toList()
            AsyncFiles.readText(path, ISO_8859_1) shouldBe "café"
            AsyncFiles.writeBytes(path, byteArrayOf(1, 2, 3))
            AsyncFiles.readBytes(path).toList() shouldBe listOf<Byte>(1, 2, 3)
        }
    }

    test("readLine keeps the line break and gives the empty string only at the end, as Python's readline") {
        runVirtual {
            val path = fresh()
            Files.writeString(path, "first\n\nthird\r\nlast")
            val file = AsyncFiles.open(path)
            using(file) { f ->
                listOf(f.readLine(), f.readLine(), f.readLine(), f.readLine(), f.readLine(), f.readLine())
            } shouldBe listOf("first\n", "\n", "third\r\n", "last", "", "")
            file.isClosed shouldBe true
        }
    }

    test("read(n) counts characters, not bytes, and read() takes the rest") {
        runVirtual {
            val path = fresh()
            Files.writeString(path, "añb€c😀d")
            using(AsyncFiles.open(path, bufferSize = 3)) { f ->
                listOf(f.read(2), f.read(2), f.read(0), f.read(), f.read(5))
            } shouldBe listOf("añ", "b€", "", "c😀d", "")
        }
    }

    test("multi-byte characters and CRLF split across buffer boundaries decode intact") {
        runVirtual {
            val path = fresh()
            val lines = (1..200).map { i -> "línea $i: ñandú € 😀 ${"x".repeat(i % 7)}" }
            Files.writeString(path, lines.joinToString("\r\n", postfix = "\r\n"))
            for (size in listOf(1, 2, 3, 5, 64)) {
                AsyncFiles.lines(path, bufferSize = size).toList() shouldBe lines
                using(AsyncFiles.open(path, bufferSize = size)) { it.readLine() } shouldBe lines[0] + "\r\n"
            }
        }
    }

    test("iterating a file far bigger than the buffer holds at most about two buffers of characters") {
        runVirtual {
            val path = fresh("big")
            val expected = (0 until 20_000).map { "row $it ${"-".repeat(it % 50)}" }
            Files.write(path, expected)
            val size = Files.size(path)
            val file = AsyncFiles.open(path, bufferSize = 512)
            val seen = using(file) { f -> f.lines().toList() }
            seen shouldBe expected
            // Far more than 2 x 512 characters went through; at no time were more than that held.
            (size > 1_000 * 512) shouldBe true
            val longest = expected.maxOf { it.length } + 1
            file.peakHeldChars shouldBeLessThanOrEqual 2 * file.charCapacity + longest
            file.charCapacity shouldBe 512
        }
    }

    test("the lines flow opens the file per collection and closes it, also when the collector stops early") {
        runVirtual {
            val path = fresh()
            Files.writeString(path, "a\nb\nc\n")
            AsyncFiles.lines(path).take(1).toList() shouldContainExactly listOf("a")
            openDescriptors(path) shouldBe 0
            AsyncFiles.lines(path).toList() shouldContainExactly listOf("a", "b", "c")
            openDescriptors(path) shouldBe 0
        }
    }

    test("append mode writes at the end of what is there, creating the file if needed") {
        runVirtual {
            val path = fresh()
            using(AsyncFiles.open(path, OpenMode.APPEND)) { it.write("one\n") }
            using(AsyncFiles.open(path, OpenMode.APPEND)) { f -> f.write("two\n"); f.write("three\n".toByteArray()) }
            Files.readString(path) shouldBe "one\ntwo\nthree\n"
            using(AsyncFiles.open(path, OpenMode.WRITE)) { it.write("new\n") } shouldBe 4
            Files.readString(path) shouldBe "new\n"
        }
    }

    test("tell is a byte offset, seek moves, and a read-write file writes where the reader is") {
        runVirtual {
            val path = fresh()
            Files.writeString(path, "héllo\nworld\n")
            using(AsyncFiles.open(path, OpenMode.READ_WRITE, bufferSize = 4)) { f ->
                f.readLine() shouldBe "héllo\n"
                f.tell() shouldBe 7L
                f.write("W")
                f.tell() shouldBe 8L
                f.readBytes().decodeToString() shouldBe "orld\n"
                f.seek(0) shouldBe 0L
                f.read() shouldBe "héllo\nWorld\n"
                shouldThrow<IllegalArgumentException> { f.seek(-1) }.message shouldBe "seek position < 0: -1"
            }
            Files.readString(path) shouldBe "héllo\nWorld\n"
        }
    }

    test("operations started together run one at a time in call order") {
        runVirtual {
            val path = fresh()
            using(AsyncFiles.open(path, OpenMode.WRITE)) { f ->
                val writes = (0 until 50).map { i -> async(start = CoroutineStart.UNDISPATCHED) { f.write("$i,") } }
                writes.forEach { it.await() }
            }
            Files.readString(path) shouldBe (0 until 50).joinToString("") { "$it," }
        }
    }

    test("missing files, directories and the wrong mode fail with clear typed errors") {
        runVirtual {
            val missing = dir.resolve("nope.txt")
            shouldThrow<NoSuchFileException> { AsyncFiles.open(missing) }.file shouldBe missing.toString()
            shouldThrow<NoSuchFileException> { AsyncFiles.readText(missing) }
            shouldThrow<NoSuchFileException> { AsyncFiles.open(missing, OpenMode.READ_WRITE) }
            shouldThrow<FileSystemException> { AsyncFiles.open(dir) }.reason shouldBe "Is a directory"
            shouldThrow<IllegalArgumentException> { AsyncFiles.open(missing, bufferSize = 0) }.message shouldBe "bufferSize <= 0: 0"
            val path = fresh()
            Files.writeString(path, "x")
            using(AsyncFiles.open(path)) { f ->
                shouldThrow<UnsupportedOperationException> { f.write("y") }.message shouldBe "not writable: $path was opened for READ"
            }
            using(AsyncFiles.open(path, OpenMode.APPEND)) { f ->
                shouldThrow<UnsupportedOperationException> { f.readLine() }.message shouldBe "not readable: $path was opened for APPEND"
            }
            Files.readString(path) shouldBe "x"
        }
    }

    test("permission denied is AccessDeniedException (Python's PermissionError)").config(enabled = !isRoot) {
        runVirtual {
            val path = fresh()
            Files.writeString(path, "secret")
            path.toFile().setReadable(false, false) shouldBe true
            shouldThrow<AccessDeniedException> { AsyncFiles.open(path) }
            shouldThrow<AccessDeniedException> { AsyncFiles.readText(path) }
        }
    }

    test("a closed file fails every operation with Python's 'I/O operation on closed file'") {
        runVirtual {
            val path = fresh()
            Files.writeString(path, "x\n")
            val file = AsyncFiles.open(path)
            file.close()
            file.close()
            file.isClosed shouldBe true
            openDescriptors(path) shouldBe 0
            shouldThrow<IllegalStateException> { file.readLine() }.message shouldBe "I/O operation on closed file: $path"
            shouldThrow<IllegalStateException> { file.tell() }
        }
    }

    test("operations queued behind a close fail as closed; the one running finishes") {
        runVirtual {
            val path = fresh()
            val file = AsyncFiles.open(path, OpenMode.WRITE)
            val first = async(start = CoroutineStart.UNDISPATCHED) { file.write("kept") }
            val closing = launch(start = CoroutineStart.UNDISPATCHED) { file.close() }
            val late = async(start = CoroutineStart.UNDISPATCHED) { runCatching { file.write("lost") } }
            first.await() shouldBe 4
            closing.join()
            late.await().exceptionOrNull()!!.message shouldBe "I/O operation on closed file: $path"
            Files.readString(path) shouldBe "kept"
        }
    }

    test("malformed input is a UnicodeDecodeError at its byte offset, never replaced") {
        runVirtual {
            val path = fresh()
            Files.write(path, "ok ñ\n".toByteArray() + byteArrayOf(0xFF.toByte()) + "tail".toByteArray())
            val whole = shouldThrow<UnicodeDecodeError> { AsyncFiles.readText(path) }
            whole.byteOffset() shouldBe 6L
            whole.message shouldBe "cannot decode $path as UTF-8: malformed input of 1 byte(s) at byte offset 6"
            for (size in listOf(2, 8192)) {
                using(AsyncFiles.open(path, bufferSize = size)) { f ->
                    f.readLine() shouldBe "ok ñ\n"
                    shouldThrow<UnicodeDecodeError> { f.readLine() }.byteOffset() shouldBe 6L
                }
            }
            // A sequence cut off by the end of the file is malformed too.
            Files.write(path, byteArrayOf('a'.code.toByte(), 0xE2.toByte(), 0x82.toByte()))
            shouldThrow<UnicodeDecodeError> { using(AsyncFiles.open(path)) { it.read() } }.byteOffset() shouldBe 1L
        }
    }

    test("text the charset cannot encode is a UnicodeEncodeError naming the character's index") {
        runVirtual {
            val path = fresh()
            val error = shouldThrow<UnicodeEncodeError> {
                using(AsyncFiles.open(path, OpenMode.WRITE, ISO_8859_1)) { it.write("price: 5€") }
            }
            error.charIndex() shouldBe 8
            error.message shouldContain "ISO-8859-1"
            Files.size(path) shouldBe 0L
        }
    }

    test("cancelling a task in the middle of a read closes the file and runs its cleanup") {
        val steps = Steps()
        val dir2 = Files.createTempDirectory("aio4j-fifo")
        val pipe = fifo(dir2)
        // The writer end: opening it blocks until the reader opens, then it stays silent.
        val writer = Thread { FileOutputStream(pipe.toFile()).use { Thread.sleep(10_000) } }.apply { isDaemon = true; start() }
        try {
            EventLoop.create().use { loop ->
                runEventLoop(loop) {
                    withTimeout(10.seconds) {
                        val file = AsyncFiles.open(pipe)
                        val reader = async {
                            try {
                                using(file) { f -> steps.expect(1); f.read() }
                            } finally {
                                steps.expect(3)
                            }
                        }
                        // Wait (real time, bounded) until the read is on its worker thread.
                        while (!file.readInFlight) delay(1.milliseconds)
                        // The reader's descriptor and the silent writer's (its open returns just after the reader's).
                        while (openDescriptors(pipe) < 2) delay(1.milliseconds)
                        steps.expect(2)
                        reader.cancel()
                        shouldThrow<CancellationException> { reader.await() }
                        steps.finish(4)
                        file.isClosed shouldBe true
                        openDescriptors(pipe) shouldBe 1 // only the writer's
                    }
                }
            }
        } finally {
            writer.interrupt()
            dir2.toFile().deleteRecursively()
        }
    }

    test("an open cancelled while the worker thread opens the file closes what it opened") {
        val dir2 = Files.createTempDirectory("aio4j-fifo")
        val pipe = fifo(dir2)
        try {
            EventLoop.create().use { loop ->
                runEventLoop(loop) {
                    withTimeout(10.seconds) {
                        // Opening a pipe for reading blocks until a writer opens it.
                        val opening = async { AsyncFiles.open(pipe) }
                        delay(50.milliseconds)
                        opening.cancel()
                        shouldThrow<CancellationException> { opening.await() }
                        // Opening the writer end returns once the worker's open went through; the
                        // abandoned channel must then be closed: a leak keeps a descriptor until the timeout.
                        FileOutputStream(pipe.toFile()).close()
                        while (openDescriptors(pipe) > 0) delay(1.milliseconds)
                    }
                }
            }
        } finally {
            dir2.toFile().deleteRecursively()
        }
    }
})

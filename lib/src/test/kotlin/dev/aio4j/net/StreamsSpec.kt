package dev.aio4j.net

import dev.aio4j.EventLoop
import dev.aio4j.LoopReport
import dev.aio4j.Reports
import dev.aio4j.Steps
import dev.aio4j.coroutines.runEventLoop
import dev.aio4j.coroutines.sleep
import dev.aio4j.net.coroutines.StreamServer
import dev.aio4j.net.coroutines.openConnection
import dev.aio4j.net.coroutines.startServer
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldContainAll
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import kotlinx.coroutines.CompletableDeferred
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.async
import kotlinx.coroutines.awaitCancellation
import kotlinx.coroutines.withTimeout
import java.net.ConnectException
import kotlin.time.Duration.Companion.milliseconds
import kotlin.time.Duration.Companion.seconds

/** Real sockets on 127.0.0.1, a real-clock loop, every test under a timeout. */
private fun <T> onLoop(block: suspend CoroutineScope.() -> T): T = runEventLoop { withTimeout(10.seconds) { block() } }

private fun String.bytes(): ByteArray = encodeToByteArray()

/** An echo server: every line back, upper-cased, until the client closes. */
private suspend fun echoServer(limit: Int = 1 shl 16): StreamServer = startServer("127.0.0.1", 0, limit) { reader, writer ->
    while (true) {
        val line = reader.readLine()
        if (line.isEmpty()) break
        writer.write(line.decodeToString().uppercase())
        writer.drain()
    }
}

class StreamsSpec : FunSpec({
    test("open_connection / start_server: lines go there and back, then EOF after the peer closes") {
        onLoop {
            val server = echoServer()
            val (reader, writer) = openConnection("127.0.0.1", server.port())
            writer.write("hello\n")
            writer.write("wor".bytes())
            writer.write("ld\nno newline")
            reader.readLine().decodeToString() shouldBe "HELLO\n"
            reader.readLine().decodeToString() shouldBe "WORLD\n"
            writer.writeEof()
            shouldThrow<IllegalStateException> { writer.write("late") }.message shouldContain "writeEof"
            reader.read().decodeToString() shouldBe "NO NEWLINE"
            reader.atEof() shouldBe true
            reader.readLine().size shouldBe 0
            writer.close()
            writer.waitClosed()
            writer.isClosing() shouldBe true
            server.close()
            server.waitClosed()
            server.isServing() shouldBe false
        }
    }

    test("readExactly, read(n) and readUntil take exactly what they say from the buffer") {
        onLoop {
            val sent = CompletableDeferred<Unit>()
            val server = startServer("127.0.0.1", 0) { _, writer ->
                writer.write("abc|defgh|ij")
                writer.drain()
                sent.complete(Unit)
            }
            val (reader, writer) = openConnection("127.0.0.1", server.port())
            sent.await()
            reader.readUntil("|".bytes()).decodeToString() shouldBe "abc|"
            reader.readExactly(3).decodeToString() shouldBe "def"
            reader.read(2).decodeToString() shouldBe "gh"
            reader.readExactly(0).size shouldBe 0
            reader.read(0).size shouldBe 0
            val e = shouldThrow<IncompleteReadError> { reader.readExactly(5) }
            e.partial().decodeToString() shouldBe "|ij"
            e.expected() shouldBe 5
            reader.atEof() shouldBe true
            shouldThrow<IllegalArgumentException> { reader.readExactly(-1) }.message shouldContain "-1"
            writer.close()
            server.close()
        }
    }

    test("a line over the limit is a LimitOverrunError; readLine drops it and the next line reads fine") {
        onLoop {
            val seen = CompletableDeferred<List<String>>()
            val server = startServer("127.0.0.1", 0, limit = 16) { reader, _ ->
                val events = ArrayList<String>()
                val overrun = shouldThrow<LimitOverrunError> { reader.readLine() }
                events += "overrun consumed=${overrun.consumed()}"
                events += reader.readLine().decodeToString()
                seen.complete(events)
            }
            val (_, writer) = openConnection("127.0.0.1", server.port())
            writer.write("x".repeat(40) + "\nshort\n")
            seen.await() shouldBe listOf("overrun consumed=40", "short\n")
            writer.close()
            server.close()
        }
    }

    test("readUntil over the limit consumes nothing; an unterminated stream past the limit fails too") {
        onLoop {
            val server = startServer("127.0.0.1", 0) { _, writer -> writer.write("0123456789ABCDEF;") }
            val (reader, writer) = openConnection("127.0.0.1", server.port(), limit = 8)
            val e = shouldThrow<LimitOverrunError> { reader.readUntil(";".bytes()) }
            e.message shouldContain "limit 8"
            reader.read().decodeToString() shouldBe "0123456789ABCDEF;"
            writer.close()
            server.close()
        }
    }

    test("a cancelled read loses no bytes and leaves the connection open") {
        onLoop {
            val server = echoServer()
            val (reader, writer) = openConnection("127.0.0.1", server.port())
            val pending = async { reader.readLine() }
            sleep(50.milliseconds)
            pending.cancel()
            pending.join()
            writer.write("after\n")
            reader.readLine().decodeToString() shouldBe "AFTER\n"
            writer.close()
            server.close()
        }
    }

    test("only one reader may wait at a time") {
        onLoop {
            val server = echoServer()
            val (reader, writer) = openConnection("127.0.0.1", server.port())
            val first = async { reader.readLine() }
            sleep(20.milliseconds)
            shouldThrow<IllegalStateException> { reader.readLine() }.message shouldContain "already waiting"
            writer.write("x\n")
            first.await().decodeToString() shouldBe "X\n"
            writer.close()
            server.close()
        }
    }

    test("closing the server cancels connection tasks (their finally runs) and the client sees EOF") {
        val steps = Steps()
        onLoop {
            val started = CompletableDeferred<Unit>()
            val server = startServer("127.0.0.1", 0) { reader, _ ->
                try {
                    steps.expect(1)
                    started.complete(Unit)
                    reader.readLine()
                    steps.unreachable()
                } finally {
                    steps.expect(3)
                }
            }
            val (reader, writer) = openConnection("127.0.0.1", server.port())
            started.await()
            steps.expect(2)
            server.close()
            server.waitClosed()
            steps.expect(4)
            reader.read().size shouldBe 0
            writer.write("to nobody\n")
            writer.close()
            steps.finish(5)
        }
    }

    test("the server's task and its connection tasks are tasks of the loop, by name") {
        EventLoop.create().use { loop ->
            runEventLoop(loop) {
                withTimeout(10.seconds) {
                    val server = startServer("127.0.0.1", 0) { _, _ -> awaitCancellation() }
                    val (_, writer) = openConnection("127.0.0.1", server.port())
                    var names: List<String> = emptyList()
                    while (names.none { it.startsWith("conn ") }) {
                        sleep(10.milliseconds)
                        names = loop.allTasks().map { it.getName() }
                    }
                    names shouldContainAll listOf("server 127.0.0.1:${server.port()}")
                    server.close()
                    server.waitClosed()
                    loop.allTasks().map { it.getName() }.filter { it.startsWith("conn") || it.startsWith("server") } shouldBe emptyList()
                    writer.close()
                }
            }
        }
    }

    test("a failing handler is reported to the loop's exception handler and its connection closed") {
        EventLoop.create().use { loop ->
            val reports = Reports().also { it.install(loop) }
            runEventLoop(loop) {
                withTimeout(10.seconds) {
                    val server = startServer("127.0.0.1", 0) { reader, writer ->
                        writer.write("bye\n")
                        reader.readLine()
                        throw IllegalArgumentException("bad client")
                    }
                    val (reader, writer) = openConnection("127.0.0.1", server.port())
                    reader.readLine().decodeToString() shouldBe "bye\n"
                    writer.write("trigger\n")
                    reader.read().size shouldBe 0 // closed by the server
                    while (reports.list.isEmpty()) sleep(10.milliseconds)
                    val report = reports.list.single()
                    report.kind() shouldBe LoopReport.Kind.UNHANDLED_EXCEPTION
                    report.exception()!!.message shouldBe "bad client"
                    report.task()!!.getName() shouldContain "conn 127.0.0.1:"
                    writer.close()
                    server.close()
                }
            }
        }
    }

    test("closing the loop aborts its connections and closes its servers") {
        val loop = EventLoop.create()
        val port = runEventLoop(loop) { startServer("127.0.0.1", 0) { _, _ -> awaitCancellation() }.port() }
        java.net.Socket("127.0.0.1", port).use { client ->
            client.soTimeout = 5_000
            client.getOutputStream().write("hi\n".toByteArray())
            loop.close()
            // Aborted: an end of stream, or a reset since the server never read "hi".
            val end = try { client.getInputStream().read() } catch (_: java.net.SocketException) { -1 }
            end shouldBe -1
        }
        shouldThrow<ConnectException> { java.net.Socket("127.0.0.1", port).close() }
    }

    test("a refused connection fails with ConnectException; bad arguments fail before any I/O") {
        onLoop {
            val server = startServer("127.0.0.1", 0) { _, _ -> }
            val port = server.port()
            server.close()
            server.waitClosed()
            shouldThrow<ConnectException> { openConnection("127.0.0.1", port) }
            shouldThrow<IllegalArgumentException> { openConnection("127.0.0.1", 70_000) }.message shouldContain "70000"
            shouldThrow<IllegalArgumentException> { openConnection("127.0.0.1", 1, limit = 0) }.message shouldContain "0"
            shouldThrow<IllegalArgumentException> { startServer(" ", 0) { _, _ -> } }.message shouldContain "' '"
        }
    }

    test("outside an event loop there is no running loop") {
        shouldThrow<IllegalStateException> {
            kotlinx.coroutines.runBlocking { openConnection("127.0.0.1", 1) }
        }.message shouldContain "no running event loop"
    }
})

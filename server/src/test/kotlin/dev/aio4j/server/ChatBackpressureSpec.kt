package dev.aio4j.server

import dev.aio4j.coroutines.runEventLoop
import dev.aio4j.coroutines.sleep
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldContainOnly
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.string.shouldStartWith
import io.ktor.client.HttpClient
import io.ktor.client.engine.cio.CIO
import io.ktor.client.plugins.websocket.WebSockets
import io.ktor.client.plugins.websocket.webSocket
import io.ktor.websocket.CloseReason
import io.ktor.websocket.Frame
import io.ktor.websocket.readText
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.async
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.withContext
import kotlinx.coroutines.withTimeout
import io.kotest.matchers.collections.shouldBeIn
import java.io.IOException
import java.net.SocketTimeoutException
import java.util.concurrent.atomic.AtomicBoolean
import kotlin.time.Duration.Companion.milliseconds
import kotlin.time.Duration.Companion.seconds

private const val BIG = 60_000

/**
 * Floods the room from [flooder] with [BIG]-byte lines until [flooder] reads `* [who] left`, which it
 * returns (its first line after joining must be that). Blocking I/O, on Dispatchers.IO.
 */
private suspend fun floodUntilLeft(flooder: LineClient, who: String): String = withContext(Dispatchers.IO) {
    val stop = AtomicBoolean()
    coroutineScope {
        val writer = async {
            var sent = 0
            while (!stop.get() && sent < 5_000) {
                flooder.say("x".repeat(BIG))
                sent++
            }
            sent
        }
        val line = flooder.line()
        stop.set(true)
        writer.await()
        line!!.also { it shouldBe "* $who left" }
    }
}

/** The chat connection tasks (`conn HOST:PORT`) of [aio]'s loop, once [expected] is their count. */
private fun AioRuntime.awaitConnections(expected: Int): List<String> = runEventLoop(loop) {
    while (loop.allTasks().count { it.getName().startsWith("conn ") } != expected) sleep(10.milliseconds)
    loop.allTasks().map { it.getName() }.filter { it.startsWith("conn ") }
}

/**
 * A TCP chat with [grace] whose outbox holds 4 lines: client `slow` joins and then reads nothing, a
 * `flooder` floods until the room drops `slow`; then [block] runs with both still open.
 */
private suspend fun slowAndFlooder(
    grace: kotlin.time.Duration,
    block: suspend (aio: AioRuntime, port: Int, slow: LineClient, flooder: LineClient) -> Unit,
) {
    AioRuntime(maxMessageBytes = 65_536, outboxLines = 4, slowMemberGrace = grace).use { aio ->
        val port = aio.startTcpChat("127.0.0.1", 0)
        withTimeout(60.seconds) {
            LineClient(port, timeoutMillis = 30_000).use { slow ->
                slow.line() shouldBe "* welcome ${slow.name}; 1 online"
                LineClient(port, timeoutMillis = 30_000).use { flooder ->
                    flooder.line() shouldBe "* welcome ${flooder.name}; 2 online"
                    floodUntilLeft(flooder, slow.name)
                    block(aio, port, slow, flooder)
                }
            }
        }
    }
}

/** Real sockets on 127.0.0.1: chat members that stop reading are disconnected, the room goes on. */
class ChatBackpressureSpec : FunSpec({
    test("a TCP client that stops reading is disconnected when its outbox is full, and gets a notice last") {
        slowAndFlooder(grace = 30.seconds) { aio, port, slow, flooder ->
            runEventLoop(aio.loop) { aio.room.slowMembersDisconnected } shouldBe 1
            // What had reached slow's socket before the kick, then the notice, then the end.
            val rest = withContext(Dispatchers.IO) { generateSequence { slow.line() }.toList() }
            rest.first() shouldBe "* ${flooder.name} joined"
            rest.drop(1).dropLast(1).map { it.substringBefore(": ") }.toSet() shouldContainOnly setOf(flooder.name)
            rest.last() shouldBe "* error: more than 4 lines were waiting for you; disconnecting (too slow)"
            // The room goes on without it.
            LineClient(port).use { late ->
                late.line() shouldBe "* welcome ${late.name}; 2 online"
                flooder.line() shouldBe "* ${late.name} joined"
                flooder.say("still here")
                late.line() shouldBe "${flooder.name}: still here"
                aio.awaitConnections(2) shouldContainOnly listOf("conn ${flooder.name}", "conn ${late.name}")
            }
        }
    }

    test("a slow TCP client that does not take its notice within the grace period is cut off; no task survives it") {
        slowAndFlooder(grace = 100.milliseconds) { aio, _, slow, flooder ->
            // slow still reads nothing: after 100 ms its connection task is cancelled.
            aio.awaitConnections(1) shouldContainOnly listOf("conn ${flooder.name}")
            // Its socket was aborted: reading what is left ends in a reset or the end of stream.
            val ended = withContext(Dispatchers.IO) {
                try {
                    while (slow.line() != null) { // drain what is left
                    }
                    "eof"
                } catch (e: SocketTimeoutException) {
                    "still open after 30 s"
                } catch (e: IOException) {
                    "reset"
                }
            }
            ended shouldBeIn listOf("eof", "reset")
        }
    }

    test("a WebSocket member that stops reading is closed with 1008 and the notice, and leaves the room") {
        val config = ServerConfig(port = 0, chatPort = 0, maxChatMessageBytes = 65_536, chatOutboxLines = 4)
        val state = ServerState(config = config, slowChatMemberGrace = 30.seconds)
        DemoServer.start(config, state).use { server ->
            HttpClient(CIO) { install(WebSockets) }.use { client ->
                withTimeout(60.seconds) {
                    client.webSocket("ws://127.0.0.1:${server.port()}/chat") {
                        val welcome = (incoming.receive() as Frame.Text).readText()
                        welcome shouldStartWith "* welcome web-"
                        val web = welcome.removePrefix("* welcome ").substringBefore(";")
                        LineClient(server.chatPort(), timeoutMillis = 30_000).use { flooder ->
                            flooder.line() shouldBe "* welcome ${flooder.name}; 2 online"
                            floodUntilLeft(flooder, web)
                        }
                        // Drain what was delivered before the kick; then the close frame.
                        for (frame in incoming) Unit
                        val reason = closeReason.await()
                        reason?.code shouldBe CloseReason.Codes.VIOLATED_POLICY.code
                        reason?.message.orEmpty() shouldContain "more than 4 lines were waiting for you"
                    }
                }
            }
        }
    }
})

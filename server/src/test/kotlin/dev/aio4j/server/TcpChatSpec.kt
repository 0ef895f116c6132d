package dev.aio4j.server

import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import java.io.BufferedReader
import java.io.InputStreamReader
import java.net.Socket

/** A blocking line client on 127.0.0.1; every read gives up after [timeoutMillis] (5 s). */
internal class LineClient(port: Int, timeoutMillis: Int = 5_000) : AutoCloseable {
    val socket = Socket("127.0.0.1", port).apply { soTimeout = timeoutMillis }
    private val input = BufferedReader(InputStreamReader(socket.getInputStream(), Charsets.UTF_8))
    val name = "127.0.0.1:${socket.localPort}"

    fun say(text: String) {
        socket.getOutputStream().write("$text\n".toByteArray(Charsets.UTF_8))
        socket.getOutputStream().flush()
    }

    /** The next line, or null at the end of the stream. */
    fun line(): String? = input.readLine()

    /** Disappears without a goodbye: SO_LINGER 0 makes close() send a reset. */
    fun vanish() {
        socket.setSoLinger(true, 0)
        socket.close()
    }

    override fun close() = socket.close()
}

class TcpChatSpec : FunSpec({
    test("three real clients: broadcast to all but the sender, one vanishing abruptly, an over-long message") {
        AioRuntime(maxMessageBytes = 64).use { aio ->
            val port = aio.startTcpChat("127.0.0.1", 0)
            LineClient(port).use { a ->
                a.line() shouldBe "* welcome ${a.name}; 1 online"
                LineClient(port).use { b ->
                    b.line() shouldBe "* welcome ${b.name}; 2 online"
                    a.line() shouldBe "* ${b.name} joined"
                    val c = LineClient(port)
                    c.line() shouldBe "* welcome ${c.name}; 3 online"
                    a.line() shouldBe "* ${c.name} joined"
                    b.line() shouldBe "* ${c.name} joined"

                    a.say("hello")
                    b.line() shouldBe "${a.name}: hello"
                    c.line() shouldBe "${a.name}: hello"
                    b.say("hi")
                    // A's next line is B's: its own "hello" never came back.
                    a.line() shouldBe "${b.name}: hi"
                    c.line() shouldBe "${b.name}: hi"

                    c.vanish()
                    a.line() shouldBe "* ${c.name} left"
                    b.line() shouldBe "* ${c.name} left"
                    a.say("still here")
                    b.line() shouldBe "${a.name}: still here"

                    b.say("x".repeat(100))
                    b.line() shouldBe "* error: messages are limited to 64 bytes; disconnecting"
                    b.line() shouldBe null
                    a.line() shouldBe "* ${b.name} left"
                }
            }
        }
    }

    test("the demo server runs the chat next to HTTP; closing it says goodbye and closes the clients") {
        val server = DemoServer.start(ServerConfig(port = 0, chatPort = 0))
        try {
            (server.chatPort() in 1..65_535) shouldBe true
            LineClient(server.chatPort()).use { client ->
                client.line() shouldBe "* welcome ${client.name}; 1 online"
                server.close()
                client.line() shouldBe "* server shutting down"
                client.line() shouldBe null
            }
        } finally {
            server.close()
        }
    }

    test("--chat-port and AIO4J_CHAT_PORT choose the chat port; default 8888") {
        parseCommandLine(emptyList(), emptyMap())!!.chatPort shouldBe 8888
        parseCommandLine(emptyList(), mapOf("AIO4J_CHAT_PORT" to "9999"))!!.chatPort shouldBe 9999
        parseCommandLine(listOf("--chat-port", "0"), mapOf("AIO4J_CHAT_PORT" to "9999"))!!.chatPort shouldBe 0
        val e = runCatching { parseCommandLine(listOf("--chat-port=x"), emptyMap()) }.exceptionOrNull()
        e?.message shouldBe "--chat-port must be an integer from 0 to 65535, got 'x'"
    }
})

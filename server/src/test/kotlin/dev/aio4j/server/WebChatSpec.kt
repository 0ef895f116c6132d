package dev.aio4j.server

import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.ktor.client.HttpClient
import io.ktor.client.engine.cio.CIO
import io.ktor.client.plugins.websocket.DefaultClientWebSocketSession
import io.ktor.client.plugins.websocket.WebSockets
import io.ktor.client.plugins.websocket.webSocket
import io.ktor.client.request.get
import io.ktor.client.statement.bodyAsText
import io.ktor.websocket.CloseReason
import io.ktor.websocket.Frame
import io.ktor.websocket.readText
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.withContext
import kotlinx.coroutines.withTimeout
import kotlin.time.Duration.Companion.seconds

private suspend fun DefaultClientWebSocketSession.nextLine(): String = (incoming.receive() as Frame.Text).readText()

private suspend fun LineClient.next(): String? = withContext(Dispatchers.IO) { line() }

/** Real Netty, a real WebSocket client and real TCP clients on 127.0.0.1, under timeouts. */
class WebChatSpec : FunSpec({
    val client = HttpClient(CIO) { install(WebSockets) }
    afterSpec { client.close() }

    test("/chat over WebSocket shares the room with TCP clients, both ways; markup arrives as sent") {
        DemoServer.start(ServerConfig(port = 0, chatPort = 0, maxChatMessageBytes = 256)).use { server ->
            withTimeout(30.seconds) {
                LineClient(server.chatPort()).use { tcp ->
                    tcp.next() shouldBe "* welcome ${tcp.name}; 1 online"
                    var web = ""
                    client.webSocket("ws://127.0.0.1:${server.port()}/chat") {
                        val welcome = nextLine()
                        web = welcome.removePrefix("* welcome ").substringBefore(";")
                        welcome shouldBe "* welcome $web; 2 online"
                        tcp.next() shouldBe "* $web joined"
                        send(Frame.Text("<script>alert(1)</script>"))
                        tcp.next() shouldBe "$web: <script>alert(1)</script>"
                        tcp.say("hello web")
                        nextLine() shouldBe "${tcp.name}: hello web"
                    }
                    tcp.next() shouldBe "* $web left"
                }
            }
        }
    }

    test("a WebSocket frame over the message limit closes that socket with 1009 (too big)") {
        DemoServer.start(ServerConfig(port = 0, chatPort = 0, maxChatMessageBytes = 64)).use { server ->
            withTimeout(30.seconds) {
                client.webSocket("ws://127.0.0.1:${server.port()}/chat") {
                    nextLine() shouldContain "* welcome web-"
                    send(Frame.Text("x".repeat(100)))
                    closeReason.await()?.code shouldBe CloseReason.Codes.TOO_BIG.code
                }
            }
        }
    }

    test("the chat page and the task monitor page are served; /debug/tasks shows the chat server and its connections") {
        DemoServer.start(ServerConfig(port = 0, chatPort = 0)).use { server ->
            withTimeout(30.seconds) {
                client.get(server.url("/chat/")).bodyAsText() shouldContain "textContent"
                client.get(server.url("/debug/")).bodyAsText() shouldContain "/debug/tasks"
                LineClient(server.chatPort()).use { tcp ->
                    tcp.next() shouldBe "* welcome ${tcp.name}; 1 online"
                    val tree = client.get(server.url("/debug/tasks")).json()
                    tree["count"].intValue() shouldBe 2
                    val root = tree["tasks"].single { it["name"].textValue() == "server 127.0.0.1:${server.chatPort()}" }
                    root["state"].textValue() shouldBe "pending"
                    root["parent"].isNull shouldBe true
                    val conn = root["children"].single()
                    conn["name"].textValue() shouldBe "conn ${tcp.name}"
                    conn["parent"].textValue() shouldBe "server 127.0.0.1:${server.chatPort()}"
                    (conn["ageSeconds"].doubleValue() >= 0.0) shouldBe true
                }
            }
        }
    }
})

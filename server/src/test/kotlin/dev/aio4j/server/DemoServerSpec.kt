package dev.aio4j.server

import io.kotest.assertions.throwables.shouldThrow
import io.kotest.assertions.throwables.shouldThrowAny
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldContain
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldStartWith
import io.ktor.client.HttpClient
import io.ktor.client.engine.cio.CIO
import io.ktor.client.request.get
import io.ktor.client.request.post
import io.ktor.client.request.setBody
import io.ktor.client.statement.HttpResponse
import io.ktor.http.ContentType
import io.ktor.http.HttpStatusCode
import io.ktor.http.contentType
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.async
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.flow.first
import kotlinx.coroutines.withContext
import kotlinx.coroutines.withTimeout
import java.net.ConnectException
import java.net.Socket
import java.time.Duration
import kotlin.time.Duration.Companion.seconds

private suspend fun HttpClient.compute(server: DemoServer, iterations: Int): HttpResponse =
    post(server.url("/compute")) {
        contentType(ContentType.Application.Json)
        setBody("""{"data": "hello", "iterations": $iterations}""")
    }

/** Real Netty on an ephemeral 127.0.0.1 port, real sockets, every wait under a timeout. */
class DemoServerSpec : FunSpec({
    val client = HttpClient(CIO)
    afterSpec { client.close() }

    test("start binds an ephemeral port on 127.0.0.1 and serves JSON and JSON errors over real sockets") {
        DemoServer.start().use { server ->
            (server.port() in 1..65_535) shouldBe true
            server.url() shouldBe "http://127.0.0.1:${server.port()}"
            withTimeout(30.seconds) {
                client.get(server.url("/users/1")).json()["name"].textValue() shouldBe "Ada Lovelace"
                client.get(server.url("/nope")).shouldBeError(HttpStatusCode.NotFound, "No resource at GET /nope")
                client.post(server.url("/json")).shouldBeError(HttpStatusCode.MethodNotAllowed, "POST /json")
                client.get(server.url("/delay/0.1")).json().toString() shouldBe """{"delay":0.1}"""
            }
        }
    }

    test("a declared body over the limit is refused with 413 before it is sent") {
        DemoServer.start().use { server ->
            withContext(Dispatchers.IO) {
                RawHttp(server.port()).use { http ->
                    val head = http.send(
                        "POST /api/process HTTP/1.1\r\nContent-Type: application/json\r\nContent-Length: 2097152",
                    )
                    head.first() shouldBe "HTTP/1.1 413 Payload Too Large"
                    head shouldContain "Connection: close"
                    val length = head.first { it.startsWith("Content-Length:") }.substringAfter(':').trim().toInt()
                    JsonMapper.readTree(http.readBody(length)).toString() shouldBe
                        """{"error":"Request body is 2097152 bytes; the limit is 1048576 bytes","status":413}"""
                }
            }
        }
    }

    test("an SSE client hanging up mid-stream cancels the producer, and /health shows it gone") {
        DemoServer.start().use { server ->
            val state = server.state
            withContext(Dispatchers.IO) {
                RawHttp(server.port()).use { http ->
                    val head = http.send("GET /events?count=10000&intervalMs=20 HTTP/1.1\r\nAccept: text/event-stream")
                    head.first() shouldBe "HTTP/1.1 200 OK"
                    val received = StringBuilder()
                    while (parseSse(received.toString()).size < 2) received.append(http.readChunk())
                    parseSse(received.toString()).take(2) shouldBe listOf(tick(1), tick(2))
                    state.sseStreams.value shouldBe 1
                    client.get(server.url("/health")).json()["sseStreams"].intValue() shouldBe 1
                }
            }
            // The socket is closed: the next write fails (or Netty cancels the call) and the finally runs.
            withTimeout(10.seconds) { state.sseStreams.first { it == 0 } }
            client.get(server.url("/health")).json()["sseStreams"].intValue() shouldBe 0
        }
    }

    test("/health answers promptly while a compute holds a compute thread") {
        GatedExecutor().use { gate ->
            DemoServer.start(ServerConfig(port = 0), ServerState(computeExecutor = gate)).use { server ->
                val steps = Steps()
                withTimeout(30.seconds) {
                    coroutineScope {
                        val running = async { client.compute(server, iterations = 3).also { steps.expect(3) } }
                        gate.started.await()
                        steps.expect(1)
                        client.get(server.url("/health")).json()["inFlight"].intValue() shouldBe 2
                        running.isActive shouldBe true
                        steps.expect(2)
                        gate.release()
                        running.await().json()["result"].textValue() shouldBe
                            "ecd26292b7f02970ca6909abb23e1aedd0dd57d0ee9ff40bf3f30c325e3e453a"
                        steps.finish(4)
                    }
                }
            }
        }
    }

    test("close lets an in-flight call finish, refuses new calls with 503 meanwhile, then stops listening") {
        GatedExecutor().use { gate ->
            val config = ServerConfig(port = 0, shutdownGracePeriod = Duration.ofSeconds(20))
            DemoServer.start(config, ServerState(computeExecutor = gate)).use { server ->
                val steps = Steps()
                withTimeout(30.seconds) {
                    coroutineScope {
                        val inFlight = async { client.compute(server, iterations = 1) }
                        gate.started.await()
                        steps.expect(1)
                        val closing = async(Dispatchers.IO) { server.close() }
                        server.state.draining.first { it }
                        // A fresh connection, so the refusal comes from the draining server, not a reused socket.
                        HttpClient(CIO).use { other ->
                            other.get(server.url("/health"))
                                .shouldBeError(HttpStatusCode.ServiceUnavailable, "shutting down")
                        }
                        steps.expect(2)
                        closing.isCompleted shouldBe false
                        inFlight.isActive shouldBe true
                        gate.release()
                        inFlight.await().json()["result"].textValue() shouldBe
                            "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824"
                        closing.await()
                        steps.finish(3)
                    }
                }
                withContext(Dispatchers.IO) {
                    shouldThrow<ConnectException> { Socket("127.0.0.1", server.port()).close() }
                }
                server.close() // idempotent
            }
        }
    }

    test("a call still running when the grace period ends is cancelled, and close returns") {
        DemoServer.start(ServerConfig(port = 0, shutdownGracePeriod = Duration.ZERO)).use { server ->
            withTimeout(30.seconds) {
                coroutineScope {
                    val longCall = async { runCatching { client.get(server.url("/delay/10")) } }
                    server.state.inFlight.first { it == 1 }
                    withContext(Dispatchers.IO) { server.close() }
                    server.state.inFlight.value shouldBe 0
                    (longCall.await().getOrNull()?.status == HttpStatusCode.OK) shouldBe false
                }
            }
        }
    }

    test("starting on a port that is taken fails") {
        DemoServer.start().use { server ->
            val failure = shouldThrowAny { DemoServer.start("127.0.0.1", server.port()).close() }
            val causes = generateSequence(failure) { it.cause }.map { it.javaClass.simpleName }.toList()
            causes shouldContain "BindException"
            client.get(server.url("/health")).status shouldBe HttpStatusCode.OK
        }
    }

    test("url(path) needs a leading slash") {
        DemoServer.start().use { server ->
            server.url("/json") shouldStartWith "http://127.0.0.1:"
            shouldThrow<IllegalArgumentException> { server.url("json") }.message shouldBe
                "path must start with '/': 'json'"
        }
    }
})

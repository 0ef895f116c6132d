package dev.aio4j.server

import io.kotest.assertions.throwables.shouldThrow
import io.kotest.assertions.throwables.shouldThrowAny
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldContain
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldStartWith
import com.fasterxml.jackson.databind.JsonNode
import dev.aio4j.coroutines.http.ClientResponse
import dev.aio4j.coroutines.http.ClientSession
import dev.aio4j.http.RequestOptions
import io.kotest.matchers.string.shouldContain
import io.ktor.http.HttpStatusCode
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

/** The project's own HTTP client (aiohttp's ClientSession), as the demos use it. */
private fun newSession(): ClientSession = ClientSession(dev.aio4j.http.ClientSession.builder())

private suspend fun ClientSession.compute(server: DemoServer, iterations: Int): ClientResponse =
    post(server.url("/compute"), RequestOptions.create().json(mapOf("data" to "hello", "iterations" to iterations)))

/** The body as JSON, after checking the response says it is JSON. */
private suspend fun ClientResponse.json200(): JsonNode {
    status shouldBe 200
    header("Content-Type").orEmpty() shouldStartWith "application/json"
    return json()
}

/** Checks the response is the error document `{"error": "...", "status": N}` with [messagePart]. */
private suspend fun ClientResponse.shouldBeError(status: HttpStatusCode, messagePart: String) {
    this.status shouldBe status.value
    header("Content-Type").orEmpty() shouldStartWith "application/json"
    val body = json()
    body.fieldNames().asSequence().toSet() shouldBe setOf("error", "status")
    body["status"].intValue() shouldBe status.value
    body["error"].textValue() shouldContain messagePart
}

/**
 * Real Netty on an ephemeral 127.0.0.1 port, real sockets, every wait under a timeout. The client is
 * the project's own [ClientSession]; [RawHttp] only where a client library hides what is tested.
 */
class DemoServerSpec : FunSpec({
    val client = newSession()
    afterSpec { client.close() }

    test("start binds an ephemeral port on 127.0.0.1 and serves JSON and JSON errors over real sockets") {
        DemoServer.start().use { server ->
            (server.port() in 1..65_535) shouldBe true
            server.url() shouldBe "http://127.0.0.1:${server.port()}"
            withTimeout(30.seconds) {
                client.get(server.url("/users/1")).json200()["name"].textValue() shouldBe "Ada Lovelace"
                client.get(server.url("/users/1/posts")).json200().isArray shouldBe true
                client.get(server.url("/users")).json200()["count"].intValue() shouldBe 10
                client.get(server.url("/users/99")).shouldBeError(HttpStatusCode.NotFound, "99")
                val json = client.get(server.url("/json"))
                json.header("Date").orEmpty() shouldContain " GMT"
                json.json200()["slideshow"]["title"].textValue() shouldBe "Sample Slide Show"
                client.get(server.url("/nope")).shouldBeError(HttpStatusCode.NotFound, "No resource at GET /nope")
                client.post(server.url("/json")).shouldBeError(HttpStatusCode.MethodNotAllowed, "POST /json")
                client.get(server.url("/status/418")).run {
                    status shouldBe 418
                    bytes().size shouldBe 0
                }
                client.get(server.url("/status/101")).shouldBeError(HttpStatusCode.BadRequest, "interim")
                client.get(server.url("/delay/0.1")).json200().toString() shouldBe """{"delay":0.1}"""
                client.get(server.url("/delay/10.5")).shouldBeError(HttpStatusCode.BadRequest, "between 0 and 10")
                client.get(server.url("/delay/-1")).shouldBeError(HttpStatusCode.BadRequest, "between 0 and 10")
                client.get(server.url("/delay/soon")).shouldBeError(HttpStatusCode.BadRequest, "'soon'")
            }
        }
    }

    test("malformed JSON, a wrong type and a body over the limit get JSON errors over real sockets") {
        DemoServer.start(ServerConfig(port = 0, maxBodyBytes = 1024)).use { server ->
            withTimeout(30.seconds) {
                val url = server.url("/api/process")
                client.post(url, RequestOptions.create().data("{\"data\": ".toByteArray(), "application/json"))
                    .shouldBeError(HttpStatusCode.BadRequest, "Malformed JSON")
                client.post(url, RequestOptions.create().json(listOf(1, 2)))
                    .shouldBeError(HttpStatusCode.BadRequest, "Expected a JSON object")
                client.post(server.url("/compute"), RequestOptions.create().json(mapOf("data" to "x", "iterations" to "many")))
                    .shouldBeError(HttpStatusCode.BadRequest, "iterations")
                // Small enough for the socket buffers, so the whole body is sent before the answer is read.
                client.post(url, RequestOptions.create().json(mapOf("data" to "x".repeat(4096))))
                    .shouldBeError(HttpStatusCode.PayloadTooLarge, "the limit is 1024 bytes")
                client.get(server.url("/health")).json200()["status"].textValue() shouldBe "ok"
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
            withTimeout(30.seconds) {
                val stream = client.get(server.url("/events?count=10000&intervalMs=20"))
                stream.status shouldBe 200
                stream.header("Content-Type").orEmpty() shouldStartWith "text/event-stream"
                // Read until a third event has begun: then the first two are whole.
                val received = StringBuilder()
                while (parseSse(received.toString()).size < 3) {
                    val line = checkNotNull(stream.readLine()) { "the stream ended early: $received" }
                    received.append(line).append('\n')
                }
                parseSse(received.toString()).take(2) shouldBe listOf(tick(1), tick(2))
                state.sseStreams.value shouldBe 1
                client.get(server.url("/health")).json200()["sseStreams"].intValue() shouldBe 1
                stream.release() // mid-body: the connection is closed, not reused
                // The next write fails (or Netty cancels the call) and the generator's finally runs.
                state.sseStreams.first { it == 0 }
                client.get(server.url("/health")).json200()["sseStreams"].intValue() shouldBe 0
                state.inFlight.first { it == 0 } // the SSE call itself is over, not parked
            }
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
                        client.get(server.url("/health")).json200()["inFlight"].intValue() shouldBe 2
                        running.isActive shouldBe true
                        steps.expect(2)
                        gate.release()
                        running.await().json200()["result"].textValue() shouldBe
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
                        val other = newSession()
                        try {
                            other.get(server.url("/health"))
                                .shouldBeError(HttpStatusCode.ServiceUnavailable, "shutting down")
                        } finally {
                            other.close()
                        }
                        steps.expect(2)
                        closing.isCompleted shouldBe false
                        inFlight.isActive shouldBe true
                        gate.release()
                        inFlight.await().json200()["result"].textValue() shouldBe
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

    test("close ends an open SSE stream cleanly and says goodbye to chat clients, without waiting out the grace period") {
        val config = ServerConfig(port = 0, chatPort = 0, shutdownGracePeriod = Duration.ofSeconds(60))
        val server = DemoServer.start(config)
        try {
            withTimeout(30.seconds) {
                val stream = client.get(server.url("/events?count=10000&intervalMs=50"))
                stream.readLine() shouldBe "event: tick"
                withContext(Dispatchers.IO) {
                    LineClient(server.chatPort()).use { chat ->
                        chat.line() shouldBe "* welcome ${chat.name}; 1 online"
                        coroutineScope {
                            val closing = async { server.close() }
                            // The stream's body ends properly (the last chunk arrives): no reset, no error.
                            while (stream.readLine() != null) Unit
                            chat.line() shouldBe "* server shutting down"
                            chat.line() shouldBe null
                            closing.await()
                        }
                    }
                }
                server.state.sseStreams.value shouldBe 0
                server.state.inFlight.value shouldBe 0
            }
        } finally {
            server.close()
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
                    (longCall.await().getOrNull()?.status == 200) shouldBe false
                }
            }
        }
    }

    test("starting on a port that is taken fails") {
        DemoServer.start().use { server ->
            val failure = shouldThrowAny { DemoServer.start("127.0.0.1", server.port()).close() }
            val causes = generateSequence(failure) { it.cause }.map { it.javaClass.simpleName }.toList()
            causes shouldContain "BindException"
            client.get(server.url("/health")).json200()["status"].textValue() shouldBe "ok"
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

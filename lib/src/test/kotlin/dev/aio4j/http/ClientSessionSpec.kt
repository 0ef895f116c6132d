package dev.aio4j.http

import com.fasterxml.jackson.databind.exc.InvalidDefinitionException
import dev.aio4j.EventLoop
import dev.aio4j.TimeoutError
import dev.aio4j.coroutines.gather
import dev.aio4j.coroutines.runEventLoop
import dev.aio4j.coroutines.http.ClientSession as CoreSession
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldContainExactly
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.string.shouldStartWith
import kotlinx.coroutines.async
import kotlinx.coroutines.CancellationException
import kotlinx.coroutines.CoroutineStart
import kotlinx.coroutines.awaitAll
import kotlinx.coroutines.launch
import kotlinx.coroutines.withTimeout
import java.net.InetSocketAddress
import java.net.ServerSocket
import java.net.Socket
import java.time.Duration
import kotlin.time.Duration.Companion.seconds

/** Runs [block] on a real-time loop with a fresh session (closed afterwards), under a 30 s guard. */
fun <T> withSession(builder: ClientSession.Builder = ClientSession.builder(), block: suspend kotlinx.coroutines.CoroutineScope.(CoreSession) -> T): T =
    runEventLoop {
        val session = CoreSession(builder)
        try {
            withTimeout(30.seconds) { block(session) }
        } finally {
            session.close()
        }
    }

/**
 * Runs [block] with the URL of a raw HTTP server on 127.0.0.1 that answers one connection per entry of
 * [responses], in order, with that text as it is, and then closes the connection.
 */
fun rawServer(responses: List<String>, block: (String) -> Unit) {
    ServerSocket(0, 50, java.net.InetAddress.getByName("127.0.0.1")).use { listener ->
        listener.soTimeout = 20_000
        val server = Thread {
            for (response in responses) {
                listener.accept().use { socket ->
                    // Read the whole request head: closing with unread bytes would reset the connection.
                    val head = StringBuilder()
                    val input = socket.getInputStream()
                    while (!head.endsWith("\r\n\r\n")) head.append(input.read().takeIf { it >= 0 }?.toChar() ?: break)
                    socket.getOutputStream().apply {
                        write(response.toByteArray())
                        flush()
                    }
                }
            }
        }.apply { start() }
        block("http://127.0.0.1:${listener.localPort}/raw")
        server.join(20_000)
    }
}

class ClientSessionSpec : FunSpec({
    val base = TestHttpServer.url("")

    test("GET a JSON endpoint: status, reason, headers, tree and typed") {
        withSession { s ->
            val r = s.get("$base/json")
            r.status shouldBe 200
            r.reason shouldBe "OK"
            r.header("content-type")!! shouldStartWith "application/json"
            r.headers["CONTENT-TYPE"]!!.single() shouldStartWith "application/json"
            r.url shouldBe "$base/json"
            val tree = r.json()
            tree["hello"].asText() shouldBe "world"
            r.isReleased shouldBe true
            s.get("$base/json").json(Map::class.java) shouldBe mapOf("hello" to "world", "n" to 1)
        }
    }

    test("JSON round trip with query parameters, default and request headers, base URL") {
        val builder = ClientSession.builder().baseUrl("$base/").header("X-Default", "d").header("X-Over", "session")
        withSession(builder) { s ->
            val echo = s.post(
                "echo",
                RequestOptions.create().param("q", "a b").param("page", 2).header("x-over", "request")
                    .json(mapOf("name" to "Ada", "langs" to listOf("en", "fr"))),
            ).json()
            echo["method"].asText() shouldBe "POST"
            echo["query"]["q"].asText() shouldBe "a b"
            echo["query"]["page"].asText() shouldBe "2"
            echo["headers"]["x-default"].asText() shouldBe "d"
            echo["headers"]["x-over"].asText() shouldBe "request"
            echo["headers"]["content-type"].asText() shouldStartWith "application/json"
            echo["body"].asText() shouldBe """{"name":"Ada","langs":["en","fr"]}"""
        }
    }

    test("form and raw bodies; PUT, PATCH, DELETE, HEAD") {
        withSession { s ->
            val form = s.put("$base/echo", RequestOptions.create().form(linkedMapOf("a" to "1", "b" to "x y"))).json()
            form["body"].asText() shouldBe "a=1&b=x+y"
            form["headers"]["content-type"].asText() shouldStartWith "application/x-www-form-urlencoded"
            val raw = s.patch("$base/echo", RequestOptions.create().data("hi".toByteArray(), "application/x-thing")).json()
            raw["method"].asText() shouldBe "PATCH"
            raw["body"].asText() shouldBe "hi"
            raw["headers"]["content-type"].asText() shouldBe "application/x-thing"
            s.delete("$base/echo").json()["method"].asText() shouldBe "DELETE"
            val head = s.head("$base/echo")
            head.status shouldBe 200
            head.bytes().size shouldBe 0
        }
    }

    test("404 and 500 are responses; raiseForStatus throws ClientResponseError with status, URL and method") {
        withSession { s ->
            val notFound = s.get("$base/status/404")
            notFound.status shouldBe 404
            notFound.ok shouldBe false
            val e = shouldThrow<ClientResponseError> { notFound.raiseForStatus() }
            e.status() shouldBe 404
            e.url() shouldBe "$base/status/404"
            e.method() shouldBe "GET"
            e.message shouldBe "404 Not Found for GET $base/status/404"
            notFound.isReleased shouldBe true
            s.get("$base/status/500").also { it.text() shouldBe "status 500" }.status shouldBe 500
            s.get("$base/status/204").raiseForStatus().status shouldBe 204
        }
    }

    test("total timeout: TimeoutError names it") {
        withSession { s ->
            val e = shouldThrow<TimeoutError> {
                s.get("$base/delay/5", RequestOptions.create().timeout(ClientTimeout.ofTotal(Duration.ofMillis(300))))
            }
            e.message shouldStartWith "total timeout of PT0.3S expired for GET $base/delay/5"
        }
    }

    test("total timeout also bounds reading the body") {
        withSession(ClientSession.builder().timeout(ClientTimeout.ofTotal(Duration.ofMillis(500)))) { s ->
            val r = s.get("$base/slowbody")
            val e = shouldThrow<TimeoutError> { r.text() }
            e.message shouldStartWith "total timeout"
            r.isReleased shouldBe true
        }
    }

    test("sock_read timeout: waiting for the head, and a silence inside the body") {
        val t = ClientTimeout(null, null, Duration.ofMillis(300))
        withSession(ClientSession.builder().timeout(t)) { s ->
            shouldThrow<TimeoutError> { s.get("$base/delay/5") }.message shouldStartWith "sock_read timeout of PT0.3S expired for GET"
            val r = s.get("$base/slowbody")
            shouldThrow<TimeoutError> { r.text() }.message shouldStartWith "sock_read timeout"
        }
    }

    test("connect timeout: a listener whose accept queue is full never completes the handshake") {
        ServerSocket().use { listener ->
            listener.bind(InetSocketAddress("127.0.0.1", 0), 1)
            val fillers = (1..4).map { runCatching { Socket().apply { connect(listener.localSocketAddress, 200) } }.getOrNull() }
            try {
                withSession(ClientSession.builder().timeout(ClientTimeout(null, Duration.ofMillis(300), null))) { s ->
                    val e = shouldThrow<TimeoutError> { s.get("http://127.0.0.1:${listener.localPort}/") }
                    e.message shouldStartWith "connect timeout of PT0.3S expired for GET"
                }
            } finally {
                fillers.forEach { it?.close() }
            }
        }
    }

    test("connection refused is a ClientConnectionError naming the request") {
        val port = ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1")).use { it.localPort }
        withSession { s ->
            val e = shouldThrow<ClientConnectionError> { s.get("http://127.0.0.1:$port/x") }
            e.message shouldContain "GET http://127.0.0.1:$port/x"
        }
    }

    test("malformed and relative URLs are InvalidUrlError; a closed session is ClientSessionClosedError") {
        withSession { s ->
            shouldThrow<InvalidUrlError> { s.get("http://exa mple.com/") }.message shouldStartWith "invalid URL 'http://exa mple.com/'"
            shouldThrow<InvalidUrlError> { s.get("/relative") }.message shouldContain "no base URL"
            shouldThrow<InvalidUrlError> { s.get("ftp://example.com/") }.message shouldContain "http or https"
            s.close()
            shouldThrow<ClientSessionClosedError> { s.get("$base/json") }.message shouldContain "closed"
        }
        shouldThrow<InvalidUrlError> { ClientSession.builder().baseUrl("not-absolute") }
    }

    test("a bad Content-Type, a body Jackson cannot write and a bad header name fail as themselves") {
        withSession { s ->
            shouldThrow<IllegalArgumentException> {
                s.post("$base/echo", RequestOptions().header("Content-Type", "not a type").data(byteArrayOf(1)))
            }.message shouldContain "invalid Content-Type: 'not a type'"
            shouldThrow<InvalidDefinitionException> { s.post("$base/echo", RequestOptions().json(Any())) }
            shouldThrow<IllegalArgumentException> { s.get("$base/json", RequestOptions().header("Bad Header", "x")) }
                .message shouldContain "Bad Header"
            s.get("$base/json").json().get("hello").asText() shouldBe "world"
        }
    }

    test("json() on a body that is not JSON says so and shows the start of the body") {
        withSession { s ->
            val e = shouldThrow<InvalidJsonError> { s.get("$base/badjson").json() }
            e.message shouldContain "is not valid JSON"
            e.message shouldContain "the body starts with: <html>definitely not json</html>"
            e.bodyStart() shouldBe "<html>definitely not json</html>"
        }
    }

    test("text() decodes by the charset of the Content-Type header") {
        withSession { s ->
            val r = s.get("$base/latin1")
            r.charset shouldBe Charsets.ISO_8859_1
            r.text() shouldBe "café crème"
        }
    }

    test("lines and chunks are streamed; the end releases the connection") {
        withSession { s ->
            val r = s.get("$base/lines?n=3")
            val lines = generateSequence { null as String? }.toMutableList()
            while (true) lines += r.readLine() ?: break
            lines shouldContainExactly listOf("line 1", "line 2", "line 3")
            r.isReleased shouldBe true
            r.readLine() shouldBe null
            shouldThrow<IllegalStateException> { r.text() }.message shouldContain "released"
            val whole = s.get("$base/lines?n=2")
            whole.text() shouldBe "line 1\nline 2\n"
            whole.bytes().size shouldBe 14
            shouldThrow<IllegalStateException> { whole.readLine() }.message shouldContain "already read whole"
        }
    }

    test("bytes() reads bodies of a known length whole, small and large, and the session goes on") {
        withSession(ClientSession.builder().limit(1)) { s ->
            for (kb in listOf(0, 1, 1024)) {
                val r = s.get("$base/sized?kb=$kb")
                r.header("Content-Length") shouldBe "${kb * 1024}"
                val body = r.bytes()
                body.size shouldBe kb * 1024
                body.withIndex().all { (i, b) -> b == (i % 251).toByte() } shouldBe true
                r.isReleased shouldBe true
                r.bytes() shouldBe body
            }
            s.get("$base/json").status shouldBe 200
        }
    }

    test("a body cut short of its Content-Length fails with ClientPayloadError, read whole or streamed") {
        val short = "HTTP/1.1 200 OK\r\nContent-Length: 100\r\nContent-Type: text/plain\r\n\r\nonly this"
        // RFC 9112: Transfer-Encoding overrides Content-Length; this body is whole.
        val chunked = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Length: 100\r\n\r\n9\r\nonly this\r\n0\r\n\r\n"
        rawServer(listOf(short, short, chunked)) { url ->
            withSession { s ->
                val whole = s.get(url)
                shouldThrow<ClientPayloadError> { whole.bytes() }.message shouldBe
                    "the body of GET $url ended after 9 of its 100 bytes (Content-Length)"
                whole.isReleased shouldBe true
                val streamed = s.get(url)
                val received = java.io.ByteArrayOutputStream()
                shouldThrow<ClientPayloadError> { while (true) received.write(streamed.readChunk() ?: break) }
                received.toString(Charsets.UTF_8) shouldBe "only this"
                streamed.isReleased shouldBe true
                s.get(url).text() shouldBe "only this"
            }
        }
    }

    test("readLine finds the end of a line that arrives in a later chunk, after lines already read") {
        withSession { s ->
            val r = s.get("$base/split-lines")
            val lines = mutableListOf<String>()
            while (true) lines += r.readLine() ?: break
            lines shouldContainExactly listOf("l1", "l2", "partial", "l3")
        }
    }

    test("a 100 MiB body streams in chunks of at most 64 KiB without being held") {
        withSession { s ->
            val r = s.get("$base/big?mb=100")
            var total = 0L
            var chunks = 0
            var largest = 0
            while (true) {
                val c = r.readChunk(64 * 1024) ?: break
                total += c.size
                chunks++
                largest = maxOf(largest, c.size)
            }
            total shouldBe 100L * 1024 * 1024
            (largest <= 64 * 1024) shouldBe true
            (chunks >= 1600) shouldBe true
            r.isReleased shouldBe true
        }
    }

    test("cancelling the caller cancels the in-flight request") {
        withSession { s ->
            val started = System.nanoTime()
            val job = async { s.get("$base/delay/10") }
            kotlinx.coroutines.delay(200)
            job.cancel()
            shouldThrow<CancellationException> { job.await() }
            ((System.nanoTime() - started) / 1_000_000 < 5_000) shouldBe true
        }
    }

    test("1,000 downloads cancelled mid-body do not exhaust a pool of 5 connections") {
        withSession(ClientSession.builder().limit(5)) { s ->
            repeat(200) {
                val round = (1..5).map {
                    async {
                        val r = s.get("$base/stall")
                        r.readChunk(512)!!.size shouldBe 512
                        kotlinx.coroutines.awaitCancellation()
                    }
                }
                // Each task holds a connection mid-body; cancel them all.
                kotlinx.coroutines.yield()
                while (TestHttpServer.stallsOpen.get() < 5 && round.none { it.isCompleted }) kotlinx.coroutines.delay(1)
                round.forEach { it.cancel() }
                round.forEach { runCatching { it.await() } }
            }
            s.get("$base/json").json()["hello"].asText() shouldBe "world"
        }
    }

    test("a 1,000-way fan-out to one host runs at once with the default limits (CIO's 100 per route does not leak)") {
        // The gate answers only when all 1,000 requests are in the server at once: a 100-per-route cap
        // would hold 900 back and every request would get the gate's 503 after 30 s.
        withSession { s ->
            val statuses = (1..1000).map { async { s.get("$base/gate/fan-out/1000").also { it.bytes() }.status } }.awaitAll()
            statuses.count { it == 200 } shouldBe 1000
        }
    }
})

package dev.aio4j.http

import io.ktor.http.ContentType
import io.ktor.http.HttpStatusCode
import io.ktor.server.engine.EmbeddedServer
import io.ktor.server.engine.embeddedServer
import io.ktor.server.netty.Netty
import io.ktor.server.netty.NettyApplicationEngine
import io.ktor.server.request.httpMethod
import io.ktor.server.request.receiveText
import io.ktor.server.response.header
import io.ktor.server.response.respondBytes
import io.ktor.server.response.respondBytesWriter
import io.ktor.server.response.respondText
import io.ktor.server.routing.get
import io.ktor.server.routing.post
import io.ktor.server.routing.route
import io.ktor.server.routing.routing
import io.ktor.utils.io.writeFully
import kotlinx.coroutines.awaitCancellation
import kotlinx.coroutines.CompletableDeferred
import kotlinx.coroutines.delay
import kotlinx.coroutines.withTimeoutOrNull
import kotlinx.coroutines.runBlocking
import java.util.concurrent.ConcurrentHashMap
import java.util.concurrent.atomic.AtomicInteger

/**
 * A real HTTP server on 127.0.0.1 (Ktor on Netty, ephemeral port) for the HTTP client tests; one per
 * test JVM, started on first use. Endpoints:
 * - `GET /json` → `{"hello":"world","n":1}`; `ANY /echo` → JSON of method, query, headers, body
 * - `GET /status/{code}` → that status; `GET /delay/{seconds}` → "ok" after the delay
 * - `GET /users`, `/users/{id}`, `/users/{id}/posts` → the seed's API pipeline data
 * - `GET /flaky/{key}` → 503, 503, then 200 "recovered" (per key); `/retry-after/{key}` → 429 with
 *   `Retry-After: 1` once, then 200
 * - `GET /big?mb=N` → N MiB streamed in 64 KiB chunks; `/lines?n=N`; `/split-lines` (a line split across chunks); `/stall` → one chunk, then silence
 * - `GET /latin1`, `/badjson`, `/slowbody` (head and "a" at once, "b" after 2 s or `?ms=M`)
 * - `GET /gate/{key}/{n}` → 200 once `n` requests of that key are in the server at the same time (all
 *   answer then), 503 if that has not happened within 30 s: proves concurrency without timing it
 */
object TestHttpServer {
    val hits = ConcurrentHashMap<String, AtomicInteger>()
    val stallsOpen = AtomicInteger()
    private val gates = ConcurrentHashMap<String, Pair<AtomicInteger, CompletableDeferred<Unit>>>()

    private val server: EmbeddedServer<NettyApplicationEngine, NettyApplicationEngine.Configuration> by lazy {
        embeddedServer(Netty, port = 0, host = "127.0.0.1") {
            routing {
                get("/json") { call.respondText("""{"hello":"world","n":1}""", ContentType.Application.Json) }
                route("/echo") {
                    handle {
                        val body = call.receiveText()
                        val headers = call.request.headers.entries().joinToString(",") { (k, v) -> "\"${k.lowercase()}\":\"${v.first().replace("\"", "\\\"")}\"" }
                        val query = call.request.queryParameters.entries().joinToString(",") { (k, v) -> "\"$k\":\"${v.joinToString("|")}\"" }
                        val escaped = body.replace("\\", "\\\\").replace("\"", "\\\"")
                        call.respondText(
                            """{"method":"${call.request.httpMethod.value}","query":{$query},"headers":{$headers},"body":"$escaped"}""",
                            ContentType.Application.Json,
                        )
                    }
                }
                get("/status/{code}") {
                    val code = call.parameters["code"]!!.toInt()
                    call.respondText("status $code", status = HttpStatusCode.fromValue(code))
                }
                get("/delay/{s}") {
                    delay((call.parameters["s"]!!.toDouble() * 1000).toLong())
                    call.respondText("ok")
                }
                get("/gate/{key}/{n}") {
                    val n = call.parameters["n"]!!.toInt()
                    val (arrived, open) = gates.computeIfAbsent(call.parameters["key"]!!) { AtomicInteger() to CompletableDeferred() }
                    if (arrived.incrementAndGet() >= n) open.complete(Unit)
                    val opened = withTimeoutOrNull(30_000) { open.await() } != null
                    if (opened) call.respondText("open") else call.respondText("gate not reached", status = HttpStatusCode.ServiceUnavailable)
                }
                get("/users") { call.respondText("""[{"id":1,"name":"Ada"},{"id":2,"name":"Linus"},{"id":3,"name":"Grace"}]""", ContentType.Application.Json) }
                get("/users/{id}") {
                    val id = call.parameters["id"]!!.toInt()
                    call.respondText("""{"id":$id,"email":"user$id@example.com"}""", ContentType.Application.Json)
                }
                get("/users/{id}/posts") {
                    val id = call.parameters["id"]!!.toInt()
                    call.respondText((1..id).joinToString(",", "[", "]") { """{"userId":$id,"title":"post $it"}""" }, ContentType.Application.Json)
                }
                get("/flaky/{key}") {
                    val n = hits.computeIfAbsent("flaky/" + call.parameters["key"]) { AtomicInteger() }.incrementAndGet()
                    if (n <= 2) call.respondText("try again ($n)", status = HttpStatusCode.ServiceUnavailable)
                    else call.respondText("recovered after ${n - 1} failures")
                }
                get("/retry-after/{key}") {
                    val n = hits.computeIfAbsent("retry-after/" + call.parameters["key"]) { AtomicInteger() }.incrementAndGet()
                    if (n == 1) {
                        call.response.header("Retry-After", "1")
                        call.respondText("slow down", status = HttpStatusCode.TooManyRequests)
                    } else {
                        call.respondText("welcome back")
                    }
                }
                get("/big") {
                    val mb = call.request.queryParameters["mb"]!!.toInt()
                    call.respondBytesWriter(ContentType.Application.OctetStream) {
                        val chunk = ByteArray(64 * 1024) { (it % 251).toByte() }
                        repeat(mb * 16) { writeFully(chunk) }
                    }
                }
                get("/sized") {
                    val kb = call.request.queryParameters["kb"]!!.toInt()
                    call.respondBytes(ByteArray(kb * 1024) { (it % 251).toByte() }, ContentType.Application.OctetStream)
                }
                get("/lines") {
                    val n = call.request.queryParameters["n"]!!.toInt()
                    call.respondText((1..n).joinToString("\n") { "line $it" } + "\n")
                }
                get("/split-lines") {
                    // Two lines and the start of a third in one chunk, the rest in a later one.
                    call.respondBytesWriter(ContentType.Text.Plain) {
                        writeFully("l1\nl2\npart".toByteArray())
                        flush()
                        delay(50)
                        writeFully("ial\nl3\n".toByteArray())
                    }
                }
                get("/stall") {
                    call.respondBytesWriter(ContentType.Application.OctetStream) {
                        stallsOpen.incrementAndGet()
                        try {
                            writeFully(ByteArray(1024))
                            flush()
                            awaitCancellation()
                        } finally {
                            stallsOpen.decrementAndGet()
                        }
                    }
                }
                get("/latin1") {
                    call.respondBytesWriter(ContentType.parse("text/plain; charset=ISO-8859-1")) {
                        writeFully("café crème".toByteArray(Charsets.ISO_8859_1))
                    }
                }
                get("/badjson") { call.respondText("<html>definitely not json</html>", ContentType.Application.Json) }
                get("/slowbody") {
                    call.respondBytesWriter(ContentType.Text.Plain) {
                        writeFully("a".toByteArray())
                        flush()
                        delay(call.request.queryParameters["ms"]?.toLong() ?: 2000)
                        writeFully("b".toByteArray())
                    }
                }
            }
        }.start(wait = false)
    }

    @JvmStatic
    val port: Int by lazy { runBlocking { server.engine.resolvedConnectors().first().port } }

    @JvmStatic
    fun url(path: String): String = "http://127.0.0.1:$port$path"
}

package dev.aio4j.server

import io.ktor.http.ContentType
import io.ktor.http.HttpMethod
import io.ktor.server.response.respondBytes
import io.ktor.http.HttpStatusCode
import io.ktor.server.response.respond
import io.ktor.server.routing.Route
import io.ktor.server.routing.get
import io.ktor.server.routing.route
import kotlinx.coroutines.delay
import kotlin.math.roundToLong

/** Longest `/delay`, in seconds. */
internal const val MAX_DELAY_SECONDS: Double = 10.0

/**
 * httpbin-like endpoints:
 * - `GET /delay/{seconds}`: answers `{"delay": s}` after `s` seconds (fractions allowed, at most 10).
 *   The wait is a suspending `delay`, so waiting requests hold no thread and thousands can wait at once.
 * - `GET /status/{code}`: answers with that status (200..599) and no body. 1xx codes are refused with
 *   400: they are interim responses, and a client given one as the final answer waits forever.
 * - `GET /json`: a small fixed JSON document (serialized once).
 */
internal fun Route.httpbinRoutes() {
    route("/delay/{seconds}") {
        allowOnly(HttpMethod.Get)
        get {
            val raw = call.parameters["seconds"].orEmpty()
            val seconds = raw.toDoubleOrNull()?.takeIf { it.isFinite() }
                ?: badRequest("Delay must be a number of seconds, such as 1 or 0.25, got '$raw'")
            if (seconds < 0.0 || seconds > MAX_DELAY_SECONDS) {
                badRequest("Delay must be between 0 and 10 seconds, got $raw")
            }
            delay((seconds * 1_000).roundToLong())
            call.respondJson(mapOf("delay" to if (seconds % 1.0 == 0.0) seconds.toLong() else seconds))
        }
    }
    route("/status/{code}") {
        allowOnly(HttpMethod.Get)
        get {
            val raw = call.parameters["code"].orEmpty()
            val code = raw.toIntOrNull()?.takeIf { it in 100..599 }
                ?: badRequest("Status code must be an integer from 200 to 599, got '$raw'")
            if (code < 200) {
                badRequest(
                    "Status $code is an interim (1xx) response and cannot end a request; use 200 to 599",
                )
            }
            call.attributes.put(RawStatus, Unit)
            call.respond(HttpStatusCode.fromValue(code))
        }
    }
    get("/json") {
        call.respondBytes(SLIDESHOW_JSON, ContentType.Application.Json)
    }
}

/**
 * `/json`'s body, serialized once: the document never changes, so serializing it per call would only
 * measure Jackson (W6 benchmarks this endpoint; Node's comparator also serializes once).
 */
private val SLIDESHOW_JSON: ByteArray by lazy { JsonMapper.writeValueAsBytes(SLIDESHOW) }

private val SLIDESHOW: Map<String, Any> = mapOf(
    "slideshow" to mapOf(
        "author" to "aio4j",
        "date" to "2026-01-01",
        "title" to "Sample Slide Show",
        "slides" to listOf(
            mapOf("title" to "Wake up to asyncio!", "type" to "all"),
            mapOf("title" to "Overview", "type" to "all", "items" to listOf("Why async I/O", "Who uses it")),
        ),
    ),
)

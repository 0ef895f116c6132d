package dev.aio4j.server

import io.ktor.http.HttpHeaders
import io.ktor.http.HttpStatusCode
import io.ktor.server.application.Application
import io.ktor.server.application.ApplicationCall
import io.ktor.server.application.install
import io.ktor.server.http.content.HttpStatusCodeContent
import io.ktor.server.plugins.BadRequestException
import io.ktor.server.plugins.NotFoundException
import io.ktor.server.plugins.PayloadTooLargeException
import io.ktor.server.plugins.UnsupportedMediaTypeException
import io.ktor.server.plugins.statuspages.StatusPages
import io.ktor.server.request.httpMethod
import io.ktor.server.request.path
import io.ktor.server.request.uri
import io.ktor.server.response.header
import io.ktor.util.AttributeKey
import kotlinx.coroutines.CancellationException
import org.slf4j.LoggerFactory
import java.io.IOException

private val log = LoggerFactory.getLogger("dev.aio4j.server.Errors")

/** Marks a call whose bare status is the point (`/status/{code}`): error statuses keep no body. */
internal val RawStatus: AttributeKey<Unit> = AttributeKey("aio4j.RawStatus")

/**
 * Turns every failure into `{"error": "...", "status": N}`:
 * - [ApiException] and Ktor's request exceptions keep their 4xx and message;
 * - a bodyless error status (unknown route 404, wrong method 405, …) gets a JSON body;
 * - anything else is logged and answered 500 with a generic message, never a stack trace.
 */
internal fun Application.installJsonErrors() {
    install(StatusPages) {
        exception<ApiException> { call, e ->
            if (e.status == HttpStatusCode.PayloadTooLarge) call.response.header(HttpHeaders.Connection, "close")
            call.respondError(e.status, e.message)
        }
        exception<PayloadTooLargeException> { call, e ->
            call.response.header(HttpHeaders.Connection, "close")
            call.respondError(HttpStatusCode.PayloadTooLarge, e.message ?: "Request body is too large")
        }
        exception<BadRequestException> { call, e ->
            call.respondError(HttpStatusCode.BadRequest, e.message ?: "Bad request")
        }
        exception<NotFoundException> { call, e -> call.respondError(HttpStatusCode.NotFound, e.message ?: "Not found") }
        exception<UnsupportedMediaTypeException> { call, e ->
            call.respondError(HttpStatusCode.UnsupportedMediaType, e.message ?: "Unsupported media type")
        }
        exception<Throwable> { call, e -> respondUnexpected(call, e) }
        status(*errorStatuses) { status ->
            if (content is HttpStatusCodeContent && !call.attributes.contains(RawStatus)) {
                call.respondError(status, defaultMessage(call, status))
            }
        }
    }
}

private val errorStatuses: Array<HttpStatusCode> =
    HttpStatusCode.allStatusCodes.filter { it.value >= 400 }.toTypedArray()

private fun defaultMessage(call: ApplicationCall, status: HttpStatusCode): String {
    val request = "${call.request.httpMethod.value} ${call.request.path()}"
    return when (status) {
        HttpStatusCode.NotFound -> "No resource at $request; GET / lists the endpoints"
        HttpStatusCode.MethodNotAllowed -> "$request: method not allowed here; GET / lists each endpoint's method"
        else -> "$request: ${status.description}"
    }
}

private suspend fun respondUnexpected(call: ApplicationCall, e: Throwable) {
    // Cancellation is the call being torn down (client gone, server stopping), not an error to report.
    if (e is CancellationException) throw e
    val request = "${call.request.httpMethod.value} ${call.request.uri}"
    if (call.response.isCommitted) {
        // Mid-stream failure (typically the client went away during SSE): nothing left to answer.
        if (e is IOException) {
            log.debug("{} ended early: {}", request, e.toString())
        } else {
            log.error("{} failed mid-response", request, e)
        }
        return
    }
    log.error("Unexpected error in {}", request, e)
    call.respondError(HttpStatusCode.InternalServerError, "Internal server error; the server log has the details")
}

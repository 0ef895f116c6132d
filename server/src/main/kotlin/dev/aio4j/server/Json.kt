package dev.aio4j.server

import com.fasterxml.jackson.core.JsonProcessingException
import com.fasterxml.jackson.databind.DeserializationFeature
import com.fasterxml.jackson.databind.ObjectMapper
import com.fasterxml.jackson.databind.node.ObjectNode
import com.fasterxml.jackson.module.kotlin.jacksonObjectMapper
import io.ktor.http.ContentType
import io.ktor.http.HttpStatusCode
import io.ktor.http.HttpStatusCode.Companion.PayloadTooLarge
import io.ktor.server.application.ApplicationCall
import io.ktor.server.request.contentLength
import io.ktor.server.request.receiveChannel
import io.ktor.server.response.respondBytes
import io.ktor.utils.io.readRemaining
import kotlinx.io.readByteArray

/** The one Jackson mapper of the server (thread-safe once configured). */
internal val JsonMapper: ObjectMapper = jacksonObjectMapper()
    .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)

/** Responds with [value] serialized as JSON. */
internal suspend fun ApplicationCall.respondJson(value: Any?, status: HttpStatusCode = HttpStatusCode.OK) {
    respondBytes(JsonMapper.writeValueAsBytes(value), ContentType.Application.Json, status)
}

/** Responds with the error document `{"error": message, "status": code}` every failure uses. */
internal suspend fun ApplicationCall.respondError(status: HttpStatusCode, message: String) {
    respondJson(ErrorBody(message, status.value), status)
}

/** The body of every error response. */
internal data class ErrorBody(val error: String, val status: Int)

/**
 * Reads the body as a JSON object, refusing more than [maxBytes] bytes (413) and anything that is not
 * a well-formed JSON object (400). A declared `Content-Length` over the limit is refused unread.
 */
internal suspend fun ApplicationCall.receiveJsonObject(maxBytes: Long): ObjectNode {
    val declared = request.contentLength()
    if (declared != null && declared > maxBytes) {
        throw ApiException(PayloadTooLarge, "Request body is $declared bytes; the limit is $maxBytes bytes")
    }
    // Read one byte past the limit: a chunked body that long is too large, whatever it would have grown to.
    val bytes = receiveChannel().readRemaining(maxBytes + 1).readByteArray()
    if (bytes.size > maxBytes) {
        throw ApiException(PayloadTooLarge, "Request body exceeds the limit of $maxBytes bytes")
    }
    if (bytes.isEmpty()) {
        badRequest("Request body is empty; send a JSON object, e.g. {\"data\": \"hello\"}")
    }
    val node = try {
        JsonMapper.readTree(bytes)
    } catch (e: JsonProcessingException) {
        val where = e.location?.let { " at line ${it.lineNr}, column ${it.columnNr}" } ?: ""
        badRequest("Malformed JSON$where: ${e.originalMessage}")
    }
    return node as? ObjectNode
        ?: badRequest("Expected a JSON object ({...}), got ${node.nodeType.name.lowercase()}")
}

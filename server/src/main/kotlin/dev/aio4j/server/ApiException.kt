package dev.aio4j.server

import io.ktor.http.HttpStatusCode

/**
 * A request the server refuses, with the status and a message a person can act on. Thrown by
 * handlers and turned into `{"error": message, "status": code}` by [installJsonErrors].
 */
internal class ApiException(
    internal val status: HttpStatusCode,
    override val message: String,
) : RuntimeException(message, null, false, false)

/** Throws a 400 [ApiException] with [message]. */
internal fun badRequest(message: String): Nothing = throw ApiException(HttpStatusCode.BadRequest, message)

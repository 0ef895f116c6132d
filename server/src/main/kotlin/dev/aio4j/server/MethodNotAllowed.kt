package dev.aio4j.server

import io.ktor.http.HttpHeaders
import io.ktor.http.HttpMethod
import io.ktor.http.HttpStatusCode
import io.ktor.server.request.httpMethod
import io.ktor.server.request.path
import io.ktor.server.response.header
import io.ktor.server.routing.Route

/**
 * Answers 405 with `Allow: [method]` for every other method on this route. Needed on routes with a
 * path parameter: for those, Ktor's routing reports a wrong method as 404, not 405.
 *
 * ```kotlin
 * route("/users/{id}") {
 *     get { ... }
 *     allowOnly(HttpMethod.Get)
 * }
 * ```
 */
internal fun Route.allowOnly(method: HttpMethod) {
    handle {
        call.response.header(HttpHeaders.Allow, method.value)
        call.respondError(
            HttpStatusCode.MethodNotAllowed,
            "${call.request.httpMethod.value} ${call.request.path()}: method not allowed; use ${method.value}",
        )
    }
}

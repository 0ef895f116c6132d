package dev.aio4j.server

import io.ktor.http.HttpMethod
import io.ktor.http.HttpStatusCode
import io.ktor.server.application.ApplicationCall
import io.ktor.server.routing.Route
import io.ktor.server.routing.get
import io.ktor.server.routing.route

/**
 * - `GET /users`: `{"users": [...], "count": 10}`.
 * - `GET /users/{id}`: one user; 400 for a non-numeric id, 404 for an unknown one.
 * - `GET /users/{id}/posts`: that user's posts as a JSON array, with the same errors.
 */
internal fun Route.userRoutes() {
    get("/users") {
        call.respondJson(mapOf("users" to FakeUsers.users, "count" to FakeUsers.users.size))
    }
    route("/users/{id}") {
        allowOnly(HttpMethod.Get)
        get {
            call.respondJson(call.requestedUser())
        }
        route("/posts") {
            allowOnly(HttpMethod.Get)
            get {
                call.respondJson(FakeUsers.postsOf(call.requestedUser()))
            }
        }
    }
}

private fun ApplicationCall.requestedUser(): User {
    val raw = parameters["id"].orEmpty()
    val id = raw.toIntOrNull()
        ?: badRequest("User id must be an integer, got '$raw'")
    return FakeUsers.user(id)
        ?: throw ApiException(HttpStatusCode.NotFound, "No user with id $id; ids run from 1 to ${FakeUsers.users.size}")
}

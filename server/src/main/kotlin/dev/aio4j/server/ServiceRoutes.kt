package dev.aio4j.server

import io.ktor.server.routing.Route
import io.ktor.server.routing.get

/** What `GET /` lists; error messages point callers here. */
internal val ENDPOINTS: List<String> = listOf(
    "GET /",
    "GET /health",
    "GET /delay/{seconds}",
    "GET /status/{code}",
    "GET /json",
    "GET /users",
    "GET /users/{id}",
    "GET /users/{id}/posts",
    "GET /posts",
    "GET /comments",
    "POST /api/process",
    "POST /compute",
    "GET /events?count=N&intervalMs=M",
    "GET /pages/",
    "GET /site/",
    "GET /site/page/{n}",
    "GET /site/slow?delayMs=M",
    "GET /site/flaky/{key}?failures=K&delayMs=M",
    "GET /debug/tasks",
    "GET /debug/",
    "WebSocket /chat",
    "GET /chat/",
)

/**
 * - `GET /`: the list of endpoints.
 * - `GET /health`: `{"status": "ok", "inFlight": n, "sseStreams": m}`; `inFlight` counts this call too.
 */
internal fun Route.serviceRoutes(state: ServerState) {
    get("/") {
        call.respondJson(mapOf("endpoints" to ENDPOINTS))
    }
    get("/health") {
        call.respondJson(
            mapOf("status" to "ok", "inFlight" to state.inFlight.value, "sseStreams" to state.sseStreams.value),
        )
    }
}

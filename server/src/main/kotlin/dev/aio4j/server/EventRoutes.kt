package dev.aio4j.server

import io.ktor.http.HttpHeaders
import io.ktor.http.HttpStatusCode
import io.ktor.server.application.ApplicationCall
import io.ktor.server.response.header
import io.ktor.server.response.respond
import io.ktor.server.routing.Route
import io.ktor.server.routing.get
import io.ktor.server.sse.SSEServerContent
import io.ktor.server.sse.ServerSSESession
import io.ktor.sse.ServerSentEvent
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.delay
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.first
import kotlinx.coroutines.flow.flow
import kotlinx.coroutines.launch

/**
 * `GET /events?count=N&intervalMs=M`: Server-Sent Events `tick` with ids 1..N and data `Event i`,
 * the first at once and then one every M ms (defaults 10 and 1000).
 *
 * Parameters are checked before the stream starts, so a bad one gets a JSON 400, not a broken stream.
 * The events come from [ticks], a cold [Flow]: when the client disconnects, or the server starts
 * draining, the producer is cancelled and its `finally` runs.
 */
internal fun Route.eventRoutes(state: ServerState) {
    get("/events") {
        val count = call.intQuery("count", default = 10, range = 1..10_000)
        val intervalMs = call.intQuery("intervalMs", default = 1_000, range = 0..60_000)
        call.response.header(HttpHeaders.CacheControl, "no-store")
        call.respond(SSEServerContent(call) { stream(ticks(count, intervalMs.toLong(), state), state) })
    }
}

/** The async generator behind `/events`; [ServerState.sseStreams] counts it while it runs. */
internal fun ticks(count: Int, intervalMs: Long, state: ServerState): Flow<ServerSentEvent> = flow {
    state.streamOpened()
    try {
        for (i in 1..count) {
            if (i > 1) delay(intervalMs)
            emit(ServerSentEvent(data = "Event $i", event = "tick", id = "$i"))
        }
    } finally {
        state.streamClosed()
    }
}

private suspend fun ServerSSESession.stream(events: Flow<ServerSentEvent>, state: ServerState) {
    coroutineScope {
        val producer = launch { events.collect { send(it) } }
        // Draining ends the stream cleanly (the response completes) instead of holding up close().
        val stopper = launch {
            state.draining.first { it }
            producer.cancel()
        }
        producer.join()
        stopper.cancel()
    }
}

private fun ApplicationCall.intQuery(name: String, default: Int, range: IntRange): Int {
    val raw = request.queryParameters[name] ?: return default
    return raw.toIntOrNull()?.takeIf { it in range }
        ?: badRequest(
            "Query parameter '$name' must be an integer from ${range.first} to ${range.last}, got '$raw'",
        )
}

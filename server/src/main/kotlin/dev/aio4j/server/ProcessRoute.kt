package dev.aio4j.server

import io.ktor.server.routing.Route
import io.ktor.server.routing.post

/**
 * `POST /api/process`: echoes the JSON object it receives with `"processed": true` and
 * `"processedAt"` (ISO-8601, UTC) added. Bodies over [ServerConfig.maxBodyBytes] get 413.
 */
internal fun Route.processRoute(config: ServerConfig, state: ServerState) {
    post("/api/process") {
        val body = call.receiveJsonObject(config.maxBodyBytes)
        body.put("processed", true)
        body.put("processedAt", state.clock.instant().toString())
        call.respondJson(body)
    }
}

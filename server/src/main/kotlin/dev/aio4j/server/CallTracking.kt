package dev.aio4j.server

import io.ktor.http.HttpHeaders
import io.ktor.http.HttpStatusCode
import io.ktor.server.application.Application
import io.ktor.server.application.ApplicationCallPipeline
import io.ktor.server.application.call
import io.ktor.server.response.header
import kotlinx.coroutines.job

/**
 * Refuses new calls with 503 once the server is draining, and counts every admitted call in
 * [ServerState.inFlight] for as long as its pipeline runs, response included. [DemoServer.close]
 * waits on that count.
 *
 * The draining check comes first, so a counted call is always one that will be served: a test (or
 * `close`) that sees the count go up knows the call is past the check.
 */
internal fun Application.installCallTracking(state: ServerState) {
    intercept(ApplicationCallPipeline.Setup) {
        if (state.draining.value) {
            call.response.header(HttpHeaders.Connection, "close")
            call.respondError(
                HttpStatusCode.ServiceUnavailable,
                "The server is shutting down; retry against a running instance",
            )
            finish()
            return@intercept
        }
        val job = coroutineContext.job
        state.callStarted(job)
        try {
            proceed()
        } finally {
            state.callFinished(job)
        }
    }
}

package dev.aio4j.server

import io.ktor.server.application.Application
import io.ktor.server.application.ApplicationStopped
import io.ktor.server.application.install
import io.ktor.server.routing.routing
import io.ktor.server.sse.SSE
import kotlinx.coroutines.asCoroutineDispatcher

/**
 * Installs the demo server's endpoints, JSON errors and bookkeeping on this application. Used by
 * [DemoServer] on Netty and by tests on Ktor's in-process engine:
 *
 * ```kotlin
 * testApplication {
 *     application { module(ServerConfig()) }
 *     client.get("/health").status shouldBe HttpStatusCode.OK
 * }
 * ```
 *
 * `GET /` lists the endpoints. Every error is `{"error": "...", "status": N}`.
 */
public fun Application.module(config: ServerConfig) {
    val state = ServerState(config)
    monitor.subscribe(ApplicationStopped) { state.closeAio() }
    module(config, state)
}

/** [module] with the state (counters, clock, compute executor) supplied, so tests can observe it. */
@JvmSynthetic // keeps it out of the Java view of ApplicationKt
internal fun Application.module(config: ServerConfig, state: ServerState) {
    val compute = state.computeExecutor?.asCoroutineDispatcher()
        ?: newComputeDispatcher(config.computeThreads).also { pool ->
            monitor.subscribe(ApplicationStopped) { pool.close() }
        }
    installCallTracking(state)
    installJsonErrors()
    install(SSE)
    installChatSockets(config)
    routing {
        serviceRoutes(state)
        httpbinRoutes()
        userRoutes()
        feedRoutes()
        processRoute(config, state)
        computeRoute(config, compute)
        eventRoutes(state)
        pageRoutes()
        siteRoutes()
        debugRoutes(state)
        chatRoutes(state)
    }
}

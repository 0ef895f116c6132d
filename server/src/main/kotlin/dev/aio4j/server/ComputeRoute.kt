package dev.aio4j.server

import io.ktor.http.HttpStatusCode
import io.ktor.server.routing.Route
import io.ktor.server.routing.post
import kotlinx.coroutines.CoroutineDispatcher
import dev.aio4j.coroutines.runInExecutor
import kotlinx.coroutines.asExecutor
import kotlinx.coroutines.currentCoroutineContext
import kotlinx.coroutines.job

/** Most hash rounds one `/compute` call may ask for. */
internal const val MAX_ITERATIONS: Int = 5_000_000

/**
 * `POST /compute` with `{"data": "...", "iterations": N}`: runs [sha256HexChain] on [compute] (never on
 * a request thread) and answers `{"result": hex, "iterations": N}`. N must be in 1..5,000,000.
 */
internal fun Route.computeRoute(config: ServerConfig, compute: CoroutineDispatcher) {
    post("/compute") {
        val body = call.receiveJsonObject(config.maxBodyBytes)
        val data = body.get("data")
        if (data == null || !data.isTextual) {
            badRequest(
                "Field 'data' must be a string, got ${data ?: "nothing"}; " +
                    "e.g. {\"data\": \"hello\", \"iterations\": 1000}",
            )
        }
        val rounds = body.get("iterations")
        val iterations = rounds?.takeIf { it.isIntegralNumber && it.canConvertToInt() }?.intValue()
            ?.takeIf { it in 1..MAX_ITERATIONS }
            ?: badRequest(
                "Field 'iterations' must be an integer from 1 to $MAX_ITERATIONS, got ${rounds ?: "nothing"}",
            )
        // runInExecutor never interrupts a running call (asyncio's semantics), so the chain itself polls
        // the request's job and stops when the client has gone.
        val request = currentCoroutineContext().job
        val result = runInExecutor(compute.asExecutor()) {
            sha256HexChain(data.textValue(), iterations) { request.isActive }
        }
        call.respondJson(mapOf("result" to result, "iterations" to iterations))
    }
}

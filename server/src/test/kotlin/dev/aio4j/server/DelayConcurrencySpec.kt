package dev.aio4j.server

import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.ktor.client.request.get
import io.ktor.http.HttpStatusCode
import kotlinx.coroutines.async
import kotlinx.coroutines.awaitAll
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.flow.first
import kotlinx.coroutines.withTimeout
import kotlin.time.Duration.Companion.seconds

/**
 * Starts [n] `/delay/{seconds}` calls at once and checks that all [n] are waiting at the same moment
 * (so waiting holds no thread: the engine has only a handful) and that every one then answers 200.
 */
internal fun concurrentDelays(n: Int, seconds: Int) {
    val state = ServerState()
    serverTest(state = state) {
        coroutineScope {
            val calls = (1..n).map { async { client.get("/delay/$seconds") } }
            withTimeout((seconds * 3).seconds) { state.inFlight.first { it == n } }
            val statuses = withTimeout((seconds * 6).seconds) { calls.awaitAll() }.map { it.status }
            statuses.groupingBy { it }.eachCount() shouldBe mapOf(HttpStatusCode.OK to n)
        }
    }
}

class DelayConcurrencySpec : FunSpec({
    test("1,000 concurrent /delay calls are all in flight at once and all answer 200") {
        concurrentDelays(n = 1_000, seconds = 3)
    }
})

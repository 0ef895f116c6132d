package dev.aio4j.server

import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldBeEmpty
import io.ktor.client.request.get
import io.ktor.client.request.prepareGet
import io.ktor.client.statement.bodyAsChannel
import io.ktor.client.statement.bodyAsText
import io.ktor.http.ContentType
import io.ktor.http.HttpHeaders
import io.ktor.http.HttpStatusCode
import io.ktor.http.contentType
import io.ktor.utils.io.readRemaining
import io.ktor.utils.io.readLine
import kotlinx.coroutines.ExperimentalCoroutinesApi
import kotlinx.coroutines.flow.first
import kotlinx.coroutines.flow.toList
import kotlinx.coroutines.test.runTest
import kotlinx.coroutines.withTimeout
import kotlinx.io.readString
import kotlin.time.Duration.Companion.seconds

class EventRoutesSpec : FunSpec({
    test("GET /events streams count tick events in order, then ends and its producer cleans up") {
        val state = ServerState()
        serverTest(state = state) {
            val response = client.get("/events?count=3&intervalMs=5")
            response.status shouldBe HttpStatusCode.OK
            response.contentType()?.withoutParameters() shouldBe ContentType.Text.EventStream
            response.headers[HttpHeaders.CacheControl] shouldBe "no-store"
            parseSse(response.bodyAsText()) shouldBe listOf(tick(1), tick(2), tick(3))
            state.sseStreams.value shouldBe 0
        }
    }

    test("bad count or intervalMs is a JSON 400 before any stream starts") {
        serverTest {
            client.get("/events?count=0").shouldBeBadRequest("'count' must be an integer from 1 to 10000, got '0'")
            client.get("/events?count=many").shouldBeBadRequest("got 'many'")
            client.get("/events?intervalMs=-5").shouldBeBadRequest("'intervalMs' must be an integer from 0 to 60000")
        }
    }

    test("draining ends an open stream at once and runs the producer's finally") {
        val state = ServerState()
        serverTest(state = state) {
            client.prepareGet("/events?count=1000&intervalMs=60000").execute { response ->
                val body = response.bodyAsChannel()
                val first = buildString {
                    while (true) {
                        val line = withTimeout(10.seconds) { body.readLine() } ?: break
                        if (line.isEmpty()) break
                        append(line).append('\n')
                    }
                }
                parseSse(first) shouldBe listOf(tick(1))
                state.sseStreams.value shouldBe 1
                state.beginDraining()
                // The next tick is a minute away: only draining can end the body this soon.
                withTimeout(10.seconds) { body.readRemaining().readString() }.shouldBeEmpty()
            }
            withTimeout(10.seconds) { state.sseStreams.first { it == 0 } }
        }
    }

    @OptIn(ExperimentalCoroutinesApi::class) // testScheduler.currentTime
    test("the ticks flow emits lazily and its finally runs when its collector stops early") {
        val state = ServerState()
        runTest {
            val flow = ticks(count = 5, intervalMs = 1_000, state = state)
            state.sseStreams.value shouldBe 0
            flow.toList().size shouldBe 5
            testScheduler.currentTime shouldBe 4_000
            flow.first().let { listOf(it.event, it.data, it.id) } shouldBe listOf("tick", "Event 1", "1")
            state.sseStreams.value shouldBe 0
        }
    }
})

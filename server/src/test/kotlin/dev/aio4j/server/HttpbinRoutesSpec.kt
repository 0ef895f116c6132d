package dev.aio4j.server

import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldContainAll
import io.kotest.matchers.comparables.shouldBeGreaterThanOrEqualTo
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldBeEmpty
import io.ktor.client.request.get
import io.ktor.client.statement.bodyAsText
import io.ktor.http.HttpStatusCode
import kotlin.time.Duration.Companion.milliseconds
import kotlin.time.TimeSource

class HttpbinRoutesSpec : FunSpec({
    test("GET /delay/{seconds} answers with the delay after waiting at least that long") {
        serverTest {
            val started = TimeSource.Monotonic.markNow()
            val response = client.get("/delay/0.2")
            started.elapsedNow() shouldBeGreaterThanOrEqualTo 200.milliseconds
            response.status shouldBe HttpStatusCode.OK
            response.json()["delay"].doubleValue() shouldBe 0.2
            client.get("/delay/0").json().toString() shouldBe """{"delay":0}"""
        }
    }

    test("GET /delay refuses negative, over-10-second and non-numeric delays with 400") {
        serverTest {
            client.get("/delay/10.5").shouldBeBadRequest("between 0 and 10 seconds, got 10.5")
            client.get("/delay/-1").shouldBeBadRequest("between 0 and 10 seconds, got -1")
            client.get("/delay/soon").shouldBeBadRequest("number of seconds, such as 1 or 0.25, got 'soon'")
            client.get("/delay/NaN").shouldBeBadRequest("got 'NaN'")
        }
    }

    test("GET /status/{code} answers with that status and no body, error statuses included") {
        serverTest {
            val client = createClient { followRedirects = false }
            for (code in listOf(200, 201, 204, 302, 404, 418, 500, 503)) {
                val response = client.get("/status/$code")
                response.status.value shouldBe code
                response.bodyAsText().shouldBeEmpty()
            }
        }
    }

    test("GET /status refuses codes outside 200..599 and non-integers with 400, saying why for 1xx") {
        serverTest {
            client.get("/status/99").shouldBeBadRequest("integer from 200 to 599, got '99'")
            client.get("/status/100").shouldBeBadRequest("Status 100 is an interim (1xx) response")
            client.get("/status/199").shouldBeBadRequest("use 200 to 599")
            client.get("/status/600").shouldBeBadRequest("got '600'")
            client.get("/status/ok").shouldBeBadRequest("got 'ok'")
        }
    }

    test("GET /json answers a fixed document") {
        serverTest {
            val slideshow = client.get("/json").json()["slideshow"]
            slideshow["title"].textValue() shouldBe "Sample Slide Show"
            slideshow["slides"].map { it["title"].textValue() } shouldBe listOf("Wake up to asyncio!", "Overview")
        }
    }

    test("GET / lists the endpoints and GET /health reports counters, this call included") {
        serverTest {
            client.get("/").json()["endpoints"].map { it.textValue() } shouldContainAll
                listOf("GET /delay/{seconds}", "POST /compute", "GET /events?count=N&intervalMs=M")
            client.get("/health").json().toString() shouldBe """{"status":"ok","inFlight":1,"sseStreams":0}"""
        }
    }
})

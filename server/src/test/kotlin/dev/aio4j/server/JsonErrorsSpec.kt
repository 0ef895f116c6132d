package dev.aio4j.server

import ch.qos.logback.classic.Logger
import ch.qos.logback.classic.spi.ILoggingEvent
import ch.qos.logback.core.read.ListAppender
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldNotContain
import io.ktor.client.request.get
import io.ktor.client.request.post
import io.ktor.client.request.request
import io.ktor.client.statement.bodyAsText
import io.ktor.http.HttpHeaders
import io.ktor.http.HttpMethod
import io.ktor.http.HttpStatusCode
import io.ktor.server.routing.get
import io.ktor.server.routing.routing
import org.slf4j.LoggerFactory

class JsonErrorsSpec : FunSpec({
    test("an unknown route is a JSON 404 that points at the endpoint list") {
        serverTest {
            client.get("/nope")
                .shouldBeError(HttpStatusCode.NotFound, "No resource at GET /nope; GET / lists the endpoints")
        }
    }

    test("a wrong method on a known route is a JSON 405, with Allow on routes with a path parameter") {
        serverTest {
            client.post("/json").shouldBeError(HttpStatusCode.MethodNotAllowed, "POST /json: method not allowed")
            client.get("/api/process").shouldBeError(HttpStatusCode.MethodNotAllowed, "GET /api/process")
            val wrong = listOf(
                "DELETE" to "/users/1",
                "PUT" to "/users/1/posts",
                "POST" to "/delay/1",
                "POST" to "/status/200",
            )
            for ((method, path) in wrong) {
                val response = client.request(path) { this.method = HttpMethod.parse(method) }
                response.shouldBeError(HttpStatusCode.MethodNotAllowed, "$method $path: method not allowed; use GET")
                response.headers[HttpHeaders.Allow] shouldBe "GET"
            }
        }
    }

    test("an unexpected exception is a generic JSON 500, logged with its stack trace but never sent") {
        val logger = LoggerFactory.getLogger("dev.aio4j.server.Errors") as Logger
        val captured = ListAppender<ILoggingEvent>().apply { start() }
        logger.addAppender(captured)
        try {
            serverTest {
                application { routing { get("/boom") { error("secret detail") } } }
                val response = client.get("/boom")
                response.shouldBeError(
                    HttpStatusCode.InternalServerError,
                    "Internal server error; the server log has the details",
                )
                response.bodyAsText() shouldNotContain "secret"
            }
            captured.list.map { it.formattedMessage to it.throwableProxy?.message } shouldBe
                listOf("Unexpected error in GET /boom" to "secret detail")
        } finally {
            logger.detachAppender(captured)
        }
    }

    test("while draining, new calls get a JSON 503 and Connection: close") {
        val state = ServerState()
        serverTest(state = state) {
            client.get("/health").status shouldBe HttpStatusCode.OK
            state.beginDraining()
            val refused = client.get("/health")
            refused.shouldBeError(HttpStatusCode.ServiceUnavailable, "The server is shutting down")
            refused.headers[HttpHeaders.Connection] shouldBe "close"
            state.inFlight.value shouldBe 0
        }
    }
})

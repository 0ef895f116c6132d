package dev.aio4j.server

import com.fasterxml.jackson.databind.JsonNode
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.ktor.client.statement.HttpResponse
import io.ktor.client.statement.bodyAsText
import io.ktor.http.ContentType
import io.ktor.http.HttpStatusCode
import io.ktor.http.contentType
import io.ktor.server.testing.ApplicationTestBuilder
import io.ktor.server.testing.testApplication

/** Runs [block] against the demo module on Ktor's in-process engine (no sockets). */
internal fun serverTest(
    config: ServerConfig = ServerConfig(),
    state: ServerState = ServerState(),
    block: suspend ApplicationTestBuilder.() -> Unit,
) = testApplication {
    application { module(config, state) }
    block()
}

/** The body parsed as JSON, after checking the response says it is JSON. */
internal suspend fun HttpResponse.json(): JsonNode {
    contentType()?.withoutParameters() shouldBe ContentType.Application.Json
    return JsonMapper.readTree(bodyAsText())
}

/** Checks the response is the error document `{"error": "...", "status": N}` and returns its message. */
internal suspend fun HttpResponse.shouldBeError(status: HttpStatusCode, messagePart: String): String {
    this.status shouldBe status
    val body = json()
    body.fieldNames().asSequence().toSet() shouldBe setOf("error", "status")
    body["status"].intValue() shouldBe status.value
    val message = body["error"].textValue()
    message shouldContain messagePart
    return message
}

/** [shouldBeError] for 400. */
internal suspend fun HttpResponse.shouldBeBadRequest(messagePart: String): String =
    shouldBeError(HttpStatusCode.BadRequest, messagePart)

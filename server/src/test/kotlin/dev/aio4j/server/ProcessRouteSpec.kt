package dev.aio4j.server

import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.ktor.client.request.post
import io.ktor.client.request.setBody
import io.ktor.http.ContentType
import io.ktor.http.HttpStatusCode
import io.ktor.http.content.OutgoingContent
import io.ktor.http.contentType
import io.ktor.utils.io.ByteWriteChannel
import io.ktor.utils.io.writeFully
import java.time.Clock
import java.time.Instant
import java.time.ZoneOffset

private val fixedClock = Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC)

/** A body of [size] bytes streamed without a Content-Length (chunked on the wire). */
private fun streamedBody(size: Int) = object : OutgoingContent.WriteChannelContent() {
    override val contentType = ContentType.Application.Json
    override suspend fun writeTo(channel: ByteWriteChannel) {
        channel.writeFully(("{\"data\": \"" + "x".repeat(size - 12) + "\"}").toByteArray())
    }
}

class ProcessRouteSpec : FunSpec({
    test("POST /api/process echoes the object with processed and processedAt added") {
        serverTest(state = ServerState(clock = fixedClock)) {
            val response = client.post("/api/process") {
                contentType(ContentType.Application.Json)
                setBody("""{"data": "hello", "n": [1, 2]}""")
            }
            response.status shouldBe HttpStatusCode.OK
            response.json().toString() shouldBe
                """{"data":"hello","n":[1,2],"processed":true,"processedAt":"2026-01-02T03:04:05Z"}"""
        }
    }

    test("malformed JSON, a non-object and an empty body are 400s that say what is wrong") {
        serverTest {
            suspend fun send(body: String) = client.post("/api/process") {
                contentType(ContentType.Application.Json)
                setBody(body)
            }
            send("""{"data": "hello""").shouldBeBadRequest("Malformed JSON at line 1")
            send("""{"a": 1} trailing""").shouldBeBadRequest("Malformed JSON")
            send("""[1, 2]""").shouldBeBadRequest("Expected a JSON object ({...}), got array")
            send("").shouldBeBadRequest("Request body is empty")
        }
    }

    test("a body over the configured limit is a 413, whether its length is declared or streamed") {
        serverTest(config = ServerConfig(maxBodyBytes = 64)) {
            val declared = client.post("/api/process") {
                contentType(ContentType.Application.Json)
                setBody("""{"data": "${"x".repeat(100)}"}""")
            }
            declared.shouldBeError(HttpStatusCode.PayloadTooLarge, "Request body is 112 bytes; the limit is 64 bytes")
            client.post("/api/process") { setBody(streamedBody(200)) }
                .shouldBeError(HttpStatusCode.PayloadTooLarge, "exceeds the limit of 64 bytes")
            // Exactly at the limit is accepted.
            client.post("/api/process") { setBody(streamedBody(64)) }.status shouldBe HttpStatusCode.OK
        }
    }
})

package dev.aio4j.server

import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldStartWith
import io.ktor.client.request.get
import io.ktor.client.request.post
import io.ktor.client.request.setBody
import io.ktor.client.statement.HttpResponse
import io.ktor.http.ContentType
import io.ktor.http.HttpStatusCode
import io.ktor.http.contentType
import io.ktor.server.testing.ApplicationTestBuilder
import kotlinx.coroutines.async
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.withContext
import kotlinx.coroutines.withTimeout
import java.util.concurrent.ConcurrentHashMap
import java.util.concurrent.CountDownLatch
import java.util.concurrent.TimeUnit
import kotlin.time.Duration.Companion.seconds

private suspend fun ApplicationTestBuilder.compute(body: String): HttpResponse = client.post("/compute") {
    contentType(ContentType.Application.Json)
    setBody(body)
}

class ComputeRouteSpec : FunSpec({
    test("POST /compute chains SHA-256 over the hex digest like the Python seed") {
        // Expected values from Python: data = hashlib.sha256(data.encode()).hexdigest(), N times.
        serverTest {
            compute("""{"data": "hello", "iterations": 1}""").json().toString() shouldBe
                """{"result":"2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824","iterations":1}"""
            compute("""{"data": "hello", "iterations": 3}""").json()["result"].textValue() shouldBe
                "ecd26292b7f02970ca6909abb23e1aedd0dd57d0ee9ff40bf3f30c325e3e453a"
            compute("""{"data": "aio4j", "iterations": 1000}""").json()["result"].textValue() shouldBe
                "2335c28991868661bd60bbc7efc972c201fdfc21868ff1fc8af43329965991d4"
            compute("""{"data": "héllo ✓", "iterations": 2}""").json()["result"].textValue() shouldBe
                "65b9be8e2c754f4e65f1d6959e711c7970bbf75ec13b0f8f2f14cc38abec72a7"
        }
    }

    test("iterations outside 1..5000000 or not an integer, and data that is not a string, are 400s") {
        serverTest {
            val range = "'iterations' must be an integer from 1 to 5000000"
            compute("""{"data": "x", "iterations": 0}""").shouldBeBadRequest("$range, got 0")
            compute("""{"data": "x", "iterations": 5000001}""").shouldBeBadRequest("got 5000001")
            compute("""{"data": "x", "iterations": "10"}""").shouldBeBadRequest("got \"10\"")
            compute("""{"data": "x", "iterations": 1.5}""").shouldBeBadRequest("got 1.5")
            compute("""{"data": "x", "iterations": 99999999999}""").shouldBeBadRequest("got 99999999999")
            compute("""{"data": "x"}""").shouldBeBadRequest("got nothing")
            compute("""{"data": 42, "iterations": 1}""").shouldBeBadRequest("'data' must be a string, got 42")
            compute("""{"iterations": 1}""").shouldBeBadRequest("'data' must be a string, got nothing")
        }
    }

    test("/health answers while a compute is still running on the compute pool") {
        GatedExecutor().use { gate ->
            serverTest(state = ServerState(computeExecutor = gate)) {
                val steps = Steps()
                coroutineScope {
                    val running = async {
                        compute("""{"data": "hello", "iterations": 1}""").also { steps.expect(3) }
                    }
                    // The compute has left the request thread and is held on the compute thread.
                    withTimeout(10.seconds) { gate.started.await() } shouldBe GatedExecutor.THREAD_NAME
                    steps.expect(1)
                    val health = client.get("/health")
                    health.status shouldBe HttpStatusCode.OK
                    health.json()["inFlight"].intValue() shouldBe 2
                    running.isActive shouldBe true
                    steps.expect(2)
                    gate.release()
                    val done = withTimeout(10.seconds) { running.await() }
                    steps.finish(4)
                    done.json()["result"].textValue() shouldBe
                        "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824"
                }
            }
        }
    }

    test("the default compute pool runs work on named daemon threads, at most computeThreads at once") {
        newComputeDispatcher(2).use { dispatcher ->
            val names = ConcurrentHashMap.newKeySet<String>()
            val bothRunning = CountDownLatch(2)
            val release = CountDownLatch(1)
            coroutineScope {
                val jobs = (1..3).map {
                    async(dispatcher) {
                        // Coroutine debug mode (on under -ea) appends " @coroutine#N" to thread names.
                        names += Thread.currentThread().name.substringBefore(" @")
                        Thread.currentThread().isDaemon shouldBe true
                        bothRunning.countDown()
                        release.await(10, TimeUnit.SECONDS)
                    }
                }
                withContext(kotlinx.coroutines.Dispatchers.IO) { bothRunning.await(10, TimeUnit.SECONDS) } shouldBe true
                // Two threads are busy, so the third task is still queued.
                jobs.count { it.isCompleted } shouldBe 0
                names.size shouldBe 2
                release.countDown()
                jobs.forEach { it.await() }
            }
            names.size shouldBe 2
            names.forEach { it shouldStartWith "aio4j-compute-" }
        }
    }
})

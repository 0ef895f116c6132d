package dev.aio4j.server

import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.nulls.shouldBeNull
import io.kotest.matchers.shouldBe

private fun parse(vararg args: String, env: Map<String, String> = emptyMap()): ServerConfig? =
    parseCommandLine(args.toList(), env)

private fun ServerConfig?.address() = this?.let { "${it.host}:${it.port}" }

class MainSpec : FunSpec({
    test("defaults are 127.0.0.1:8080") {
        parse().address() shouldBe "127.0.0.1:8080"
    }

    test("environment variables apply when no flag is given, and flags win over them") {
        val env = mapOf("AIO4J_HOST" to "0.0.0.0", "AIO4J_PORT" to "9000")
        parse(env = env).address() shouldBe "0.0.0.0:9000"
        parse("--port", "0", env = env).address() shouldBe "0.0.0.0:0"
        parse("--host=localhost", "--port=8181", env = env).address() shouldBe "localhost:8181"
    }

    test("a bad port, a missing value or an unknown flag fails with a message naming it") {
        shouldThrow<IllegalArgumentException> { parse("--port", "http") }.message shouldBe
            "--port must be an integer from 0 to 65535, got 'http'"
        shouldThrow<IllegalArgumentException> { parse(env = mapOf("AIO4J_PORT" to "70000")) }.message shouldBe
            "AIO4J_PORT must be an integer from 0 to 65535, got '70000'"
        shouldThrow<IllegalArgumentException> { parse("--host") }.message shouldBe "--host needs a value"
        shouldThrow<IllegalArgumentException> { parse("--verbose") }.message shouldBe "unknown argument '--verbose'"
        shouldThrow<IllegalArgumentException> { parse("--host", " ") }.message shouldBe "host must not be blank: ' '"
    }

    test("--help asks for the usage text instead of a config") {
        parse("--help").shouldBeNull()
        parse("-h", "--port", "nonsense").shouldBeNull()
    }
})

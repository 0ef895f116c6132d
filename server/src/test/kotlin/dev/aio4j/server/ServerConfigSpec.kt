package dev.aio4j.server

import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import java.time.Duration

class ServerConfigSpec : FunSpec({
    test("defaults: loopback, port 8080, 1 MiB bodies, 5 s grace, at least two compute threads, ephemeral chat, 4 KiB messages, 1,000-line outboxes") {
        val config = ServerConfig()
        config.toString() shouldBe "ServerConfig(host=127.0.0.1, port=8080, maxBodyBytes=1048576, " +
            "shutdownGracePeriod=PT5S, computeThreads=${config.computeThreads}, chatPort=0, maxChatMessageBytes=4096, " +
            "chatOutboxLines=1000)"
        (config.computeThreads >= 2) shouldBe true
    }

    test("invalid values are refused with a message showing the value") {
        shouldThrow<IllegalArgumentException> { ServerConfig(port = -1) }.message shouldBe
            "port must be in 0..65535 (0 = ephemeral): -1"
        shouldThrow<IllegalArgumentException> { ServerConfig(maxBodyBytes = 0) }.message shouldBe
            "maxBodyBytes must be positive: 0"
        val negativeGrace = Duration.ofSeconds(-1)
        shouldThrow<IllegalArgumentException> { ServerConfig(shutdownGracePeriod = negativeGrace) }.message shouldBe
            "shutdownGracePeriod must not be negative: PT-1S"
        shouldThrow<IllegalArgumentException> { ServerConfig(computeThreads = 0) }.message shouldBe
            "computeThreads must be in 1..256: 0"
        shouldThrow<IllegalArgumentException> { ServerConfig(chatPort = 65_536) }.message shouldBe
            "chatPort must be in 0..65535 (0 = ephemeral): 65536"
        shouldThrow<IllegalArgumentException> { ServerConfig(maxChatMessageBytes = 8) }.message shouldBe
            "maxChatMessageBytes must be in 16..1048576: 8"
        shouldThrow<IllegalArgumentException> { ServerConfig(chatOutboxLines = 0) }.message shouldBe
            "chatOutboxLines must be in 1..1000000: 0"
    }
})

package dev.aio4j.server

import java.time.Duration

/**
 * Settings of one demo server: where it listens and how it protects itself. Immutable; every value is
 * checked when the config is built, and a bad one fails with a message that shows it.
 *
 * Accessors are record-style (`config.port()`) for Java callers.
 *
 * ```java
 * ServerConfig config = new ServerConfig("127.0.0.1", 0);   // ephemeral port, other values default
 * try (DemoServer server = DemoServer.start(config)) {
 *     System.out.println(server.url("/health"));
 * }
 * ```
 *
 * @property host interface to bind, `127.0.0.1` by default.
 * @property port TCP port to bind; `0` asks the OS for a free (ephemeral) port.
 * @property maxBodyBytes largest accepted request body; a larger one is answered with 413.
 * @property shutdownGracePeriod how long [DemoServer.close] lets in-flight requests finish.
 * @property computeThreads size of the bounded pool that runs CPU-bound `POST /compute` work.
 * @property chatPort TCP port of the line-based chat ([DemoServer.chatPort]); `0` = ephemeral.
 * @property maxChatMessageBytes longest chat message (TCP line or WebSocket frame); a longer one ends
 *   the TCP connection with an error line.
 * @property chatOutboxLines how many lines may wait for one chat member (TCP or WebSocket) that reads
 *   slower than the room talks; one more and that member is disconnected (see server/README.md).
 */
public class ServerConfig @JvmOverloads constructor(
    @get:JvmName("host") public val host: String = DEFAULT_HOST,
    @get:JvmName("port") public val port: Int = DEFAULT_PORT,
    @get:JvmName("maxBodyBytes") public val maxBodyBytes: Long = DEFAULT_MAX_BODY_BYTES,
    @get:JvmName("shutdownGracePeriod") public val shutdownGracePeriod: Duration = DEFAULT_SHUTDOWN_GRACE_PERIOD,
    @get:JvmName("computeThreads") public val computeThreads: Int = defaultComputeThreads(),
    @get:JvmName("chatPort") public val chatPort: Int = 0,
    @get:JvmName("maxChatMessageBytes") public val maxChatMessageBytes: Int = DEFAULT_MAX_CHAT_MESSAGE_BYTES,
    @get:JvmName("chatOutboxLines") public val chatOutboxLines: Int = DEFAULT_CHAT_OUTBOX_LINES,
) {
    init {
        require(host.isNotBlank()) { "host must not be blank: '$host'" }
        require(port in 0..65_535) { "port must be in 0..65535 (0 = ephemeral): $port" }
        require(maxBodyBytes > 0) { "maxBodyBytes must be positive: $maxBodyBytes" }
        require(!shutdownGracePeriod.isNegative) { "shutdownGracePeriod must not be negative: $shutdownGracePeriod" }
        require(computeThreads in 1..256) { "computeThreads must be in 1..256: $computeThreads" }
        require(chatPort in 0..65_535) { "chatPort must be in 0..65535 (0 = ephemeral): $chatPort" }
        require(maxChatMessageBytes in 16..1_048_576) {
            "maxChatMessageBytes must be in 16..1048576: $maxChatMessageBytes"
        }
        require(chatOutboxLines in 1..1_000_000) { "chatOutboxLines must be in 1..1000000: $chatOutboxLines" }
    }

    override fun toString(): String =
        "ServerConfig(host=$host, port=$port, maxBodyBytes=$maxBodyBytes, " +
            "shutdownGracePeriod=$shutdownGracePeriod, computeThreads=$computeThreads, chatPort=$chatPort, " +
            "maxChatMessageBytes=$maxChatMessageBytes, chatOutboxLines=$chatOutboxLines)"

    /** Defaults, shared by [ServerConfig] and the command line of [main]. */
    public companion object {
        /** Loopback only: the demo server is never exposed by accident. */
        public const val DEFAULT_HOST: String = "127.0.0.1"

        /** Port used by the command line when neither `--port` nor `AIO4J_PORT` is given. */
        public const val DEFAULT_PORT: Int = 8080

        /** Chat port used by the command line when neither `--chat-port` nor `AIO4J_CHAT_PORT` is given. */
        public const val DEFAULT_CHAT_PORT: Int = 8888

        /** 4 KiB. */
        public const val DEFAULT_MAX_CHAT_MESSAGE_BYTES: Int = 4096

        /** 1,000 lines. */
        public const val DEFAULT_CHAT_OUTBOX_LINES: Int = 1_000

        /** 1 MiB. */
        public const val DEFAULT_MAX_BODY_BYTES: Long = 1L shl 20

        /** 5 seconds. */
        @JvmField
        public val DEFAULT_SHUTDOWN_GRACE_PERIOD: Duration = Duration.ofSeconds(5)

        private fun defaultComputeThreads(): Int = maxOf(2, Runtime.getRuntime().availableProcessors())
    }
}

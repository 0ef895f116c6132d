package dev.aio4j.server

import io.ktor.server.engine.EmbeddedServer
import io.ktor.server.engine.applicationEnvironment
import io.ktor.server.engine.connector
import io.ktor.server.engine.embeddedServer
import io.ktor.server.netty.Netty
import io.ktor.server.netty.NettyApplicationEngine
import kotlinx.coroutines.flow.first
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.withTimeoutOrNull
import org.slf4j.LoggerFactory
import java.util.concurrent.CountDownLatch
import java.util.concurrent.atomic.AtomicBoolean

/**
 * The demo HTTP server (Ktor on Netty), started in-process: what the demos and benchmarks talk to.
 * [module] lists the endpoints; `GET /` on a running server does too.
 *
 * [start] blocks until the port is bound. [close] is graceful: new requests get 503 at once, open SSE
 * streams end, and in-flight requests get up to [ServerConfig.shutdownGracePeriod] to finish; calls
 * still running then are cancelled and the server stops. It blocks the calling thread meanwhile and
 * is idempotent. Both may be called from any thread.
 *
 * ```java
 * try (DemoServer server = DemoServer.start("127.0.0.1", 0)) {   // 0 = ephemeral port
 *     HttpRequest get = HttpRequest.newBuilder(URI.create(server.url("/delay/1"))).build();
 *     ...
 * }
 * ```
 */
public class DemoServer private constructor(
    private val server: EmbeddedServer<NettyApplicationEngine, NettyApplicationEngine.Configuration>,
    private val config: ServerConfig,
    internal val state: ServerState,
    private val boundPort: Int,
    private val boundChatPort: Int,
) : AutoCloseable {
    private val closing = AtomicBoolean()
    private val closed = CountDownLatch(1)

    /** The bound port: the configured one, or the one the OS chose for port 0. */
    public fun port(): Int = boundPort

    /** The bound port of the TCP chat (line-based; see server/README.md). */
    public fun chatPort(): Int = boundChatPort

    /** Base URL without a trailing slash, e.g. `http://127.0.0.1:8080`; a wildcard host maps to 127.0.0.1. */
    public fun url(): String {
        val host = when (config.host) {
            "0.0.0.0", "::", "[::]" -> "127.0.0.1"
            else -> if (':' in config.host && !config.host.startsWith("[")) "[${config.host}]" else config.host
        }
        return "http://$host:$boundPort"
    }

    /** [url] plus [path], which must start with `/`: `server.url("/users/1")`. */
    public fun url(path: String): String {
        require(path.startsWith("/")) { "path must start with '/': '$path'" }
        return url() + path
    }

    /**
     * Stops the server gracefully (see the class doc) and returns once it has stopped. A concurrent or
     * later call waits for that too, and does nothing else.
     */
    override fun close() {
        if (!closing.compareAndSet(false, true)) return closed.await()
        try {
            state.beginDraining()
            state.aio.closeMembers() // chat clients (TCP and WebSocket) get a farewell and are closed
            runBlocking {
                val grace = config.shutdownGracePeriod.toMillis()
                if (withTimeoutOrNull(grace) { state.inFlight.first { it == 0 } } == null) {
                    log.warn("{} call(s) still running after the grace period; cancelling them", state.inFlight.value)
                    // Cancel while Netty still runs, so the calls can unwind and close their connections.
                    state.cancelCalls()
                    withTimeoutOrNull(CANCELLED_CALLS_TIMEOUT_MILLIS) { state.inFlight.first { it == 0 } }
                }
            }
            server.stop(NETTY_QUIET_PERIOD_MILLIS, NETTY_STOP_TIMEOUT_MILLIS)
            state.closeAio() // chat members get a farewell; then the aio4j loop closes
            log.info("Stopped {}", url())
        } finally {
            closed.countDown()
        }
    }

    /** Blocks until [close] has stopped the server (used by [main]). */
    internal fun awaitClosed() {
        closed.await()
    }

    /** Factories. */
    public companion object {
        private val log = LoggerFactory.getLogger(DemoServer::class.java)

        // Our own drain has already waited; Netty then needs only a short quiet period to flush.
        private const val NETTY_QUIET_PERIOD_MILLIS = 100L
        private const val NETTY_STOP_TIMEOUT_MILLIS = 5_000L
        private const val CANCELLED_CALLS_TIMEOUT_MILLIS = 1_000L

        /**
         * Starts a server on [host]:[port] with the other settings at their defaults (see [ServerConfig]);
         * `DemoServer.start()` binds 127.0.0.1 on an ephemeral port. Throws if the port cannot be bound.
         */
        @JvmStatic
        @JvmOverloads
        public fun start(host: String = ServerConfig.DEFAULT_HOST, port: Int = 0): DemoServer =
            start(ServerConfig(host, port))

        /** Starts a server with [config]; returns once it accepts connections. */
        @JvmStatic
        public fun start(config: ServerConfig): DemoServer =
            start(config, ServerState(config))

        /**
         * Netty sized for a small machine (the W6 benchmark's 2 cores, `demo/bench/run-w6.sh`). Ktor's
         * defaults make three thread groups (acceptor, I/O workers, and a call group whose threads a
         * call resumes on after it suspends), each sized for a big machine. Here: one acceptor thread,
         * one I/O worker per core, and calls stay on the worker that read them (`shareWorkGroup`), so
         * no thread is added to compete with the client for the cores. Nothing on a worker blocks:
         * `/compute` runs on its own pool and every wait suspends. (On the loaded machine of
         * demo/bench/RESULTS.md the effect could not be measured; the lead re-runs it quietly.)
         */
        private fun NettyApplicationEngine.Configuration.tuneNetty() {
            val cores = Runtime.getRuntime().availableProcessors()
            connectionGroupSize = 1
            workerGroupSize = cores
            callGroupSize = cores
            shareWorkGroup = true
        }

        internal fun start(config: ServerConfig, state: ServerState): DemoServer {
            val server = embeddedServer(
                Netty,
                applicationEnvironment(),
                configure = {
                    connector {
                        host = config.host
                        port = config.port
                    }
                    tuneNetty()
                },
            ) { module(config, state) }
            try {
                val chatPort = state.aio.startTcpChat(config.host, config.chatPort)
                server.start(wait = false)
                val port = runBlocking { server.engine.resolvedConnectors().first().port }
                return DemoServer(server, config, state, port, chatPort).also {
                    log.info("Listening on {}; TCP chat on port {}", it.url(), chatPort)
                }
            } catch (e: Throwable) {
                server.stop(0, 0)
                state.closeAio()
                throw e
            }
        }
    }
}

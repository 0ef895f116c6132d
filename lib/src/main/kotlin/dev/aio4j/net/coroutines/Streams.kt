package dev.aio4j.net.coroutines

import dev.aio4j.LoopReport
import dev.aio4j.Task
import dev.aio4j.internal.LoopCore
import dev.aio4j.internal.Owner
import dev.aio4j.internal.loopCoreOrNull
import dev.aio4j.internal.startOperation
import dev.aio4j.internal.startTask
import io.ktor.network.selector.Selectable
import io.ktor.network.selector.SelectorManager
import io.ktor.network.sockets.InetSocketAddress
import io.ktor.network.sockets.ServerSocket
import io.ktor.network.sockets.Socket
import io.ktor.network.sockets.aSocket
import kotlinx.coroutines.CompletableDeferred
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.CoroutineStart
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.Job
import kotlinx.coroutines.asExecutor
import kotlinx.coroutines.async
import kotlinx.coroutines.currentCoroutineContext
import kotlinx.coroutines.future.await
import java.util.concurrent.CancellationException
import java.util.concurrent.CompletionException
import java.util.concurrent.CompletionStage
import java.util.function.Supplier

/**
 * The two ends of one TCP connection, as asyncio's `open_connection` returns them;
 * destructure it: `val (reader, writer) = openConnection(...)`.
 */
public class StreamConnection internal constructor(
    /** Reads what the peer sends. */
    public val reader: StreamReader,
    /** Writes to the peer; closing it closes the connection. */
    public val writer: StreamWriter,
) {
    /** [reader]. */
    public operator fun component1(): StreamReader = reader

    /** [writer]. */
    public operator fun component2(): StreamWriter = writer

    override fun toString(): String = "<StreamConnection ${writer.peerName()}>"
}

/**
 * asyncio's `open_connection`: connects to [host]:[port] over TCP and returns the connection's reader
 * (with line [limit]) and writer. Must run on an aio4j event loop, whose thread then runs every read
 * and write continuation.
 *
 * Cancellation while connecting closes the half-open socket. The connection then belongs to the loop,
 * not to the calling task (as in asyncio): close it with the writer; closing the loop aborts it.
 *
 * ```kotlin
 * val (reader, writer) = openConnection("127.0.0.1", 8888)
 * ```
 */
public suspend fun openConnection(host: String, port: Int, limit: Int = DEFAULT_LIMIT): StreamConnection {
    checkEndpoint(host, port)
    require(limit > 0) { "limit must be positive: $limit" }
    val core = currentCoroutineContext().loopCoreOrNull() ?: throw Owner.noRunningLoop()
    val socket = connectOrClose(core, host, port)
    val link = SocketLink(core, socket, core.rootJob)
    return StreamConnection(StreamReader(link.input, limit), StreamWriter(link))
}

/**
 * Connects in a job of the loop's own, so a socket that connects just as the caller is cancelled is
 * closed rather than leaked.
 */
private suspend fun connectOrClose(core: LoopCore, host: String, port: Int): Socket {
    val attempt = CoroutineScope(core.baseContext + Job(core.rootJob)).async(start = CoroutineStart.UNDISPATCHED) {
        aSocket(sharedSelector).tcp().connect(host, port)
    }
    try {
        return attempt.await()
    } catch (e: CancellationException) {
        attempt.cancel()
        attempt.invokeOnCompletion { failure -> if (failure == null) attempt.getCompleted().close() }
        throw e
    }
}

/**
 * asyncio's `start_server`: listens on [host]:[port] (0 = an ephemeral port, see [StreamServer.port])
 * and runs [handler] for every connection as a task of its own, named `conn <peer>`, a child of the
 * server's task. Returns once the socket is bound and accepting. Must run on an aio4j event loop.
 *
 * When the handler returns the connection is closed (after what it wrote was sent); when it fails the
 * failure goes to the loop's exception handler and the connection is closed; [StreamServer.close]
 * cancels the handlers and aborts their connections.
 *
 * ```kotlin
 * val server = startServer("127.0.0.1", 0) { reader, writer ->
 *     writer.write(reader.readLine())   // echo one line
 * }
 * println(server.port())
 * server.serveForever()
 * ```
 */
public suspend fun startServer(
    host: String = "127.0.0.1",
    port: Int = 0,
    limit: Int = DEFAULT_LIMIT,
    handler: suspend (StreamReader, StreamWriter) -> Unit,
): StreamServer = bindServer(host, port, limit) { reader, writer ->
    Owner.current().startOperation { handler(reader, writer) }
}

/**
 * Binds and starts accepting; [handler] runs on the loop thread inside each connection's task and
 * returns the stage the task awaits (the Java facade passes its callback through here).
 */
internal suspend fun bindServer(
    host: String,
    port: Int,
    limit: Int,
    handler: (StreamReader, StreamWriter) -> CompletionStage<*>,
): StreamServer {
    checkEndpoint(host, port)
    require(limit > 0) { "limit must be positive: $limit" }
    val core = currentCoroutineContext().loopCoreOrNull() ?: throw Owner.noRunningLoop()
    // A selector of its own, closed with the server: closing it is what releases the listening socket
    // at once (ktor's shared selector, when idle, leaves a closed channel's descriptor open, listening).
    val selector = SelectorManager(Dispatchers.IO)
    try {
        // SO_REUSEADDR, as asyncio's start_server sets on POSIX: a restarted server rebinds its port at once.
        val socket = aSocket(selector).tcp().configure { reuseAddress = true }.bind(host, port)
        return StreamServer(core, socket, selector, limit, handler)
    } catch (e: Throwable) {
        selector.close()
        throw e
    }
}

/**
 * A listening TCP server: asyncio's `Server`, as [startServer] returns it.
 *
 * It accepts in a task of its own, `server <host>:<port>`, whose children are the connection tasks
 * (the task tree shows them so). [close] stops listening and cancels every connection task, which
 * aborts its connection — unlike asyncio, whose `close` leaves open connections alone (Python 3.13's
 * `close_clients` is closer). [waitClosed] waits until the listening socket and every connection are
 * closed. Like asyncio's, the server belongs to the loop, not to the task that started it; closing the
 * loop closes it. Threads: everything runs on the loop thread; [close] may be called from any thread.
 */
public class StreamServer internal constructor(
    private val core: LoopCore,
    private val socket: ServerSocket,
    private val selector: SelectorManager,
    private val limit: Int,
    private val handler: (StreamReader, StreamWriter) -> CompletionStage<*>,
) {
    private val boundPort: Int = (socket.localAddress as InetSocketAddress).port
    private val host: String = addressText(socket.localAddress).substringBeforeLast(':')

    /** Completed once the listening descriptor is closed for good (see [awaitReleased]). */
    private val released = CompletableDeferred<Unit>()

    /** The task that accepts; its children are the connection tasks. */
    internal val task: Task<Unit> = core.startTask(
        core.rootJob,
        "server $host:$boundPort",
        Supplier { Owner.current().startOperation { acceptLoop() } },
        CoroutineStart.UNDISPATCHED,
    )

    init {
        // However the task ends (close(), the loop closing), the listening socket goes with it.
        task.whenComplete { _: Unit?, _: Throwable? -> // Unit? : a cancelled task passes null
            socket.close()
            selector.close() // its connections are closed too: they were children of the task
            awaitReleased()
        }
    }

    private suspend fun acceptLoop() {
        val owner = Owner.current()
        while (true) {
            val client = socket.accept()
            try {
                startConnectionTask(owner, client)
            } catch (e: Throwable) {
                client.close()
                throw e
            }
        }
    }

    /**
     * The connection's [SocketLink] is made inside its task, as the task's child: cancelling the task
     * aborts the connection, and the task is done only once its socket is closed.
     */
    private fun startConnectionTask(owner: Owner, client: Socket) {
        val peer = peerNameOf(client)
        var link: SocketLink? = null
        val connection = core.startTask(owner.job, "conn $peer", Supplier {
            val own = SocketLink(core, client, Owner.current().job).also { link = it }
            val stage = handler(StreamReader(own.input, limit), StreamWriter(own)).toCompletableFuture()
            stage.whenComplete { _, _ -> own.close() } // close() hops to the loop thread itself
            stage
        })
        connection.whenComplete { _, failure ->
            if (link == null) client.close() // cancelled before it started
            val cause = (failure as? CompletionException)?.cause ?: failure
            if (cause == null || cause is CancellationException) return@whenComplete
            core.loop.report(
                LoopReport(
                    LoopReport.Kind.UNHANDLED_EXCEPTION,
                    "Unhandled exception in the connection handler of $this for $peer",
                    cause,
                    connection,
                    emptyList(),
                ),
            )
        }
    }

    /** The bound port: the one asked for, or the one the OS chose for port 0. */
    public fun port(): Int = boundPort

    /** The bound address, e.g. `127.0.0.1`. */
    public fun host(): String = host

    /** Whether the server still accepts connections (asyncio's `is_serving`). */
    public fun isServing(): Boolean = !task.isDone && task.cancelling() == 0

    /**
     * Stops accepting and cancels every connection task (see the class doc). Idempotent; any thread.
     */
    public fun close() {
        task.cancel("the server is closing")
    }

    /**
     * Completes [released] once the listening descriptor is really gone: the JDK closes a channel
     * registered with a selector only when that selector deregisters it, which ktor's selector does on
     * its own thread after [SelectorManager.close]. Polls for at most [RELEASE_WAIT_MILLIS].
     */
    private fun awaitReleased() {
        val channel = (socket as? Selectable)?.channel
        if (channel == null || !channel.isRegistered) {
            released.complete(Unit)
            return
        }
        Dispatchers.IO.asExecutor().execute {
            val deadline = System.nanoTime() + RELEASE_WAIT_MILLIS * 1_000_000
            while (channel.isRegistered && System.nanoTime() < deadline) Thread.sleep(1)
            released.complete(Unit)
        }
    }

    /**
     * Waits until the server socket and every connection task are done (asyncio's `wait_closed`); the
     * port then refuses connections and can be bound again.
     */
    public suspend fun waitClosed() {
        task.handle { _: Unit?, _: Throwable? -> null }.await()
        released.await()
    }

    /** Serves until the server is closed, or until the calling task is cancelled, which closes it (asyncio's `serve_forever`). */
    public suspend fun serveForever() {
        try {
            waitClosed()
        } catch (e: CancellationException) {
            close()
            throw e
        }
    }

    override fun toString(): String = "<StreamServer $host:$boundPort${if (isServing()) " serving" else " closed"}>"
}

private const val RELEASE_WAIT_MILLIS = 2_000L

private fun checkEndpoint(host: String, port: Int) {
    require(host.isNotBlank()) { "host must not be blank: '$host'" }
    require(port in 0..65_535) { "port must be in 0..65535: $port" }
}

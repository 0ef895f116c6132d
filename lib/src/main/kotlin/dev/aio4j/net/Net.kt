package dev.aio4j.net

import dev.aio4j.Future
import dev.aio4j.internal.HiddenFromJava
import dev.aio4j.internal.startOperation
import dev.aio4j.net.coroutines.DEFAULT_LIMIT
import dev.aio4j.net.coroutines.StreamConnection
import dev.aio4j.net.coroutines.StreamReader as CoreReader
import dev.aio4j.net.coroutines.StreamServer
import dev.aio4j.net.coroutines.StreamWriter as CoreWriter
import dev.aio4j.net.coroutines.bindServer
import dev.aio4j.net.coroutines.openConnection as coreOpenConnection
import java.util.concurrent.CompletionStage
import java.util.function.BiFunction

/**
 * asyncio's streams for Java: [openConnection] and [startServer] over TCP, returning futures that
 * complete on the event loop thread. The semantics live in [dev.aio4j.net.coroutines] (Kotlin
 * callers use that package directly); these classes bridge.
 *
 * Every method starts on a running aio4j loop (inside `Asyncio.run`, a task or a callback of one) and
 * fails with `IllegalStateException` ("no running event loop") elsewhere. Errors surface as
 * themselves (no `CompletionException`): a refused connection is a `java.net.ConnectException`.
 *
 * ```java
 * Asyncio.run(() -> Net.startServer((reader, writer) ->
 *         reader.readLine().thenAccept(line -> writer.write(line)), "127.0.0.1", 0)
 *     .thenCompose(server -> Net.openConnection("127.0.0.1", server.port())
 *         .thenCompose(conn -> {
 *             conn.writer().write("hello\n");
 *             return conn.reader().readLine();
 *         })
 *         .whenComplete((line, e) -> server.close())));
 * ```
 */
public object Net {
    /** asyncio's default line limit, 64 KiB. */
    public const val DEFAULT_LIMIT_BYTES: Int = DEFAULT_LIMIT

    /**
     * asyncio's `open_connection`: connects to [host]:[port]; the future completes with the connection
     * once it is established. Cancelling it while connecting closes the half-open socket. The
     * connection then belongs to the loop (close it with `writer().close()`; closing the loop aborts it).
     * [limit] bounds a line or `readUntil` chunk (default 64 KiB).
     */
    @JvmStatic
    @JvmOverloads
    public fun openConnection(host: String, port: Int, limit: Int = DEFAULT_LIMIT): Future<Connection> =
        startOperation { Connection(coreOpenConnection(host, port, limit)) }

    /**
     * asyncio's `start_server`: listens on [host]:[port] (0 = ephemeral; see [Server.port]) and, for each
     * connection, runs [handler] as a task of its own on the loop, named `conn <peer>`. The connection
     * is closed once the handler's stage is done; a failure goes to the loop's exception handler.
     * The future completes once the socket is bound. [Server.close] cancels the connection tasks.
     */
    @JvmStatic
    @JvmOverloads
    public fun startServer(
        handler: BiFunction<StreamReader, StreamWriter, out CompletionStage<*>?>,
        host: String,
        port: Int,
        limit: Int = DEFAULT_LIMIT,
    ): Future<Server> = startOperation {
        Server(
            bindServer(host, port, limit) { reader, writer ->
                handler.apply(StreamReader(reader), StreamWriter(writer))
                    ?: throw NullPointerException("the connection handler returned null instead of a CompletionStage")
            },
        )
    }
}

/** One TCP connection's two ends, from [Net.openConnection]. */
public class Connection internal constructor(private val core: StreamConnection, hidden: HiddenFromJava = HiddenFromJava.TOKEN) {
    private val reader = StreamReader(core.reader)
    private val writer = StreamWriter(core.writer)

    /** Reads what the peer sends. */
    public fun reader(): StreamReader = reader

    /** Writes to the peer; `writer().close()` closes the connection. */
    public fun writer(): StreamWriter = writer

    override fun toString(): String = core.toString()
}

/**
 * asyncio's `StreamReader` for Java (see [dev.aio4j.net.coroutines.StreamReader] for the semantics).
 * Futures complete on the loop thread; cancelling one withdraws the read without losing bytes.
 *
 * ```java
 * reader.readLine().thenAccept(line -> System.out.print(new String(line, UTF_8)));
 * ```
 */
public class StreamReader internal constructor(private val core: CoreReader, hidden: HiddenFromJava = HiddenFromJava.TOKEN) {
    /** One line including `\n`; at the end of the stream the rest, then empty arrays. [LimitOverrunError] past the limit. */
    public fun readLine(): Future<ByteArray> = startOperation { core.readLine() }

    /** Up to and including [separator]; [IncompleteReadError] at the end, [LimitOverrunError] past the limit. */
    public fun readUntil(separator: ByteArray): Future<ByteArray> = startOperation { core.readUntil(separator) }

    /** Exactly [n] bytes; [IncompleteReadError] if the stream ends first. */
    public fun readExactly(n: Int): Future<ByteArray> = startOperation { core.readExactly(n) }

    /** Up to [n] bytes, at least one unless at the end (empty = end of stream); -1 reads to the end. */
    public fun read(n: Int): Future<ByteArray> = startOperation { core.read(n) }

    /** Everything until the end of the stream. */
    public fun read(): Future<ByteArray> = read(-1)

    /** Whether the stream ended and every byte was read. */
    public fun atEof(): Boolean = core.atEof()

    /** The line limit in bytes. */
    public fun limit(): Int = core.limit

    /** The suspend reader underneath, for Kotlin callers. */
    public fun coroutines(): CoreReader = core

    override fun toString(): String = core.toString()
}

/**
 * asyncio's `StreamWriter` for Java (see [dev.aio4j.net.coroutines.StreamWriter] for the semantics):
 * [write] queues and never blocks, [drain] waits until the bytes were handed to the socket, [close]
 * sends what is queued and closes. Call it on the loop thread; futures complete there.
 *
 * ```java
 * writer.write("hello\n");
 * writer.drain().thenRun(writer::close);
 * ```
 */
public class StreamWriter internal constructor(private val core: CoreWriter, hidden: HiddenFromJava = HiddenFromJava.TOKEN) {
    /** Queues [data] for sending; dropped silently once the connection is lost (see [drain]). */
    public fun write(data: ByteArray): Unit = core.write(data)

    /** Queues [text] as UTF-8. */
    public fun write(text: String): Unit = core.write(text)

    /** Completes once everything written was handed to the socket; `java.net.SocketException` if the connection is lost. */
    public fun drain(): Future<Void?> = startOperation { core.drain(); null }

    /** Sends what is queued, then closes the connection. Idempotent. */
    public fun close(): Unit = core.close()

    /** Sends what is queued, then shuts down the sending side (asyncio's `write_eof`); reading goes on. */
    public fun writeEof(): Unit = core.writeEof()

    /** Whether [close] was called or the connection was aborted. */
    public fun isClosing(): Boolean = core.isClosing()

    /** Completes once the socket is closed. */
    public fun waitClosed(): Future<Void?> = startOperation { core.waitClosed(); null }

    /** The peer's `host:port`. */
    public fun peerName(): String = core.peerName()

    /** The suspend writer underneath, for Kotlin callers. */
    public fun coroutines(): CoreWriter = core

    override fun toString(): String = core.toString()
}

/**
 * asyncio's `Server` for Java, from [Net.startServer] (see [dev.aio4j.net.coroutines.StreamServer]).
 * [close] stops listening and cancels the connection tasks; [waitClosed] completes once all are closed.
 *
 * ```java
 * Net.startServer(handler, "127.0.0.1", 0).thenCompose(Server::serveForever);
 * ```
 */
public class Server internal constructor(private val core: StreamServer, hidden: HiddenFromJava = HiddenFromJava.TOKEN) {
    /** The bound port (the OS's choice for port 0). */
    public fun port(): Int = core.port()

    /** The bound address. */
    public fun host(): String = core.host()

    /** Whether it still accepts connections. */
    public fun isServing(): Boolean = core.isServing()

    /** Stops accepting and cancels every connection task. Idempotent; any thread. */
    public fun close(): Unit = core.close()

    /** Completes once the listening socket and every connection are closed. */
    public fun waitClosed(): Future<Void?> = startOperation { core.waitClosed(); null }

    /** Completes when the server is closed; cancelling it closes the server (asyncio's `serve_forever`). */
    public fun serveForever(): Future<Void?> = startOperation { core.serveForever(); null }

    /** The suspend server underneath, for Kotlin callers. */
    public fun coroutines(): StreamServer = core

    override fun toString(): String = core.toString()
}

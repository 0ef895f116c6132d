package dev.aio4j.net.coroutines

import dev.aio4j.internal.LoopCore
import io.ktor.network.selector.SelectorManager
import io.ktor.network.sockets.SocketAddress
import io.ktor.network.sockets.toJavaAddress
import io.ktor.network.sockets.Socket
import io.ktor.network.sockets.openReadChannel
import io.ktor.network.sockets.openWriteChannel
import io.ktor.utils.io.writeFully
import kotlinx.coroutines.CompletableDeferred
import kotlinx.coroutines.CompletableJob
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.CoroutineStart
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.Job
import kotlinx.coroutines.launch
import java.net.SocketException
import java.util.concurrent.CancellationException

/**
 * The NIO selector every aio4j socket registers with: one per process, on `Dispatchers.IO`, never
 * closed (it holds no socket of its own). Its thread only selects; reads and writes resume on the loop.
 */
internal val sharedSelector: SelectorManager by lazy { SelectorManager(Dispatchers.IO) }

/**
 * One TCP connection on one event loop: the socket, its ktor channels, and the writer's state.
 *
 * Confined to the loop thread (like an asyncio transport). [job] is a child of the loop's root job, so
 * closing the loop aborts the connection; [abort] is also what cancelling the owning task does.
 * Writes are queued and sent by one flusher coroutine at a time, so `write` never suspends.
 */
internal class SocketLink(val core: LoopCore, private val socket: Socket, parent: Job) {
    val input = socket.openReadChannel()
    private val output = socket.openWriteChannel(autoFlush = false)
    val job: CompletableJob = Job(parent)
    private val scope = CoroutineScope(core.baseContext + job)
    private val pending = ArrayDeque<ByteArray>()
    private var flusher: Job? = null
    private var flushing = false
    private val socketClosed = CompletableDeferred<Unit>()

    var closing = false
        private set

    /** Why writing failed (the peer reset the connection, or it was aborted); null while all is well. */
    var lost: Throwable? = null
        private set

    val peerName: String = peerNameOf(socket)

    init {
        socket.socketContext.invokeOnCompletion {
            socketClosed.complete(Unit)
            job.complete() // no longer a live child of the loop
        }
        job.invokeOnCompletion { cause -> if (cause != null) abort(cause) }
    }

    fun write(data: ByteArray) {
        // Like asyncio's transport: writing to a lost connection is silently dropped; drain() reports it.
        if (data.isEmpty() || lost != null) return
        check(!closing && !eofWritten) { "the writer is ${if (closing) "closed" else "past writeEof()"}; no more writes" }
        pending.addLast(data)
        if (!flushing) {
            // Set before launching: an undispatched flusher may finish inside launch() itself.
            flushing = true
            flusher = scope.launch(start = CoroutineStart.UNDISPATCHED) { flushAll() }
        }
    }

    private suspend fun flushAll() {
        try {
            while (pending.isNotEmpty()) {
                while (pending.isNotEmpty()) output.writeFully(pending.removeFirst())
                output.flush()
            }
        } catch (e: Throwable) {
            lost = lost ?: connectionLost(e)
            pending.clear()
        } finally {
            flushing = false
        }
    }

    /** Waits until every byte written so far was handed to the socket; throws if the connection is lost. */
    suspend fun drain() {
        flusher?.join()
        lost?.let { throw SocketException("Connection lost: ${it.message}").apply { initCause(it) } }
    }

    /**
     * Flushes what was written, then closes the socket (asyncio's `close`): a pending read then sees
     * the end of the stream. Idempotent; from any thread (it hops to the loop).
     */
    fun close() {
        if (!core.isLoopThread()) return core.callSoon { close() }
        if (closing) return
        closing = true
        scope.launch {
            try {
                finishOutput()
            } finally {
                input.cancel(CancellationException("the connection was closed"))
                socket.close()
            }
        }
    }

    /** Flushes what was written, then shuts the sending side down (asyncio's `write_eof`). */
    fun writeEof() {
        check(!closing) { "the writer is closed" }
        if (eofWritten) return
        eofWritten = true
        scope.launch { finishOutput() }
    }

    private var eofWritten = false

    private suspend fun finishOutput() {
        try {
            flusher?.join()
            output.flushAndClose()
        } catch (_: Throwable) {
            // The connection is already gone; closing it is all that is left to do.
        }
    }

    /** Closes the socket at once, dropping unsent data: what cancellation and loop close do. */
    fun abort(cause: Throwable) {
        closing = true
        if (lost == null) lost = cause
        pending.clear()
        val reason = cause as? CancellationException ?: CancellationException("connection aborted").apply { initCause(cause) }
        input.cancel(reason)
        output.cancel(reason)
        socket.close()
    }

    /** Suspends until the socket is closed (asyncio's `wait_closed`). */
    suspend fun waitClosed() {
        socketClosed.await()
    }

    private fun connectionLost(e: Throwable): Throwable =
        if (e is CancellationException) SocketException("Connection lost").apply { initCause(e) } else e

    override fun toString(): String = "<connection to $peerName${if (closing) " closing" else ""}>"
}

/** `host:port` of the peer. */
internal fun peerNameOf(socket: Socket): String = addressText(socket.remoteAddress)

/** `host:port` with the numeric host (`127.0.0.1:4711`), never a reverse-resolved name. */
internal fun addressText(address: SocketAddress): String {
    val java = address.toJavaAddress() as? java.net.InetSocketAddress ?: return address.toString()
    val host = java.address?.hostAddress ?: java.hostString
    return if (':' in host) "[$host]:${java.port}" else "$host:${java.port}"
}

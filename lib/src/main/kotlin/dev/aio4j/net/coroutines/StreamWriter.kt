package dev.aio4j.net.coroutines

/**
 * asyncio's `StreamWriter` for Kotlin callers: writes to one TCP connection.
 *
 * [write] never suspends: bytes are queued and sent in the background, in order (asyncio's transport
 * buffer); [drain] waits until they were handed to the socket. [close] sends what is queued, then
 * closes; [waitClosed] waits for that.
 *
 * Threads: call it on the event loop that opened the connection. Cancellation: a cancelled [drain]
 * or [waitClosed] stops waiting; the data still goes out. Cancelling the task that owns the
 * connection (a server's connection task, or `openConnection` itself) aborts it instead.
 * Errors: writing to a connection already lost is silently dropped, as in asyncio; [drain] then
 * throws a `java.net.SocketException` ("Connection lost", asyncio's `ConnectionResetError`).
 * [write] after [close] throws `IllegalStateException`.
 *
 * ```kotlin
 * writer.write("hello\n")
 * writer.drain()
 * writer.close()
 * writer.waitClosed()
 * ```
 */
public class StreamWriter internal constructor(internal val link: SocketLink) {
    /** Queues [data] for sending (asyncio's `write`). */
    public fun write(data: ByteArray): Unit = link.write(data)

    /** Queues [text] as UTF-8. */
    public fun write(text: String): Unit = link.write(text.encodeToByteArray())

    /** Waits until everything written so far was handed to the socket (asyncio's `drain`). */
    public suspend fun drain(): Unit = link.drain()

    /** Sends what is queued, then closes the connection (asyncio's `close`). Idempotent. */
    public fun close(): Unit = link.close()

    /**
     * Sends what is queued, then shuts down the sending side (asyncio's `write_eof`): the peer reads
     * the end of the stream while this side can still read its answer. Idempotent.
     */
    public fun writeEof(): Unit = link.writeEof()

    /** Always true: TCP supports [writeEof] (asyncio's `can_write_eof`). */
    public fun canWriteEof(): Boolean = true

    /** Whether [close] was called or the connection was aborted (asyncio's `is_closing`). */
    public fun isClosing(): Boolean = link.closing

    /** Waits until the socket is closed (asyncio's `wait_closed`). */
    public suspend fun waitClosed(): Unit = link.waitClosed()

    /** The peer's address, `host:port` (asyncio's `get_extra_info("peername")`). */
    public fun peerName(): String = link.peerName

    override fun toString(): String = "<StreamWriter ${link.peerName}${if (link.closing) " closing" else ""}>"
}

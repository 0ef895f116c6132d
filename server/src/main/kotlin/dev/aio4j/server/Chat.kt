package dev.aio4j.server

import dev.aio4j.EventLoop
import dev.aio4j.coroutines.runEventLoop
import dev.aio4j.coroutines.sleep
import dev.aio4j.net.LimitOverrunError
import dev.aio4j.net.coroutines.StreamReader
import dev.aio4j.net.coroutines.StreamServer
import dev.aio4j.net.coroutines.StreamWriter
import dev.aio4j.net.coroutines.startServer
import org.slf4j.LoggerFactory
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Job
import kotlinx.coroutines.cancel
import kotlinx.coroutines.cancelAndJoin
import kotlinx.coroutines.channels.Channel
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.launch
import kotlinx.coroutines.withTimeoutOrNull
import java.io.IOException
import kotlin.time.Duration
import kotlin.time.Duration.Companion.milliseconds
import kotlin.time.Duration.Companion.seconds

/** Default of [AioRuntime.slowMemberGrace]. */
internal val SLOW_CHAT_MEMBER_GRACE: Duration = 2.seconds

/** One participant of the [ChatRoom]: a TCP connection or a WebSocket. */
internal interface ChatMember {
    /** Shown before each of its messages, e.g. `127.0.0.1:51234` or `web-3`. */
    val name: String

    /**
     * Queues one line (no `\n`) in this member's bounded outbox; never blocks. False when the outbox
     * is full: the member reads slower than the room talks, and the room disconnects it ([kick]).
     */
    fun send(line: String): Boolean

    /** Sends [farewell] after what is queued and ends the member's connection (shutdown, or an error). */
    fun close(farewell: String)

    /**
     * Disconnects a member whose outbox overflowed: drops its backlog, sends [notice] (a TCP line, a
     * WebSocket close reason) and closes; a member that does not take even that within the grace
     * period has its connection cut.
     */
    fun kick(notice: String)
}

/**
 * The seeds' chat room: a message goes to every member but its sender, as `name: text`; joins and
 * departures are announced to the others as `* name joined` / `* name left`.
 *
 * Confined to the thread of the server's aio4j event loop, like the Python original's module-level
 * `clients` set: TCP handlers run there, and WebSocket sessions hop there to join, speak and leave.
 * Sending never waits for a slow member: each member has an outbox of [outboxLines] lines, and a member
 * whose outbox is full is disconnected with a notice (announced to the others as having left), so
 * one stalled client can neither hold up the room nor make the server buffer without bound.
 */
internal class ChatRoom(private val outboxLines: Int = ServerConfig.DEFAULT_CHAT_OUTBOX_LINES) {
    private val members = LinkedHashSet<ChatMember>()

    /** How many members are in the room. */
    val size: Int get() = members.size

    /** How many members were disconnected for being too slow. */
    var slowMembersDisconnected: Int = 0
        private set

    fun join(member: ChatMember) {
        members += member
        member.send("* welcome ${member.name}; ${members.size} online")
        broadcast(member, "* ${member.name} joined")
    }

    fun leave(member: ChatMember) {
        if (members.remove(member)) broadcast(member, "* ${member.name} left")
    }

    fun say(member: ChatMember, text: String) {
        broadcast(member, "${member.name}: $text")
    }

    /** Says goodbye to everyone and closes their connections. */
    fun closeAll(farewell: String) {
        val everyone = members.toList()
        members.clear()
        everyone.forEach { it.close(farewell) }
    }

    private fun broadcast(from: ChatMember, line: String) {
        var slow: MutableList<ChatMember>? = null
        for (m in members) {
            if (m !== from && !m.send(line)) (slow ?: ArrayList<ChatMember>().also { slow = it }) += m
        }
        slow?.forEach { m ->
            if (members.remove(m)) {
                slowMembersDisconnected++
                m.kick("* error: more than $outboxLines lines were waiting for you; disconnecting (too slow)")
                broadcast(m, "* ${m.name} left")
            }
        }
    }
}

/**
 * The server's aio4j side: one [EventLoop] (named in `/debug/tasks`), the [ChatRoom], and the TCP chat
 * server (asyncio's `start_server` chat from the seeds) on `dev.aio4j.net`.
 *
 * TCP protocol: UTF-8 lines. Each line a client sends goes to everyone else as `host:port: text`; a line
 * longer than [maxMessageBytes] gets `* error: ...` and the connection is closed.
 */
internal class AioRuntime(
    private val maxMessageBytes: Int,
    val outboxLines: Int = ServerConfig.DEFAULT_CHAT_OUTBOX_LINES,
    /** How long a member kicked for being slow gets to take its last line (see [ChatMember.kick]). */
    val slowMemberGrace: Duration = SLOW_CHAT_MEMBER_GRACE,
) : AutoCloseable {
    val loop: EventLoop = EventLoop.create()
    val room = ChatRoom(outboxLines)
    private var tcp: StreamServer? = null

    /** Starts the TCP chat on [host]:[port] (0 = ephemeral) and returns the bound port. */
    fun startTcpChat(host: String, port: Int): Int {
        val server = runEventLoop(loop) {
            startServer(host, port, limit = maxMessageBytes) { reader, writer -> serveTcpClient(reader, writer) }
        }
        tcp = server
        return server.port()
    }

    private suspend fun serveTcpClient(reader: StreamReader, writer: StreamWriter): Unit = coroutineScope {
        val member = TcpMember(writer, this)
        room.join(member)
        try {
            while (true) {
                val line = try {
                    reader.readLine()
                } catch (e: LimitOverrunError) {
                    member.close("* error: messages are limited to $maxMessageBytes bytes; disconnecting")
                    return@coroutineScope
                } catch (e: IOException) {
                    log.debug("chat client {} vanished: {}", member.name, e.toString())
                    return@coroutineScope
                }
                if (line.isEmpty()) return@coroutineScope // end of stream
                val text = line.decodeToString().trimEnd('\n', '\r')
                if (text.isNotEmpty()) room.say(member, text)
            }
        } finally {
            room.leave(member)
            member.finish()
        }
    }

    /** Runs [action] on the loop's thread, in order with other hand-overs; false once the loop is closed. */
    fun onLoop(action: () -> Unit): Boolean = try {
        loop.callSoonThreadsafe(action)
        true
    } catch (_: IllegalStateException) {
        false
    }

    /** Says goodbye to every member (TCP and WebSocket) and closes their connections. */
    fun closeMembers() {
        if (!loop.isClosed()) runEventLoop(loop) { room.closeAll(FAREWELL) }
    }

    /** Closes every chat member with a farewell, then the TCP server, then the loop. Idempotent. */
    override fun close() {
        if (loop.isClosed()) return
        runCatching {
            runEventLoop(loop) {
                room.closeAll(FAREWELL)
                tcp?.let { server ->
                    // The members were closed gracefully; whatever is still open after a moment is cut.
                    withTimeoutOrNull(CLOSE_GRACE_MILLIS) {
                        while (hasConnections()) sleep(10.milliseconds)
                    }
                    server.close()
                    server.waitClosed()
                }
            }
        }.onFailure { log.warn("closing the chat failed", it) }
        loop.close()
    }

    private fun hasConnections(): Boolean = loop.allTasks().any { it.getName().startsWith("conn ") }

    /**
     * A TCP member: lines wait in [outbox] (bounded) and one sender coroutine in the connection's
     * [scope] writes them, waiting for each to reach the socket (`drain`), so a client that stops
     * reading backs the lines up in the outbox, where the room sees it, not in an unbounded buffer.
     */
    private inner class TcpMember(private val writer: StreamWriter, private val scope: CoroutineScope) : ChatMember {
        override val name: String = writer.peerName()
        private val outbox = Channel<String>(outboxLines)
        private val sender: Job = scope.launch {
            try {
                for (line in outbox) {
                    writer.write(line + "\n")
                    writer.drain()
                }
                if (!writer.isClosing()) writer.close()
            } catch (e: IOException) {
                log.debug("chat client {} is gone: {}", name, e.toString())
            }
        }

        override fun send(line: String): Boolean = outbox.trySend(line).let { it.isSuccess || it.isClosed }

        override fun close(farewell: String) {
            if (outbox.trySend(farewell).isSuccess) outbox.close() else kick(farewell)
        }

        override fun kick(notice: String) {
            outbox.cancel() // the backlog is dropped; the sender stops, even mid-drain
            scope.launch {
                sender.cancelAndJoin()
                if (writer.isClosing()) return@launch
                writer.write(notice + "\n")
                writer.close()
                if (withTimeoutOrNull(slowMemberGrace) { writer.waitClosed() } == null) {
                    scope.cancel("chat client $name did not take its last line within $slowMemberGrace")
                }
            }
        }

        /** The client left: what is queued still goes out, for at most the grace period. */
        fun finish() {
            outbox.close()
            scope.launch { if (withTimeoutOrNull(slowMemberGrace) { sender.join() } == null) sender.cancel() }
        }
    }

    private companion object {
        val log = LoggerFactory.getLogger(AioRuntime::class.java)
        const val CLOSE_GRACE_MILLIS = 1_000L
        const val FAREWELL = "* server shutting down"
    }
}

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
import kotlinx.coroutines.withTimeoutOrNull
import java.io.IOException
import kotlin.time.Duration.Companion.milliseconds

/** One participant of the [ChatRoom]: a TCP connection or a WebSocket. */
internal interface ChatMember {
    /** Shown before each of its messages, e.g. `127.0.0.1:51234` or `web-3`. */
    val name: String

    /** Queues one line (no `\n`) for this member; never blocks. */
    fun send(line: String)

    /** Sends [farewell] and ends the member's connection (the server is shutting down). */
    fun close(farewell: String)
}

/**
 * The seeds' chat room: a message goes to every member but its sender, as `name: text`; joins and
 * departures are announced to the others as `* name joined` / `* name left`.
 *
 * Confined to the thread of the server's aio4j event loop, like the Python original's module-level
 * `clients` set: TCP handlers run there, and WebSocket sessions hop there to join, speak and leave.
 * Sending never waits for a slow member (`write` queues), so one stalled client cannot hold up the room.
 */
internal class ChatRoom {
    private val members = LinkedHashSet<ChatMember>()

    /** How many members are in the room. */
    val size: Int get() = members.size

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
        for (m in members) if (m !== from) m.send(line)
    }
}

/**
 * The server's aio4j side: one [EventLoop] (named in `/debug/tasks`), the [ChatRoom], and the TCP chat
 * server (asyncio's `start_server` chat from the seeds) on `dev.aio4j.net`.
 *
 * TCP protocol: UTF-8 lines. Each line a client sends goes to everyone else as `host:port: text`; a line
 * longer than [maxMessageBytes] gets `* error: ...` and the connection is closed.
 */
internal class AioRuntime(private val maxMessageBytes: Int) : AutoCloseable {
    val loop: EventLoop = EventLoop.create()
    val room = ChatRoom()
    private var tcp: StreamServer? = null

    /** Starts the TCP chat on [host]:[port] (0 = ephemeral) and returns the bound port. */
    fun startTcpChat(host: String, port: Int): Int {
        val server = runEventLoop(loop) {
            startServer(host, port, limit = maxMessageBytes) { reader, writer -> serveTcpClient(reader, writer) }
        }
        tcp = server
        return server.port()
    }

    private suspend fun serveTcpClient(reader: StreamReader, writer: StreamWriter) {
        val member = TcpMember(writer)
        room.join(member)
        try {
            while (true) {
                val line = try {
                    reader.readLine()
                } catch (e: LimitOverrunError) {
                    writer.write("* error: messages are limited to $maxMessageBytes bytes; disconnecting\n")
                    return
                } catch (e: IOException) {
                    log.debug("chat client {} vanished: {}", member.name, e.toString())
                    return
                }
                if (line.isEmpty()) return // end of stream
                val text = line.decodeToString().trimEnd('\n', '\r')
                if (text.isNotEmpty()) room.say(member, text)
            }
        } finally {
            room.leave(member)
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

    private class TcpMember(private val writer: StreamWriter) : ChatMember {
        override val name: String = writer.peerName()

        override fun send(line: String) {
            if (!writer.isClosing()) writer.write(line + "\n")
        }

        override fun close(farewell: String) {
            send(farewell)
            writer.close()
        }
    }

    private companion object {
        val log = LoggerFactory.getLogger(AioRuntime::class.java)
        const val CLOSE_GRACE_MILLIS = 1_000L
        const val FAREWELL = "* server shutting down"
    }
}

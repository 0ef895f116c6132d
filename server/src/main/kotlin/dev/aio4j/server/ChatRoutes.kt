package dev.aio4j.server

import io.ktor.server.application.Application
import io.ktor.server.application.install
import io.ktor.server.http.content.staticResources
import io.ktor.server.routing.Route
import io.ktor.server.websocket.WebSocketServerSession
import io.ktor.server.websocket.WebSockets
import io.ktor.server.websocket.webSocket
import io.ktor.websocket.CloseReason
import io.ktor.websocket.Frame
import io.ktor.websocket.close
import io.ktor.websocket.readText
import kotlinx.coroutines.Job
import kotlinx.coroutines.cancel
import kotlinx.coroutines.cancelAndJoin
import kotlinx.coroutines.channels.Channel
import kotlinx.coroutines.launch
import kotlinx.coroutines.withTimeoutOrNull
import org.slf4j.LoggerFactory
import java.util.concurrent.atomic.AtomicInteger
import kotlin.time.Duration

private val log = LoggerFactory.getLogger("dev.aio4j.server.ChatRoutes")
private val webClients = AtomicInteger()

/** WebSockets for `/chat`; a frame over [ServerConfig.maxChatMessageBytes] closes the socket (1009, too big). */
internal fun Application.installChatSockets(config: ServerConfig) {
    install(WebSockets) {
        maxFrameSize = config.maxChatMessageBytes.toLong()
    }
}

/**
 * - `/chat` (WebSocket): the chat room the TCP clients are in; each text frame is a message, and every
 *   message of the others arrives as one text frame (`name: text`, `* name joined`, ...). Web members
 *   are named `web-N`.
 * - `GET /chat/`: a page to chat from; it shows messages with `textContent`, so markup stays text.
 */
internal fun Route.chatRoutes(state: ServerState) {
    webSocket("/chat") { serveWebMember(state) }
    staticResources("/chat", "dev/aio4j/server/chat", index = "index.html")
}

private suspend fun WebSocketServerSession.serveWebMember(state: ServerState) {
    val aio = state.aio
    val member = WebMember("web-${webClients.incrementAndGet()}", this, aio.outboxLines, aio.slowMemberGrace)
    // Members live on the aio4j loop's thread; the session only hands lines over to it.
    if (!aio.onLoop { aio.room.join(member) }) return close(CloseReason(CloseReason.Codes.GOING_AWAY, "server shutting down"))
    try {
        for (frame in incoming) {
            if (frame !is Frame.Text) continue
            val text = frame.readText().trim()
            if (text.isNotEmpty()) aio.onLoop { aio.room.say(member, text) }
        }
    } finally {
        aio.onLoop { aio.room.leave(member) }
        member.finish()
    }
}

/**
 * A WebSocket in the room: lines wait in a bounded outbox that one sender coroutine of the session
 * turns into text frames. A member whose outbox is full is kicked: its backlog is dropped and the
 * socket is closed with 1008 (policy violation) and the notice as reason; if even the close frame
 * cannot be sent within [grace], the session is cancelled, which drops the connection.
 */
private class WebMember(
    override val name: String,
    private val session: WebSocketServerSession,
    outboxLines: Int,
    private val grace: Duration,
) : ChatMember {
    private val lines = Channel<String>(outboxLines)

    @Volatile private var farewell: String? = null

    private val sender: Job = session.launch {
        for (line in lines) session.outgoing.send(Frame.Text(line))
        farewell?.let { session.close(CloseReason(CloseReason.Codes.GOING_AWAY, it)) }
    }

    override fun send(line: String): Boolean = lines.trySend(line).let { it.isSuccess || it.isClosed }

    override fun close(farewell: String) {
        this.farewell = farewell
        lines.close()
    }

    override fun kick(notice: String) {
        lines.cancel()
        session.launch {
            sender.cancelAndJoin()
            val reason = CloseReason(CloseReason.Codes.VIOLATED_POLICY, notice.removePrefix("* error: "))
            if (withTimeoutOrNull(grace) { session.close(reason) } == null) {
                log.debug("chat member {} took no close frame within {}; dropping it", name, grace)
                session.cancel()
            }
        }
    }

    /** The client left or the session ended: stop sending. */
    suspend fun finish() {
        lines.close()
        sender.join()
    }
}

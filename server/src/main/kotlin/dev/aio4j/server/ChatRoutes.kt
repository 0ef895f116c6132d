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
import kotlinx.coroutines.channels.Channel
import kotlinx.coroutines.launch
import org.slf4j.LoggerFactory
import java.util.concurrent.atomic.AtomicInteger

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
    val lines = Channel<String>(OUTBOX_LINES)
    val member = WebMember("web-${webClients.incrementAndGet()}", lines)
    // Members live on the aio4j loop's thread; the session only hands lines over to it.
    if (!aio.onLoop { aio.room.join(member) }) return close(CloseReason(CloseReason.Codes.GOING_AWAY, "server shutting down"))
    val writer = launch {
        for (line in lines) outgoing.send(Frame.Text(line))
        member.farewell?.let { close(CloseReason(CloseReason.Codes.GOING_AWAY, it)) }
    }
    try {
        for (frame in incoming) {
            if (frame !is Frame.Text) continue
            val text = frame.readText().trim()
            if (text.isNotEmpty()) aio.onLoop { aio.room.say(member, text) }
        }
    } finally {
        aio.onLoop { aio.room.leave(member) }
        lines.close()
        writer.join()
    }
}

/** A WebSocket in the room: lines queue in [lines] (bounded; a member that falls that far behind loses lines). */
private class WebMember(override val name: String, private val lines: Channel<String>) : ChatMember {
    @Volatile var farewell: String? = null

    override fun send(line: String) {
        if (lines.trySend(line).isFailure) log.debug("chat member {} is too slow; dropped a line", name)
    }

    override fun close(farewell: String) {
        this.farewell = farewell
        lines.close()
    }
}

private const val OUTBOX_LINES = 1_000

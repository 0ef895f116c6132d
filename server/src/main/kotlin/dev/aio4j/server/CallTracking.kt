package dev.aio4j.server

import io.ktor.http.HttpHeaders
import io.ktor.http.HttpStatusCode
import io.ktor.server.application.Application
import io.ktor.server.application.ApplicationCall
import io.ktor.server.application.ApplicationCallPipeline
import io.ktor.server.application.call
import io.ktor.server.netty.NettyApplicationCall
import io.ktor.server.response.header
import io.netty.channel.ChannelFutureListener
import kotlinx.coroutines.job
import java.time.Instant
import java.time.ZoneOffset
import java.time.format.DateTimeFormatter
import java.util.Locale
import java.util.concurrent.atomic.AtomicBoolean

/**
 * Refuses new calls with 503 once the server is draining, and counts every admitted call in
 * [ServerState.inFlight] until its response has been handed to the connection. [DemoServer.close]
 * waits on that count before it stops Netty.
 *
 * Every response gets a `Date` header (RFC 9110 §6.6.1: an origin server with a clock sends one),
 * formatted at most once a second.
 *
 * The draining check comes first, so a counted call is always one that will be served: a test (or
 * `close`) that sees the count go up knows the call is past the check.
 */
internal fun Application.installCallTracking(state: ServerState) {
    intercept(ApplicationCallPipeline.Setup) {
        call.response.header(HttpHeaders.Date, HttpDate.now())
        if (state.draining.value) {
            call.response.header(HttpHeaders.Connection, "close")
            call.respondError(
                HttpStatusCode.ServiceUnavailable,
                "The server is shutting down; retry against a running instance",
            )
            finish()
            return@intercept
        }
        val job = coroutineContext.job
        state.callStarted(job)
        try {
            proceed()
        } finally {
            state.callEnded(job)
            call.whenResponseWritten(state::responseWritten)
        }
    }
}

/**
 * Runs [action] once, when the engine has written this call's response to the connection, or when the
 * connection has closed first.
 *
 * The pipeline's end is too early for that: Netty writes a response on the connection's own event loop,
 * and a call that resumed on another one (after `/compute`, say) returns before the write has run. Had
 * [DemoServer.close] stopped Netty then, the connection would close with the response unsent.
 */
private fun ApplicationCall.whenResponseWritten(action: () -> Unit) {
    val netty = this as? NettyApplicationCall
    val write = netty?.responseWriteJob
    if (write == null || write.isCompleted) return action()
    val once = AtomicBoolean()
    val closed = netty.context.channel().closeFuture()
    val onClose = ChannelFutureListener {
        if (once.compareAndSet(false, true)) action()
    }
    closed.addListener(onClose)
    write.invokeOnCompletion {
        closed.removeListener(onClose) // a keep-alive connection would otherwise keep one per call
        if (once.compareAndSet(false, true)) action()
    }
}

/** The current time as an HTTP date (`Mon, 23 Nov 2026 01:02:03 GMT`), re-formatted once per second. */
internal object HttpDate {
    private class Stamp(val second: Long, val text: String)

    // RFC 1123's formatter would drop the day's leading zero, which an HTTP-date must keep.
    private val FORMAT = DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC)

    @Volatile private var last = Stamp(-1, "")

    fun now(): String {
        val second = System.currentTimeMillis() / 1_000
        val stamp = last
        if (stamp.second == second) return stamp.text
        val text = FORMAT.format(Instant.ofEpochSecond(second))
        last = Stamp(second, text)
        return text
    }
}

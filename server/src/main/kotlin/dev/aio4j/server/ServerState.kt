package dev.aio4j.server

import kotlinx.coroutines.Job
import kotlinx.coroutines.flow.MutableStateFlow
import kotlinx.coroutines.flow.StateFlow
import kotlinx.coroutines.flow.asStateFlow
import kotlinx.coroutines.flow.update
import java.time.Clock
import java.util.concurrent.ConcurrentHashMap
import java.util.concurrent.Executor
import kotlin.time.Duration

/**
 * Mutable state of one running application: live counters, the draining flag, and the seams tests
 * replace (the clock, the executor of CPU-bound work).
 *
 * The counters are [StateFlow]s so that tests and [DemoServer.close] wait for a condition
 * (`inFlight.first { it == 0 }`) instead of polling or sleeping. Every method is thread-safe.
 *
 * @param clock source of `processedAt` timestamps.
 * @param computeExecutor runs `POST /compute`; `null` means a pool owned by the application.
 * @param slowChatMemberGrace how long a chat member disconnected for being too slow gets to take its
 *   last line before its connection is cut (see [ChatRoom]).
 */
internal class ServerState(
    internal val clock: Clock = Clock.systemUTC(),
    internal val computeExecutor: Executor? = null,
    private val maxChatMessageBytes: Int = ServerConfig.DEFAULT_MAX_CHAT_MESSAGE_BYTES,
    private val chatOutboxLines: Int = ServerConfig.DEFAULT_CHAT_OUTBOX_LINES,
    private val slowChatMemberGrace: Duration = SLOW_CHAT_MEMBER_GRACE,
) {
    /** For [config]'s chat limits. */
    constructor(
        config: ServerConfig,
        computeExecutor: Executor? = null,
        slowChatMemberGrace: Duration = SLOW_CHAT_MEMBER_GRACE,
    ) : this(
        computeExecutor = computeExecutor,
        maxChatMessageBytes = config.maxChatMessageBytes,
        chatOutboxLines = config.chatOutboxLines,
        slowChatMemberGrace = slowChatMemberGrace,
    )

    private val aioRuntime = lazy { AioRuntime(maxChatMessageBytes, chatOutboxLines, slowChatMemberGrace) }

    /** The server's aio4j event loop and chat room, created on first use. */
    internal val aio: AioRuntime by aioRuntime

    /** Closes [aio] if it was ever created: chat members get a farewell, then the loop closes. */
    internal fun closeAio() {
        if (aioRuntime.isInitialized()) aio.close()
    }

    private val calls = MutableStateFlow(0)
    private val callJobs: MutableSet<Job> = ConcurrentHashMap.newKeySet()
    private val streams = MutableStateFlow(0)
    private val drainingFlag = MutableStateFlow(false)

    /** Calls from pipeline setup until their response is written, this `/health` call included. */
    internal val inFlight: StateFlow<Int> = calls.asStateFlow()

    /** Live SSE producers: incremented when a `/events` flow starts, decremented in its `finally`. */
    internal val sseStreams: StateFlow<Int> = streams.asStateFlow()

    /** Set once by [DemoServer.close]: new calls get 503 and SSE streams end. Never reset. */
    internal val draining: StateFlow<Boolean> = drainingFlag.asStateFlow()

    internal fun callStarted(job: Job) {
        callJobs += job
        calls.update { it + 1 }
    }

    /** The call's pipeline has ended: nothing is left to cancel, though its response may still be unwritten. */
    internal fun callEnded(job: Job) {
        callJobs -= job
    }

    /** The call's response is written (or its connection closed): it no longer counts as in flight. */
    internal fun responseWritten() {
        calls.update { it - 1 }
    }

    /** Cancels every call whose pipeline still runs (the grace period is over). */
    internal fun cancelCalls() {
        callJobs.forEach { it.cancel() }
    }

    internal fun streamOpened(): Unit = streams.update { it + 1 }

    internal fun streamClosed(): Unit = streams.update { it - 1 }

    internal fun beginDraining() {
        drainingFlag.value = true
    }
}

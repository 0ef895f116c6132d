package dev.aio4j

/**
 * Something an [EventLoop] reports rather than throws: what asyncio passes to
 * `loop.call_exception_handler`, plus debug mode's slow-callback warnings.
 *
 * Reports go to the loop's handler ([EventLoop.setExceptionHandler]); the default logs them through
 * SLF4J (logger `dev.aio4j.EventLoop`).
 *
 * ```java
 * loop.setExceptionHandler(report -> System.err.println(report.kind() + ": " + report.message()));
 * ```
 */
public class LoopReport(
    private val kind: Kind,
    private val message: String,
    private val exception: Throwable?,
    private val task: Task<*>?,
    private val stack: List<StackTraceElement>,
) {
    /** What kind of event this is. */
    public enum class Kind {
        /** A callback given to `callSoon` / `callLater` threw. */
        CALLBACK_ERROR,

        /** A coroutine failed with nobody to receive the exception. */
        UNHANDLED_EXCEPTION,

        /** Debug mode: a task failed and its exception was never retrieved before it was collected. */
        UNRETRIEVED_EXCEPTION,

        /** Debug mode: a callback held the loop thread longer than the slow-callback threshold. */
        SLOW_CALLBACK,
    }

    public fun kind(): Kind = kind
    public fun message(): String = message
    public fun exception(): Throwable? = exception

    /** The task concerned, when known. */
    public fun task(): Task<*>? = task

    /** For [Kind.SLOW_CALLBACK]: the loop thread's stack while the slow code was running (may be empty). */
    public fun stack(): List<StackTraceElement> = stack

    override fun toString(): String = "$kind: $message"
}

package dev.aio4j;

import java.util.List;
import java.util.Objects;

/**
 * Something an {@link EventLoop} reports rather than throws: what asyncio passes to
 * {@code loop.call_exception_handler}, plus debug mode's slow-callback warnings.
 *
 * <p>Reports go to the loop's handler ({@link EventLoop#setExceptionHandler}); the default logs them
 * through SLF4J (logger {@code dev.aio4j.EventLoop}).
 *
 * <pre>{@code
 * loop.setExceptionHandler(report -> System.err.println(report.kind() + ": " + report.message()));
 * }</pre>
 */
public final class LoopReport {
    /** What kind of event a report is. */
    public enum Kind {
        /** A callback given to {@code callSoon} / {@code callLater} or a done callback threw. */
        CALLBACK_ERROR,
        /** A coroutine failed with nobody to receive the exception. */
        UNHANDLED_EXCEPTION,
        /** Debug mode: a task failed and its exception was never retrieved before it was collected. */
        UNRETRIEVED_EXCEPTION,
        /** Debug mode: a callback held the loop thread longer than the slow-callback threshold. */
        SLOW_CALLBACK,
    }

    private final Kind kind;
    private final String message;
    private final Throwable exception;
    private final Task<?> task;
    private final List<StackTraceElement> stack;

    /** A report; {@code exception} and {@code task} may be null. */
    public LoopReport(Kind kind, String message, Throwable exception, Task<?> task, List<StackTraceElement> stack) {
        this.kind = Objects.requireNonNull(kind, "kind");
        this.message = Objects.requireNonNull(message, "message");
        this.exception = exception;
        this.task = task;
        this.stack = List.copyOf(stack);
    }

    /** What kind of event this is. */
    public Kind kind() { return kind; }

    /** A sentence about what happened. */
    public String message() { return message; }

    /** The exception concerned, or null. */
    public Throwable exception() { return exception; }

    /** The task concerned, when known, or null. */
    public Task<?> task() { return task; }

    /** For {@link Kind#SLOW_CALLBACK}: the loop thread's stack while the slow code ran (may be empty). */
    public List<StackTraceElement> stack() { return stack; }

    @Override
    public String toString() { return kind + ": " + message; }
}

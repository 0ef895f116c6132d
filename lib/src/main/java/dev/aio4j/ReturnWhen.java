package dev.aio4j;

/**
 * When {@link Asyncio#wait} returns: asyncio's {@code FIRST_COMPLETED}, {@code FIRST_EXCEPTION},
 * {@code ALL_COMPLETED}. (Written in Java so that Java sees a plain enum, without Kotlin's
 * {@code getEntries()}.)
 *
 * <pre>{@code
 * Asyncio.wait(tasks, ReturnWhen.FIRST_COMPLETED).thenAccept(r -> System.out.println(r.done().size()));
 * }</pre>
 */
public enum ReturnWhen {
    /** As soon as any awaitable finishes or is cancelled. */
    FIRST_COMPLETED,
    /** As soon as any awaitable fails with an exception other than a cancellation, or all are done. */
    FIRST_EXCEPTION,
    /** When every awaitable is done. */
    ALL_COMPLETED,
}

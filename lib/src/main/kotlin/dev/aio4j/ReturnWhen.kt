package dev.aio4j

/**
 * When [Asyncio.wait] returns: asyncio's `FIRST_COMPLETED`, `FIRST_EXCEPTION`, `ALL_COMPLETED`.
 *
 * ```java
 * Asyncio.wait(tasks, ReturnWhen.FIRST_COMPLETED).thenAccept(r -> System.out.println(r.done().size()));
 * ```
 */
public enum class ReturnWhen {
    /** As soon as any awaitable finishes or is cancelled. */
    FIRST_COMPLETED,

    /** As soon as any awaitable fails with an exception other than a cancellation, or all are done. */
    FIRST_EXCEPTION,

    /** When every awaitable is done. */
    ALL_COMPLETED,
}

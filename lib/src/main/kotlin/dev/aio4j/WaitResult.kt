package dev.aio4j

/**
 * What [Asyncio.wait] returns: the awaitables that are done and those still pending, each in the
 * order they were given. `wait` never cancels anything: pending ones keep running.
 *
 * ```java
 * WaitResult<Task<String>> r = ...;
 * for (Task<String> t : r.pending()) t.cancel();
 * ```
 */
public class WaitResult<F> internal constructor(private val done: Set<F>, private val pending: Set<F>) {
    /** The finished awaitables (successful, failed or cancelled). */
    public fun done(): Set<F> = done

    /** The awaitables that had not finished when `wait` returned. */
    public fun pending(): Set<F> = pending

    override fun toString(): String = "WaitResult(done=${done.size}, pending=${pending.size})"
}

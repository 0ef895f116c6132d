package dev.aio4j;

import java.util.concurrent.CompletionStage;

/**
 * A resource closed asynchronously: asyncio's asynchronous context manager ({@code async with}).
 * Use it with {@link Asyncio#using(AsyncCloseable, java.util.function.Function)}, which closes it once
 * the body's stage is done — with a value, a failure or a cancellation.
 *
 * <p>{@link #aexit(Throwable)} is {@code __aexit__}: it sees the body's exception (null on success)
 * and may suppress it by completing with {@code true}. A cancellation is never suppressed. The default
 * calls {@link #aclose()} and suppresses nothing.
 *
 * <pre>{@code
 * class Connection implements AsyncCloseable {
 *     public CompletionStage<Void> aclose() { return Asyncio.sleep(Duration.ofMillis(10)); }
 * }
 * Asyncio.using(new Connection(), conn -> conn.query("SELECT 1"));
 * }</pre>
 */
public interface AsyncCloseable {
    /** Closes the resource. */
    CompletionStage<Void> aclose();

    /**
     * asyncio's {@code __aexit__}: closes the resource after a body that ended with {@code failure}
     * (null if it succeeded); completing with {@code true} suppresses that failure.
     */
    default CompletionStage<Boolean> aexit(Throwable failure) {
        return aclose().thenApply(v -> false);
    }
}

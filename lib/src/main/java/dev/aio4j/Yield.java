package dev.aio4j;

import java.util.concurrent.CompletionStage;

/**
 * What the body of an async generator ({@link Asyncio#generate}) yields through: Python's
 * {@code yield} inside an {@code async def}.
 *
 * <p>{@link #yield(Object)} hands the item to the consumer's pending {@code anext()} and returns a
 * stage that completes once the consumer asks for the next item — chain the rest of the body on it,
 * so the generator runs one item ahead of nobody (lazily, one item at a time, as a Python generator
 * does). The stage fails with {@link GeneratorExit} when the consumer closes the generator instead
 * ({@code aclose()}, or a {@code using} / {@code forEach} ending early): let it propagate through your
 * {@code whenComplete} cleanup.
 *
 * <p>Call {@code yield} only from the body's chain, once per requested item: a call while no
 * {@code anext()} waits fails its stage with {@code IllegalStateException}; a null item throws
 * {@code NullPointerException}.
 *
 * <pre>{@code
 * AsyncIterator<Integer> countdown(int n) {
 *     return Asyncio.generate(out -> loop(out, n));
 * }
 * CompletionStage<Void> loop(Yield<Integer> out, int n) {
 *     if (n == 0) return CompletableFuture.completedFuture(null);
 *     return out.yield(n).thenCompose(v -> Asyncio.sleep(Duration.ofSeconds(1))).thenCompose(v -> loop(out, n - 1));
 * }
 * }</pre>
 */
@FunctionalInterface
public interface Yield<T> {
    /**
     * Yields {@code item} to the consumer; the stage completes (with null, on the loop thread) when the
     * consumer wants the next item, or fails with {@link GeneratorExit} when it closes the generator.
     */
    CompletionStage<Void> yield(T item);
}

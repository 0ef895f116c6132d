package dev.aio4j;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * An asynchronous iterator: Python's {@code __anext__} (the builtin {@code anext()}) as a future of an
 * {@link Optional}. {@link #anext()} completes with the next item, or with {@code Optional.empty()}
 * when the iteration is over (Python's {@code StopAsyncIteration}); a failure of the source fails it
 * with the exception itself. Items are never null (as in Reactive Streams).
 *
 * <p>It is also an {@link AsyncCloseable}: {@link #aclose()} is an async generator's {@code aclose()},
 * so {@code Asyncio.using(iterator, it -> ...)} closes it — and runs a generator's cleanup — however
 * the body ends. And it is an {@link AsyncIterable} of itself, so {@link #forEach} and
 * {@link #toList} work on it directly (and close it at the end).
 *
 * <p>Protocol: one {@code anext()} at a time — call the next one once the previous future is done;
 * a generator fails an overlapping call with {@code IllegalStateException}, as Python does. After the
 * end (or a failure) every further {@code anext()} completes with {@code Optional.empty()}.
 * Cancelling a pending {@code anext()} future cancels what a generator is doing for it (see
 * {@link Asyncio#generate}).
 *
 * <pre>{@code
 * CompletableFuture<Void> printAll(AsyncIterator<String> it) {
 *     return it.anext().thenCompose(next -> {
 *         if (next.isEmpty()) return CompletableFuture.completedFuture(null);
 *         System.out.println(next.get());
 *         return printAll(it);
 *     });
 * }
 * }</pre>
 */
public interface AsyncIterator<T> extends AsyncIterable<T>, AsyncCloseable {
    /**
     * The next item, or {@code Optional.empty()} at the end: Python's {@code __anext__}, with the end
     * of iteration as a value instead of an exception.
     */
    CompletableFuture<Optional<T>> anext();

    /** Closes the iterator early. The default has nothing to close; a generator runs its cleanup. */
    @Override
    default CompletionStage<Void> aclose() {
        return CompletableFuture.completedFuture(null);
    }

    /** An iterator is its own iterable, as in Python ({@code __aiter__} returns self). */
    @Override
    default AsyncIterator<T> aiter() {
        return this;
    }
}

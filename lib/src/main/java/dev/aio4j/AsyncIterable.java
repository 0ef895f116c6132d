package dev.aio4j;

import dev.aio4j.internal.AsyncIteration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * Something that can be iterated asynchronously: Python's asynchronous iterable (an object with
 * {@code __aiter__}), the thing {@code async for} loops over. {@link #aiter()} hands out an
 * {@link AsyncIterator}; {@link #forEach} and {@link #toList} are {@code async for} loops written for
 * Java.
 *
 * <p>Sources: {@link Asyncio#generate} (an async generator), {@link Asyncio#fromPublisher} (a
 * Reactive Streams publisher), and from Kotlin {@code Flow.asAsyncIterable()} in
 * {@code dev.aio4j.coroutines}. A lambda is one too: {@code () -> Asyncio.generate(...)} gives every
 * loop a fresh generator.
 *
 * <p>Threads: the loops are aio4j operations — call them on an event loop thread (inside
 * {@code Asyncio.run}, a task or a callback); they complete on the loop thread, and what they run
 * belongs to the calling task (cancelling the task cancels the loop). Errors are never wrapped.
 *
 * <pre>{@code
 * AsyncIterable<Integer> numbers = () -> asyncRange(3);
 * numbers.forEach(n -> Asyncio.sleep(Duration.ofMillis(100)).thenRun(() -> System.out.println(n)))
 *        .thenRun(() -> System.out.println("done"));
 * }</pre>
 */
@FunctionalInterface
public interface AsyncIterable<T> {
    /** A new iterator over this iterable, Python's {@code __aiter__}. An iterator returns itself. */
    AsyncIterator<T> aiter();

    /**
     * {@code async for item in self: await action(item)}, with backpressure: the next item is pulled
     * only once the stage {@code action} returned for the previous one is done. Completes with null
     * after the last item; fails with the first failure of the iterator or of an action, as itself.
     *
     * <p>Like Python's {@code async with aclosing(self.__aiter__()) as it: async for ...}: the iterator
     * is always closed at the end (with {@link AsyncIterator#aclose()}), also after a failure or a
     * cancellation, so a generator left early runs its cleanup. Cancelling the returned future cancels
     * the action or the pull in progress, then closes the iterator.
     *
     * <pre>{@code
     * rows.forEach(row -> db.insert(row)).thenRun(() -> System.out.println("copied"));
     * }</pre>
     */
    default CompletableFuture<Void> forEach(Function<? super T, ? extends CompletionStage<?>> action) {
        return AsyncIteration.forEach(this, action);
    }

    /**
     * Every item, in order: {@code [x async for x in self]}. Like {@link #forEach}, the iterator is
     * closed at the end.
     *
     * <pre>{@code
     * Asyncio.generate(out -> out.yield(1).thenCompose(v -> out.yield(2))).toList()  // [1, 2]
     * }</pre>
     */
    default CompletableFuture<List<T>> toList() {
        return AsyncIteration.toList(this);
    }
}

package dev.aio4j;

import java.util.concurrent.CompletableFuture;

/**
 * The part of asyncio's {@code Queue} contract a producer–consumer program uses — {@code put}, {@code get},
 * {@code task_done}, {@code join} — shared by the in-process {@link Queue} and the distributed
 * {@code dev.aio4j.redis.RedisQueue}, so code written against it runs unchanged on either.
 *
 * <p>Like Python's {@code asyncio.Queue} (see {@link Queue} for the in-process semantics and
 * {@code RedisQueue} for the distributed ones: at-least-once delivery, {@code taskDone} acknowledging the
 * oldest item this instance took). Futures complete on the event loop thread of the caller; errors are
 * never wrapped.
 *
 * <pre>{@code
 * CompletableFuture<Void> worker(AsyncQueue<String> queue) {
 *     return queue.get().thenCompose(url -> fetch(url)).thenCompose(page -> {
 *         queue.taskDone();
 *         return worker(queue);
 *     });
 * }
 * }</pre>
 *
 * @param <T> the items' type
 */
public interface AsyncQueue<T> {
    /** Puts {@code item}, waiting while the queue is full. */
    CompletableFuture<Void> put(T item);

    /** Takes an item, waiting while the queue is empty. */
    CompletableFuture<T> get();

    /**
     * Marks an item taken with {@link #get()} as processed; {@code IllegalArgumentException} ("task_done()
     * called too many times") if there is none (asyncio's {@code ValueError}).
     */
    void taskDone();

    /** Completes once every item put was marked done. */
    CompletableFuture<Void> join();
}

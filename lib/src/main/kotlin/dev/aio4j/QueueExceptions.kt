package dev.aio4j

/**
 * [Queue.putNowait] found the queue full: asyncio's `QueueFull`. Unchecked.
 *
 * ```java
 * try {
 *     queue.putNowait(item);
 * } catch (QueueFull e) {
 *     System.out.println("dropped " + item);
 * }
 * ```
 */
public open class QueueFull @JvmOverloads constructor(message: String? = null, cause: Throwable? = null) :
    RuntimeException(message, cause)

/**
 * [Queue.getNowait] found the queue empty: asyncio's `QueueEmpty`. Unchecked.
 *
 * ```java
 * try {
 *     process(queue.getNowait());
 * } catch (QueueEmpty e) {
 *     System.out.println("nothing to do");
 * }
 * ```
 */
public open class QueueEmpty @JvmOverloads constructor(message: String? = null, cause: Throwable? = null) :
    RuntimeException(message, cause)

/**
 * The queue was shut down ([Queue.shutdown]): asyncio's `QueueShutDown` (Python 3.13). Unchecked.
 *
 * Thrown by `putNowait` (and as the failure of `put`'s future) once the queue is shut down, and by
 * `getNowait`/`get` once it is shut down and empty.
 *
 * ```java
 * queue.get().exceptionally(e -> {
 *     if (e instanceof QueueShutDown) System.out.println("no more work");
 *     return null;
 * });
 * ```
 */
public open class QueueShutDown @JvmOverloads constructor(message: String? = null, cause: Throwable? = null) :
    RuntimeException(message, cause)

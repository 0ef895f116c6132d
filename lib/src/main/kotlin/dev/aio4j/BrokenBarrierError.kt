package dev.aio4j

/**
 * A [Barrier] was aborted or reset while a task waited on it: asyncio's `BrokenBarrierError`. Unchecked.
 *
 * Thrown (as the failure of the returned future) by [Barrier.await] when the barrier is broken
 * ([Barrier.abort]) or reset ([Barrier.reset]) while the task waits, and by every later `await` of a
 * broken barrier.
 *
 * ```java
 * barrier.await().exceptionally(e -> {
 *     if (e instanceof BrokenBarrierError) System.out.println("barrier broken");
 *     return -1;
 * });
 * ```
 */
public open class BrokenBarrierError @JvmOverloads constructor(message: String? = null, cause: Throwable? = null) :
    RuntimeException(message, cause)

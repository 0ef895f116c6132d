package dev.aio4j

/**
 * An operation that the state of a [Future] or [Task] does not allow: asyncio's `InvalidStateError`.
 *
 * Thrown by [Future.result] and [Future.exception] on a pending future, and by [Future.setResult] /
 * [Future.setException] on a future that is already done.
 *
 * ```java
 * Future<String> f = Asyncio.createFuture();
 * f.setResult("a");
 * f.setResult("b"); // InvalidStateError: the result was set already
 * ```
 */
public open class InvalidStateError(message: String) : IllegalStateException(message)

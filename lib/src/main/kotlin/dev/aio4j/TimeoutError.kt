package dev.aio4j

/**
 * A deadline passed: asyncio's `TimeoutError`. Unchecked.
 *
 * Raised by [Asyncio.waitFor], [Asyncio.timeout], [Asyncio.asCompleted] and the timeouts of the HTTP
 * client, always after the timed-out work was cancelled and had finished its cleanup. Its cause is
 * the cancellation that stopped the work. Kotlin's `TimeoutCancellationException` never escapes aio4j.
 *
 * ```java
 * try {
 *     Asyncio.run(() -> Asyncio.waitFor(Asyncio.sleep(Duration.ofSeconds(10)), Duration.ofSeconds(1)));
 * } catch (TimeoutError e) {
 *     System.out.println("Operation timed out!");
 * }
 * ```
 */
public open class TimeoutError @JvmOverloads constructor(message: String? = null, cause: Throwable? = null) :
    RuntimeException(message, cause)

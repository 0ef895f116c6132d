package dev.aio4j.coroutines

import kotlinx.coroutines.delay
import kotlinx.coroutines.yield
import kotlin.time.Duration

/**
 * asyncio's `sleep`: suspends for [delay]; zero or a negative delay yields to the loop once, exactly
 * like `asyncio.sleep(0)` (where Kotlin's `delay(0)` would not suspend at all). Cancellable.
 *
 * ```kotlin
 * sleep(100.milliseconds)
 * ```
 */
public suspend fun sleep(delay: Duration) {
    if (delay <= Duration.ZERO) yield() else delay(delay)
}

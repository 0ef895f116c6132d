package dev.aio4j.http

import dev.aio4j.TimeoutError
import dev.aio4j.resilience.Retry
import java.time.Duration
import java.time.ZonedDateTime
import java.time.format.DateTimeFormatter
import java.time.format.DateTimeParseException

/**
 * Retry policies for [ClientSession] requests: a [Retry.Builder] of [ClientResponse] preset to retry
 * what is usually transient — statuses 429, 500, 502, 503 and 504, and the exceptions
 * [ClientConnectionError], [ClientPayloadError] and [TimeoutError] — and to wait what a `Retry-After`
 * header asks (seconds or an HTTP date) instead of the backoff. Adjust it like any builder.
 *
 * ```java
 * Retry<ClientResponse> retry = HttpRetry.builder().maxAttempts(4).build();
 * retry.call(() -> session.get(url)).thenCompose(ClientResponse::text);
 * ```
 */
public object HttpRetry {
    /** The statuses retried by [builder]. */
    @JvmField
    public val RETRIED_STATUSES: Set<Int> = setOf(429, 500, 502, 503, 504)

    /** A retry builder for responses with the transient-failure presets. */
    @JvmStatic
    public fun builder(): Retry.Builder<ClientResponse> = Retry.builder<ClientResponse>()
        .retryOn { it is ClientConnectionError || it is ClientPayloadError || it is TimeoutError }
        .retryOnResult { it.status() in RETRIED_STATUSES }
        .delayFromResult { retryAfter(it) }

    /**
     * The delay a response's `Retry-After` header asks for: delta-seconds or an HTTP date (relative to
     * now; a past date is zero); null if the header is missing or malformed.
     */
    @JvmStatic
    public fun retryAfter(response: ClientResponse): Duration? {
        val value = response.header("Retry-After")?.trim() ?: return null
        value.toLongOrNull()?.let { return if (it >= 0) Duration.ofSeconds(it) else null }
        return try {
            val at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME)
            val d = Duration.between(ZonedDateTime.now(at.zone), at)
            if (d.isNegative) Duration.ZERO else d
        } catch (e: DateTimeParseException) {
            null
        }
    }
}

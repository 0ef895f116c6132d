package dev.aio4j.http

import java.time.Duration

/**
 * The timeouts of a request: aiohttp's `ClientTimeout(total, connect, sock_read)`. Immutable; a null
 * duration means "no limit". Set per session ([ClientSession.Builder.timeout]) or per request
 * ([RequestOptions.timeout]).
 *
 * - [total]: the whole exchange — connecting, sending, the response head and reading the body
 *   (each body read gets what is left). Measured on the event loop's clock.
 * - [connect]: opening the TCP connection (aiohttp's `sock_connect`).
 * - [sockRead]: the longest silence between two reads from the socket, also while reading the body.
 *
 * Expiry fails the operation with [dev.aio4j.TimeoutError] whose message starts with the name of the
 * timeout (`total timeout of PT1S expired for GET http://…`), after the request was cancelled and its
 * connection released. Defaults ([DEFAULT]): total 5 minutes (aiohttp's), connect 30 seconds,
 * sockRead none.
 *
 * ```java
 * ClientTimeout t = ClientTimeout.ofTotal(Duration.ofSeconds(10)).withConnect(Duration.ofSeconds(2));
 * ```
 */
public class ClientTimeout @JvmOverloads constructor(
    private val total: Duration?,
    private val connect: Duration? = null,
    private val sockRead: Duration? = null,
) {
    init {
        for ((name, d) in listOf("total" to total, "connect" to connect, "sockRead" to sockRead)) {
            require(d == null || (!d.isNegative && !d.isZero)) { "ClientTimeout.$name must be positive or null: $d" }
        }
    }

    /** The limit on the whole request, or null. */
    public fun total(): Duration? = total

    /** The limit on opening the connection, or null. */
    public fun connect(): Duration? = connect

    /** The limit on a silence between socket reads, or null. */
    public fun sockRead(): Duration? = sockRead

    /** A copy with [total] replaced. */
    public fun withTotal(total: Duration?): ClientTimeout = ClientTimeout(total, connect, sockRead)

    /** A copy with [connect] replaced. */
    public fun withConnect(connect: Duration?): ClientTimeout = ClientTimeout(total, connect, sockRead)

    /** A copy with [sockRead] replaced. */
    public fun withSockRead(sockRead: Duration?): ClientTimeout = ClientTimeout(total, connect, sockRead)

    override fun toString(): String = "ClientTimeout(total=$total, connect=$connect, sockRead=$sockRead)"

    override fun equals(other: Any?): Boolean =
        other is ClientTimeout && other.total == total && other.connect == connect && other.sockRead == sockRead

    override fun hashCode(): Int = listOf(total, connect, sockRead).hashCode()

    public companion object {
        /** Total 5 minutes, connect 30 seconds, no sockRead limit. */
        @JvmField
        public val DEFAULT: ClientTimeout = ClientTimeout(Duration.ofMinutes(5), Duration.ofSeconds(30), null)

        /** No limit at all. */
        @JvmField
        public val NONE: ClientTimeout = ClientTimeout(null, null, null)

        /** Only a total limit. */
        @JvmStatic
        public fun ofTotal(total: Duration): ClientTimeout = ClientTimeout(total, null, null)
    }
}

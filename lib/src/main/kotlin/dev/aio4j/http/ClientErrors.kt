package dev.aio4j.http

/**
 * The base of the HTTP client's errors: aiohttp's `ClientError`. Unchecked. A timeout is not one of
 * them: it is a [dev.aio4j.TimeoutError] whose message names the timeout that fired (`total`,
 * `connect` or `sock_read`), as every aio4j timeout is.
 *
 * Futures of the client fail with these exceptions themselves, never wrapped in a
 * `CompletionException`.
 *
 * ```java
 * session.get(url).exceptionally(e -> { if (e instanceof ClientError) log.warn("request failed", e); return null; });
 * ```
 */
public open class ClientError @JvmOverloads constructor(message: String?, cause: Throwable? = null) :
    RuntimeException(message, cause)

/**
 * A response had an error status (400 or more) and [ClientResponse.raiseForStatus] was called:
 * aiohttp's `ClientResponseError`. Carries the status, the reason phrase, the URL and the method.
 *
 * ```java
 * try { resp.raiseForStatus(); } catch (ClientResponseError e) { System.out.println(e.status() + " for " + e.url()); }
 * ```
 */
public class ClientResponseError(
    private val status: Int,
    private val reason: String,
    private val url: String,
    private val method: String,
) : ClientError("$status $reason for $method $url") {
    /** The HTTP status code, e.g. 404. */
    public fun status(): Int = status

    /** The reason phrase of the status line, e.g. "Not Found". */
    public fun reason(): String = reason

    /** The URL of the request (after redirects). */
    public fun url(): String = url

    /** The request method, e.g. "GET". */
    public fun method(): String = method
}

/**
 * The connection to the server could not be made or broke before a response arrived (refused,
 * unknown host, reset): aiohttp's `ClientConnectionError`/`ClientConnectorError`. The cause is the
 * I/O exception underneath; the message names the method and URL.
 */
public class ClientConnectionError(message: String, cause: Throwable?) : ClientError(message, cause)

/**
 * The response body could not be read to its end (connection closed early, bad chunked encoding,
 * unknown charset): aiohttp's `ClientPayloadError`.
 */
public class ClientPayloadError(message: String, cause: Throwable?) : ClientError(message, cause)

/**
 * A URL that is not an absolute `http`/`https` URL (after joining it to the session's base URL):
 * aiohttp's `InvalidURL`. The message shows the URL and what is wrong with it.
 */
public class InvalidUrlError(private val url: String, problem: String, cause: Throwable? = null) :
    ClientError("invalid URL '$url': $problem", cause) {
    /** The URL as given. */
    public fun url(): String = url
}

/**
 * [ClientResponse.json] found a body that is not valid JSON (aiohttp raises `JSONDecodeError`). The
 * message says so, names the request and includes the start of the body; the cause is Jackson's
 * exception.
 */
public class InvalidJsonError(message: String, private val bodyStart: String, cause: Throwable?) :
    ClientError(message, cause) {
    /** The first characters of the body (at most 200). */
    public fun bodyStart(): String = bodyStart
}

/**
 * A request was made on a closed [ClientSession] (aiohttp raises `RuntimeError("Session is closed")`).
 * An `IllegalStateException`, since using a closed session is a programming error.
 */
public class ClientSessionClosedError(message: String) : IllegalStateException(message)

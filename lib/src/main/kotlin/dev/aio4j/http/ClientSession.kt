package dev.aio4j.http

import com.fasterxml.jackson.databind.ObjectMapper
import dev.aio4j.AsyncCloseable
import dev.aio4j.Future
import dev.aio4j.internal.HiddenFromJava
import dev.aio4j.internal.Owner
import dev.aio4j.internal.startOperation
import java.time.Duration
import java.util.concurrent.CompletionStage

/**
 * An HTTP client session: aiohttp's `ClientSession` for Java, over one Ktor CIO client and its
 * connection pool. Create one per application (or per group of requests), use it for many requests,
 * and close it with [aclose] (it is an [AsyncCloseable], so `Asyncio.using(session, s -> …)` works).
 *
 * Like Python's `aiohttp.ClientSession`: base URL, default headers and timeouts per session; a request
 * completes when the response head arrived and the body is read from the [ClientResponse]. Deviations:
 * no cookie jar; redirects are followed; bodies are not decompressed. The suspend core is
 * [dev.aio4j.coroutines.http.ClientSession].
 *
 * Connection limits (aiohttp's `TCPConnector(limit, limit_per_host)`): by default at most
 * [DEFAULT_LIMIT] (10,000) connections in total and no separate per-host cap (so all of them may go to
 * one host). Ktor CIO's own defaults (100 per route, a 15 s request timeout, a 5 s connect timeout) do
 * not apply: a 1,000-way fan-out to one host runs 1,000 connections at once. Requests over a limit
 * wait for a free connection.
 *
 * Threads and cancellation: request methods must be called on an event loop thread (in a task or a
 * callback); their futures complete on that loop's thread, never on a Ktor I/O thread. A request is
 * owned by the current task: cancelling the future or the task cancels the exchange and closes its
 * connection, and cancelling the task later still releases the responses it received. Errors are
 * never wrapped: [ClientSessionClosedError], [InvalidUrlError], [ClientConnectionError],
 * [dev.aio4j.TimeoutError] (naming the timeout that fired).
 *
 * ```java
 * ClientSession session = ClientSession.builder().baseUrl("https://api.example.com").build();
 * Asyncio.using(session, s -> s.get("/users")
 *     .thenCompose(resp -> resp.raiseForStatus().json()))
 *     .thenAccept(users -> System.out.println(users.size() + " users"));
 * ```
 */
public class ClientSession private constructor(builder: Builder) : AsyncCloseable {
    private val core = dev.aio4j.coroutines.http.ClientSession(builder)

    /** GET [url] (absolute, or relative to the base URL). */
    @JvmOverloads
    public fun get(url: String, options: RequestOptions? = null): Future<ClientResponse> = request("GET", url, options)

    /** POST [url]. */
    @JvmOverloads
    public fun post(url: String, options: RequestOptions? = null): Future<ClientResponse> = request("POST", url, options)

    /** PUT [url]. */
    @JvmOverloads
    public fun put(url: String, options: RequestOptions? = null): Future<ClientResponse> = request("PUT", url, options)

    /** PATCH [url]. */
    @JvmOverloads
    public fun patch(url: String, options: RequestOptions? = null): Future<ClientResponse> = request("PATCH", url, options)

    /** DELETE [url]. */
    @JvmOverloads
    public fun delete(url: String, options: RequestOptions? = null): Future<ClientResponse> = request("DELETE", url, options)

    /** HEAD [url]. */
    @JvmOverloads
    public fun head(url: String, options: RequestOptions? = null): Future<ClientResponse> = request("HEAD", url, options)

    /**
     * Sends a [method] request to [url] with [options] (null = none); completes with the response once
     * its head arrived. See the class documentation for threads, cancellation and errors.
     */
    public fun request(method: String, url: String, options: RequestOptions?): Future<ClientResponse> {
        val owner = Owner.current()
        return owner.startOperation { ClientResponse(core.request(method, url, options, owner.job)) }
    }

    /** Whether [aclose] was called. */
    public fun isClosed(): Boolean = core.isClosed

    /** The total connection limit (0 = none). */
    public fun limit(): Int = core.limit

    /** The per-host connection limit (0 = only [limit] applies). */
    public fun limitPerHost(): Int = core.limitPerHost

    /**
     * Closes the session: open responses are released (their pending reads fail) and the connection
     * pool shuts down; completes on the loop thread once it has. Idempotent.
     */
    override fun aclose(): CompletionStage<Void?> = startOperation {
        core.close()
        null
    }

    /** The suspend session underneath, for Kotlin callers. */
    public fun coroutines(): dev.aio4j.coroutines.http.ClientSession = core

    /**
     * Settings of a new [ClientSession]; fluent, each setter returns this builder.
     *
     * ```java
     * ClientSession s = ClientSession.builder()
     *     .baseUrl("http://127.0.0.1:8080/api/")
     *     .header("Authorization", "Bearer " + token)
     *     .timeout(new ClientTimeout(Duration.ofSeconds(30), Duration.ofSeconds(5), null))
     *     .limit(1000).limitPerHost(100)
     *     .build();
     * ```
     */
    public class Builder internal constructor(hidden: HiddenFromJava) {
        @get:JvmSynthetic @set:JvmSynthetic internal var baseUrl: String? = null
        @get:JvmSynthetic internal val headers: MutableList<Pair<String, String>> = ArrayList()
        @get:JvmSynthetic @set:JvmSynthetic internal var timeout: ClientTimeout = ClientTimeout.DEFAULT
        @get:JvmSynthetic @set:JvmSynthetic internal var limit: Int = DEFAULT_LIMIT
        @get:JvmSynthetic @set:JvmSynthetic internal var limitPerHost: Int = 0
        @get:JvmSynthetic @set:JvmSynthetic internal var keepAlive: Duration = Duration.ofSeconds(5)
        @get:JvmSynthetic @set:JvmSynthetic internal var followRedirects: Boolean = true
        @get:JvmSynthetic @set:JvmSynthetic internal var mapper: ObjectMapper? = null

        /** The URL relative request URLs are resolved against (RFC 3986: end it with `/` to keep its path). */
        public fun baseUrl(url: String): Builder = apply {
            dev.aio4j.coroutines.http.ClientSession.parseAbsolute(url)
            baseUrl = url
        }

        /** A header sent with every request (a request's own header of that name wins). */
        public fun header(name: String, value: String): Builder = apply { headers += name to value }

        /** Every entry of [headers] as a default header. */
        public fun headers(headers: Map<String, String>): Builder = apply { for ((k, v) in headers) header(k, v) }

        /** The default timeouts ([ClientTimeout.DEFAULT] unless set). */
        public fun timeout(timeout: ClientTimeout): Builder = apply { this.timeout = timeout }

        /** At most [limit] connections in total; 0 means no limit. Default [DEFAULT_LIMIT]. */
        public fun limit(limit: Int): Builder = apply {
            require(limit >= 0) { "limit must be >= 0 (0 = no limit): $limit" }
            this.limit = limit
        }

        /** At most [limitPerHost] connections to one host and port; 0 (the default) means only [limit] applies. */
        public fun limitPerHost(limitPerHost: Int): Builder = apply {
            require(limitPerHost >= 0) { "limitPerHost must be >= 0 (0 = only limit applies): $limitPerHost" }
            this.limitPerHost = limitPerHost
        }

        /** How long an idle connection stays in the pool (default 5 s). */
        public fun keepAlive(keepAlive: Duration): Builder = apply {
            require(!keepAlive.isNegative) { "keepAlive must not be negative: $keepAlive" }
            this.keepAlive = keepAlive
        }

        /** Whether redirects are followed (default true). */
        public fun followRedirects(follow: Boolean): Builder = apply { followRedirects = follow }

        /** The Jackson mapper for JSON bodies and [ClientResponse.json] (default: a plain `ObjectMapper`). */
        public fun objectMapper(mapper: ObjectMapper): Builder = apply { this.mapper = mapper }

        /** A new session with these settings. Needs no event loop; its requests do. */
        public fun build(): ClientSession = ClientSession(this)
    }

    public companion object {
        /** The default total connection limit, 10,000. */
        public const val DEFAULT_LIMIT: Int = 10_000

        /** A session with the default settings. */
        @JvmStatic
        public fun create(): ClientSession = builder().build()

        /** A builder of a session. */
        @JvmStatic
        public fun builder(): Builder = Builder(HiddenFromJava.TOKEN)
    }
}

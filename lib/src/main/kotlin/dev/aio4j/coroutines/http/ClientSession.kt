package dev.aio4j.coroutines.http

import com.fasterxml.jackson.databind.ObjectMapper
import dev.aio4j.TimeoutError
import dev.aio4j.coroutines.timeoutAt
import dev.aio4j.http.ClientConnectionError
import dev.aio4j.http.ClientSessionClosedError
import dev.aio4j.http.ClientTimeout
import dev.aio4j.http.InvalidUrlError
import dev.aio4j.http.RequestOptions
import dev.aio4j.internal.loopCoreOrNull
import dev.aio4j.internal.loopNanos
import io.ktor.client.HttpClient
import io.ktor.client.engine.cio.CIO
import io.ktor.client.engine.cio.endpoint
import io.ktor.client.network.sockets.ConnectTimeoutException
import io.ktor.client.plugins.HttpRequestTimeoutException
import io.ktor.client.plugins.HttpTimeout
import io.ktor.client.plugins.HttpTimeoutConfig
import io.ktor.client.plugins.timeout
import io.ktor.client.request.forms.FormDataContent
import io.ktor.client.request.header
import io.ktor.client.request.parameter
import io.ktor.client.request.prepareRequest
import io.ktor.client.request.setBody
import io.ktor.client.request.url
import io.ktor.client.statement.HttpResponse
import io.ktor.http.ContentType
import io.ktor.http.HttpHeaders
import io.ktor.http.HttpMethod
import io.ktor.http.Parameters
import io.ktor.http.content.ByteArrayContent
import kotlinx.coroutines.CancellationException
import kotlinx.coroutines.CompletableDeferred
import kotlinx.coroutines.CoroutineName
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.CoroutineStart
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.SupervisorJob
import kotlinx.coroutines.launch
import kotlinx.coroutines.Job
import kotlinx.coroutines.currentCoroutineContext
import kotlinx.coroutines.job
import java.io.IOException
import java.net.URI
import java.net.URISyntaxException
import java.nio.channels.UnresolvedAddressException
import java.util.Collections
import java.util.concurrent.atomic.AtomicBoolean

/**
 * The suspend core of the HTTP client: aiohttp's `ClientSession` for Kotlin coroutines, over one Ktor
 * CIO `HttpClient` (one connection pool). Java callers use [dev.aio4j.http.ClientSession], which bridges
 * to this class; the semantics live here.
 *
 * Like Python's `aiohttp.ClientSession`: a base URL, default headers and default timeouts per session;
 * [request] returns as soon as the response head arrived, with the body still to read from the
 * [ClientResponse]; every response must be read to its end or closed to give its connection back.
 * Deviations: no cookie jar; redirects are followed (Ktor's default); no automatic content decoding.
 *
 * Cancellation: cancelling the caller cancels the exchange and closes its connection. A response is
 * also released when the coroutine (for Java callers: the task) that made the request is cancelled.
 *
 * ```kotlin
 * val session = ClientSession(dev.aio4j.http.ClientSession.builder().baseUrl("http://127.0.0.1:8080"))
 * val users = session.get("/users").json()
 * session.close()
 * ```
 */
public class ClientSession(settings: dev.aio4j.http.ClientSession.Builder) {
    private val baseUrl: URI? = settings.baseUrl?.let { parseAbsolute(it) }
    private val defaultHeaders: List<Pair<String, String>> = settings.headers.toList()
    private val timeout: ClientTimeout = settings.timeout
    internal val mapper: ObjectMapper = settings.mapper ?: ObjectMapper()
    private val closed = AtomicBoolean()
    private val holders = CoroutineScope(SupervisorJob() + Dispatchers.Default + CoroutineName("aio4j-http"))
    private val open: MutableSet<ClientResponse> = Collections.newSetFromMap(java.util.concurrent.ConcurrentHashMap())

    /** The connection limits in force: total and per host (0 = no separate per-host limit). */
    public val limit: Int = settings.limit
    public val limitPerHost: Int = settings.limitPerHost

    private val client: HttpClient = HttpClient(CIO) {
        expectSuccess = false
        followRedirects = settings.followRedirects
        install(HttpTimeout) {
            requestTimeoutMillis = HttpTimeoutConfig.INFINITE_TIMEOUT_MS
        }
        engine {
            // CIO's own defaults (100 per route, 15 s request timeout, 5 s connect) must not leak through.
            maxConnectionsCount = limit.orUnlimited()
            requestTimeout = 0
            endpoint {
                maxConnectionsPerRoute = (if (limitPerHost == 0) limit else limitPerHost).orUnlimited()
                connectAttempts = 1
                connectTimeout = HttpTimeoutConfig.INFINITE_TIMEOUT_MS
                socketTimeout = HttpTimeoutConfig.INFINITE_TIMEOUT_MS
                keepAliveTime = settings.keepAlive.toMillis()
            }
        }
    }

    /** Whether [close] was called. */
    public val isClosed: Boolean get() = closed.get()

    /** GET [url]. */
    public suspend fun get(url: String, options: RequestOptions? = null): ClientResponse = request("GET", url, options)

    /** POST [url]. */
    public suspend fun post(url: String, options: RequestOptions? = null): ClientResponse = request("POST", url, options)

    /** PUT [url]. */
    public suspend fun put(url: String, options: RequestOptions? = null): ClientResponse = request("PUT", url, options)

    /** PATCH [url]. */
    public suspend fun patch(url: String, options: RequestOptions? = null): ClientResponse = request("PATCH", url, options)

    /** DELETE [url]. */
    public suspend fun delete(url: String, options: RequestOptions? = null): ClientResponse = request("DELETE", url, options)

    /** HEAD [url]. */
    public suspend fun head(url: String, options: RequestOptions? = null): ClientResponse = request("HEAD", url, options)

    /**
     * Sends a request and returns once the response head arrived. [url] is absolute, or relative to the
     * session's base URL. Fails with [ClientSessionClosedError], [InvalidUrlError],
     * [ClientConnectionError] or a [TimeoutError] naming the timeout that fired. The response is
     * released when the calling coroutine is cancelled.
     */
    public suspend fun request(method: String, url: String, options: RequestOptions? = null): ClientResponse =
        request(method, url, options, currentCoroutineContext().job)

    internal suspend fun request(method: String, url: String, options: RequestOptions?, holder: Job): ClientResponse {
        if (closed.get()) throw ClientSessionClosedError("the ClientSession is closed: cannot $method $url")
        val verb = method.trim().uppercase()
        require(verb.isNotEmpty() && verb.all { it.isLetter() || it == '-' }) { "invalid HTTP method: '$method'" }
        val opts = options ?: RequestOptions()
        val target = resolve(url, opts)
        val limits = opts.timeout ?: timeout
        val what = "$verb $target"
        val deadline = limits.total()?.let { currentCoroutineContext().loopNanos() + it.toNanos() }
        val statement = client.prepareRequest {
            this.method = HttpMethod.parse(verb)
            url(target)
            for ((k, v) in opts.params) parameter(k, v)
            val headers = mergedHeaders(opts)
            var contentType: String? = null
            for ((k, v) in headers) {
                if (k.equals(HttpHeaders.ContentType, ignoreCase = true)) contentType = v else header(k, v)
            }
            when (val body = opts.body) {
                null -> if (contentType != null) header(HttpHeaders.ContentType, contentType)
                is RequestOptions.Body.Json ->
                    setBody(ByteArrayContent(mapper.writeValueAsBytes(body.value), parseType(contentType ?: "application/json")))
                is RequestOptions.Body.Form -> {
                    val form = FormDataContent(Parameters.build { for ((k, v) in body.fields) append(k, v) })
                    setBody(if (contentType == null) form else ByteArrayContent(form.bytes(), parseType(contentType)))
                }
                is RequestOptions.Body.Bytes -> setBody(ByteArrayContent(body.bytes, parseType(contentType ?: body.contentType)))
            }
            timeout {
                connectTimeoutMillis = limits.connect()?.toMillis() ?: HttpTimeoutConfig.INFINITE_TIMEOUT_MS
                socketTimeoutMillis = limits.sockRead()?.toMillis() ?: HttpTimeoutConfig.INFINITE_TIMEOUT_MS
                requestTimeoutMillis = HttpTimeoutConfig.INFINITE_TIMEOUT_MS
            }
        }
        // Ktor keeps a streaming response open only inside `execute { }`: a holder coroutine sits in that
        // block until the response is released; it belongs to the session, the request op awaits it.
        // The holder runs Ktor's request pipeline on Dispatchers.Default, not on the loop thread, which
        // would otherwise do that work for every request of a fan-out alone (RESULTS.md, W5). ATOMIC:
        // a holder cancelled before it ran still enters the try, so `ready` always completes.
        val ready = CompletableDeferred<HttpResponse>()
        val done = CompletableDeferred<Unit>()
        val holderJob = holders.launch(start = CoroutineStart.ATOMIC) {
            try {
                statement.execute { resp ->
                    ready.complete(resp)
                    done.await()
                }
            } catch (e: Throwable) {
                ready.completeExceptionally(e)
            }
        }
        val response: HttpResponse = try {
            io(deadline, limits, what, body = false) { ready.await() }
        } catch (e: Throwable) {
            holderJob.cancel(e as? CancellationException ?: CancellationException("the request failed", e))
            throw e
        }
        val result = ClientResponse(this, response, verb, deadline, limits, done, holderJob)
        if (closed.get()) {
            result.release(CancellationException("the ClientSession was closed"))
            throw ClientSessionClosedError("the ClientSession was closed during $what")
        }
        open += result
        result.holdUntilReleased(holder)
        return result
    }

    /**
     * Closes the session: releases every open response (their pending reads fail) and shuts the
     * connection pool down. Idempotent. Later requests fail with [ClientSessionClosedError].
     */
    public suspend fun close() {
        if (!closed.compareAndSet(false, true)) return
        for (r in open.toList()) r.release(CancellationException("the ClientSession was closed"))
        holders.coroutineContext.job.cancel()
        client.close()
        // Every response is released and every holder cancelled, so nothing of this session needs
        // Ktor's coroutines any more. CIO can leave a connection's coroutine running after a streaming
        // response was released early (seen under load: the client's job stayed "Completing" for good
        // with that child active), so cancel what is left instead of waiting for it, as aiohttp's
        // connector closes its connections on close.
        client.coroutineContext.job.cancel()
        foreign {
            holders.coroutineContext.job.join()
            client.coroutineContext.job.join()
        }
    }

    internal fun forget(response: ClientResponse) {
        open -= response
    }

    private fun mergedHeaders(opts: RequestOptions): List<Pair<String, String>> {
        val overridden = opts.headers.map { it.first.lowercase() }.toSet()
        return defaultHeaders.filter { it.first.lowercase() !in overridden } + opts.headers
    }

    private fun resolve(url: String, opts: RequestOptions): String {
        val uri = parseUri(url)
        val absolute = when {
            uri.isAbsolute -> uri
            baseUrl != null -> baseUrl.resolve(uri)
            else -> throw InvalidUrlError(url, "not absolute, and the session has no base URL")
        }
        checkHttp(url, absolute)
        return absolute.toString()
    }

    internal companion object {
        fun parseUri(url: String): URI = try {
            URI(url.trim())
        } catch (e: URISyntaxException) {
            throw InvalidUrlError(url, e.reason ?: "not a URI", e)
        }

        fun parseAbsolute(url: String): URI {
            val uri = parseUri(url)
            if (!uri.isAbsolute) throw InvalidUrlError(url, "a base URL must be absolute")
            checkHttp(url, uri)
            return uri
        }

        private fun checkHttp(url: String, uri: URI) {
            val scheme = uri.scheme?.lowercase()
            if (scheme != "http" && scheme != "https") throw InvalidUrlError(url, "the scheme must be http or https, not '${uri.scheme}'")
            if (uri.host.isNullOrEmpty()) throw InvalidUrlError(url, "no host")
        }

        private fun parseType(type: String): ContentType = try {
            ContentType.parse(type)
        } catch (e: Exception) {
            throw IllegalArgumentException("invalid Content-Type: '$type'", e)
        }

        private fun Int.orUnlimited(): Int = if (this == 0) Int.MAX_VALUE else this
    }
}

/**
 * Runs one network step of an exchange: under what is left of the total timeout, counted as foreign
 * work on a virtual-time loop (the clock must not jump while the network works), with Ktor's exceptions
 * translated into aio4j's.
 */
internal suspend fun <T> io(deadline: Long?, limits: ClientTimeout, what: String, body: Boolean, block: suspend () -> T): T {
    var expired = false
    try {
        return if (deadline == null) {
            foreign { block() }
        } else {
            timeoutAt(deadline / 1e9) { t ->
                try {
                    foreign { block() }
                } finally {
                    expired = t.expired()
                }
            }
        }
    } catch (e: TimeoutError) {
        if (expired) throw TimeoutError("total timeout of ${limits.total()} expired for $what", e)
        throw e
    } catch (e: CancellationException) {
        throw e
    } catch (e: ConnectTimeoutException) {
        throw TimeoutError("connect timeout of ${limits.connect()} expired for $what", e)
    } catch (e: java.net.SocketTimeoutException) {
        throw TimeoutError("sock_read timeout of ${limits.sockRead()} expired for $what", e)
    } catch (e: HttpRequestTimeoutException) {
        throw TimeoutError("request timed out for $what", e)
    } catch (e: IOException) {
        val timeout = generateSequence(e as Throwable) { it.cause }.take(20).firstOrNull { it is java.net.SocketTimeoutException }
        if (timeout != null) throw TimeoutError("sock_read timeout of ${limits.sockRead()} expired for $what", e)
        if (body) throw dev.aio4j.http.ClientPayloadError("reading the body of $what failed: $e", e)
        throw ClientConnectionError("cannot $what: $e", e)
    } catch (e: UnresolvedAddressException) {
        throw ClientConnectionError("cannot $what: unresolved address", e)
    }
}

/** Counts [block] as foreign work of a virtual-time loop, so its clock does not jump past the network. */
internal suspend inline fun <T> foreign(block: () -> T): T {
    val core = currentCoroutineContext().loopCoreOrNull()
    if (core == null || !core.virtualTime) return block()
    core.foreignInFlight.incrementAndGet()
    try {
        return block()
    } finally {
        core.foreignInFlight.decrementAndGet()
        core.wakeUp()
    }
}


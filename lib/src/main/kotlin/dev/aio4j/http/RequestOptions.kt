package dev.aio4j.http

/**
 * The optional parts of one request — query parameters, headers, a body and timeouts — as a fluent,
 * mutable builder: aiohttp's keyword arguments `params=`, `headers=`, `json=`, `data=`, `timeout=`.
 * Each setter returns this object. Not thread-safe; build it, then pass it to a request.
 *
 * A request has at most one body: [json], [form] and [data] replace each other. A `Content-Type`
 * header, if set, overrides the body's content type.
 *
 * ```java
 * session.post("/users", RequestOptions.create()
 *     .param("notify", "true")
 *     .header("X-Trace", "42")
 *     .json(Map.of("name", "Ada")));
 * ```
 */
public class RequestOptions {
    @get:JvmSynthetic internal val params: MutableList<Pair<String, String>> = ArrayList()
    @get:JvmSynthetic internal val headers: MutableList<Pair<String, String>> = ArrayList()
    @get:JvmSynthetic internal var body: Body? = null
        private set
    @get:JvmSynthetic internal var timeout: ClientTimeout? = null
        private set

    /** Adds a query parameter (appended to those already in the URL; repeated names are kept). */
    public fun param(name: String, value: Any): RequestOptions = apply { params += name to value.toString() }

    /** Adds every entry of [params] as a query parameter. */
    public fun params(params: Map<String, *>): RequestOptions = apply {
        for ((k, v) in params) param(k, requireNotNull(v) { "query parameter '$k' is null" })
    }

    /** Adds a header (in addition to the session's default headers, replacing one with the same name). */
    public fun header(name: String, value: String): RequestOptions = apply { headers += name to value }

    /** Adds every entry of [headers]. */
    public fun headers(headers: Map<String, String>): RequestOptions = apply { for ((k, v) in headers) header(k, v) }

    /** A JSON body: [value] serialized by the session's Jackson `ObjectMapper`, `application/json`. */
    public fun json(value: Any?): RequestOptions = apply { body = Body.Json(value) }

    /** A form body, `application/x-www-form-urlencoded`. */
    public fun form(fields: Map<String, String>): RequestOptions = apply { body = Body.Form(LinkedHashMap(fields)) }

    /** A raw body, `application/octet-stream`. */
    public fun data(bytes: ByteArray): RequestOptions = data(bytes, "application/octet-stream")

    /** A raw body with [contentType]. */
    public fun data(bytes: ByteArray, contentType: String): RequestOptions = apply { body = Body.Bytes(bytes.copyOf(), contentType) }

    /** A text body, `text/plain; charset=UTF-8`. */
    public fun data(text: String): RequestOptions = data(text.toByteArray(Charsets.UTF_8), "text/plain; charset=UTF-8")

    /** Timeouts for this request, replacing the session's. */
    public fun timeout(timeout: ClientTimeout): RequestOptions = apply { this.timeout = timeout }

    internal sealed class Body {
        class Json(val value: Any?) : Body()
        class Form(val fields: Map<String, String>) : Body()
        class Bytes(val bytes: ByteArray, val contentType: String) : Body()
    }

    public companion object {
        /** Empty options, to fill with the fluent setters. */
        @JvmStatic
        public fun create(): RequestOptions = RequestOptions()
    }
}

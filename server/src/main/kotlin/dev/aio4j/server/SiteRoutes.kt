package dev.aio4j.server

import io.ktor.http.ContentType
import io.ktor.http.HttpMethod
import io.ktor.http.HttpStatusCode
import io.ktor.server.application.ApplicationCall
import io.ktor.server.response.respondRedirect
import io.ktor.server.response.respondText
import io.ktor.server.routing.Route
import io.ktor.server.routing.get
import io.ktor.server.routing.route
import kotlinx.coroutines.delay
import java.util.concurrent.ConcurrentHashMap
import java.util.concurrent.atomic.AtomicInteger

/** Pages `/site/page/1` to `/site/page/SITE_PAGES` exist. */
internal const val SITE_PAGES: Int = 1_000

/** Pages the `/site/` index links to. */
internal const val SITE_INDEX_PAGES: Int = 10

/** Keys `/site/flaky` remembers before it forgets them all (a demo server, not a database). */
private const val MAX_FLAKY_KEYS = 10_000

/**
 * A small generated web site for the demo's scraper and the retry examples (issue #6):
 * - `GET /site/`: an index (title "aio4j site") linking to pages 1..10, to `missing` (a 404) and to
 *   `slow`, with one image. `/site` redirects to `/site/`.
 * - `GET /site/page/{n}`, n in 1..1000: title "Site page n", links to the index, the previous and next
 *   page and `missing`, and `n % 4` images; any other n is the JSON 404. Every link is relative.
 * - `GET /site/slow?delayMs=M`: a page (title "Slow page") after M ms (default 3000, 0..10000): what a
 *   client's timeout is for.
 * - `GET /site/flaky/{key}?failures=K&delayMs=M`: the first K calls (default 2, 0..100) with that key
 *   answer 503 (JSON error), later ones 200 `{"key": key, "attempt": n}`; each answer after M ms
 *   (default 0, 0..10000). A retry loop's test partner: use a fresh key per run.
 *
 * Images point at `/pages/img/loop.svg`, which exists; the scraper only counts them.
 */
internal fun Route.siteRoutes() {
    val flakyCalls = ConcurrentHashMap<String, AtomicInteger>()
    get("/site") { call.respondRedirect("/site/", permanent = true) }
    route("/site/") {
        allowOnly(HttpMethod.Get)
        get { call.respondHtml(sitePage("aio4j site", SITE_INDEX_PAGES, indexLinks(), images = 1, prefix = "")) }
    }
    route("/site/page/{n}") {
        allowOnly(HttpMethod.Get)
        get {
            val raw = call.parameters["n"].orEmpty()
            val n = raw.toIntOrNull()?.takeIf { it in 1..SITE_PAGES }
                ?: throw ApiException(HttpStatusCode.NotFound, "No page '$raw'; pages run from 1 to $SITE_PAGES")
            call.respondHtml(sitePage("Site page $n", n, pageLinks(n), images = n % 4, prefix = "../"))
        }
    }
    route("/site/slow") {
        allowOnly(HttpMethod.Get)
        get {
            val delayMs = call.siteQuery("delayMs", default = 3_000, range = 0..10_000)
            delay(delayMs.toLong())
            call.respondHtml(sitePage("Slow page", 0, listOf("./" to "Home"), images = 1, prefix = ""))
        }
    }
    route("/site/flaky/{key}") {
        allowOnly(HttpMethod.Get)
        get {
            val key = call.parameters["key"].orEmpty()
            val failures = call.siteQuery("failures", default = 2, range = 0..100)
            val delayMs = call.siteQuery("delayMs", default = 0, range = 0..10_000)
            if (flakyCalls.size >= MAX_FLAKY_KEYS && !flakyCalls.containsKey(key)) flakyCalls.clear()
            val attempt = flakyCalls.computeIfAbsent(key) { AtomicInteger() }.incrementAndGet()
            delay(delayMs.toLong())
            if (attempt <= failures) {
                call.respondJson(
                    mapOf("error" to "flaky: call $attempt of $failures fails", "status" to 503),
                    HttpStatusCode.ServiceUnavailable,
                )
            } else {
                call.respondJson(mapOf("key" to key, "attempt" to attempt))
            }
        }
    }
}

private fun indexLinks(): List<Pair<String, String>> =
    (1..SITE_INDEX_PAGES).map { "page/$it" to "Page $it" } + listOf("missing" to "A missing page", "slow" to "A slow page")

private fun pageLinks(n: Int): List<Pair<String, String>> = buildList {
    add("../" to "Home")
    if (n > 1) add("${n - 1}" to "Previous")
    if (n < SITE_PAGES) add("${n + 1}" to "Next")
    add("../missing" to "A missing page")
}

/** A page of the site; [prefix] leads from the page's directory to `/site/`. Titles and texts are ours: no escaping needed. */
private fun sitePage(title: String, n: Int, links: List<Pair<String, String>>, images: Int, prefix: String): String =
    buildString {
        append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n  <meta charset=\"utf-8\">\n")
        append("  <title>").append(title).append("</title>\n</head>\n<body>\n")
        append("  <h1>").append(title).append("</h1>\n")
        append("  <p>Page ").append(n).append(" of the aio4j demo site.</p>\n")
        repeat(images) { append("  <img src=\"").append(prefix).append("../pages/img/loop.svg\" alt=\"image ").append(it + 1).append("\">\n") }
        append("  <ul>\n")
        for ((href, text) in links) append("    <li><a href=\"").append(href).append("\">").append(text).append("</a></li>\n")
        append("  </ul>\n</body>\n</html>\n")
    }

private suspend fun ApplicationCall.respondHtml(html: String) = respondText(html, ContentType.Text.Html)

private fun ApplicationCall.siteQuery(name: String, default: Int, range: IntRange): Int {
    val raw = request.queryParameters[name] ?: return default
    return raw.toIntOrNull()?.takeIf { it in range }
        ?: badRequest("Query parameter '$name' must be an integer from ${range.first} to ${range.last}, got '$raw'")
}

package dev.aio4j.server

import io.ktor.server.http.content.staticResources
import io.ktor.server.response.respondRedirect
import io.ktor.server.routing.Route
import io.ktor.server.routing.get

/**
 * `GET /pages/`: small static HTML pages for the scraper example (an index linking to five pages,
 * each with a `<title>`, links and `<img>` tags), served from `dev/aio4j/server/pages` on the classpath.
 * Every link is relative, so a scraper never leaves this server; `/pages` redirects to `/pages/`.
 */
internal fun Route.pageRoutes() {
    get("/pages") { call.respondRedirect("/pages/", permanent = true) }
    staticResources("/pages", "dev/aio4j/server/pages", index = "index.html")
}

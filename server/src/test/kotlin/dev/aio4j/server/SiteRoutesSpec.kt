package dev.aio4j.server

import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldContainAll
import io.kotest.matchers.collections.shouldHaveSize
import io.kotest.matchers.longs.shouldBeGreaterThanOrEqual
import io.kotest.matchers.shouldBe
import io.ktor.client.request.get
import io.ktor.client.statement.bodyAsText
import io.ktor.http.ContentType
import io.ktor.http.HttpHeaders
import io.ktor.http.HttpStatusCode
import io.ktor.http.contentType
import java.net.URI

private val siteTitle = Regex("<title>([^<]+)</title>")
private val siteHref = Regex("<a href=\"([^\"]+)\"")
private val siteImg = Regex("<img src=\"([^\"]+)\"")

class SiteRoutesSpec : FunSpec({
    test("/site/ links to ten pages, a missing one and a slow one; every link resolves to what it says") {
        serverTest {
            val index = client.get("/site/")
            index.status shouldBe HttpStatusCode.OK
            index.contentType()?.withoutParameters() shouldBe ContentType.Text.Html
            val html = index.bodyAsText()
            siteTitle.find(html)?.groupValues?.get(1) shouldBe "aio4j site"
            val links = siteHref.findAll(html).map { it.groupValues[1] }.toList()
            links shouldBe (1..10).map { "page/$it" } + listOf("missing", "slow")
            siteImg.findAll(html).toList() shouldHaveSize 1
            val base = URI("http://localhost/site/")
            for (link in links.take(10)) {
                val page = client.get(base.resolve(link).path)
                page.status shouldBe HttpStatusCode.OK
                siteTitle.find(page.bodyAsText())?.groupValues?.get(1) shouldBe "Site page ${link.removePrefix("page/")}"
            }
            client.get(base.resolve("missing").path).shouldBeError(HttpStatusCode.NotFound, "No resource at GET /site/missing")
        }
    }

    test("/site/page/{n} has n % 4 images that resolve, and links to home, neighbours and the missing page") {
        serverTest {
            for (n in listOf(1, 2, 3, 4, 7, 1000)) {
                val html = client.get("/site/page/$n").bodyAsText()
                val pageUri = URI("http://localhost/site/page/$n")
                val images = siteImg.findAll(html).map { pageUri.resolve(it.groupValues[1]).path }.toList()
                images shouldHaveSize n % 4
                for (image in images.toSet()) {
                    val response = client.get(image)
                    response.status shouldBe HttpStatusCode.OK
                    response.contentType()?.withoutParameters() shouldBe ContentType.Image.SVG
                }
                val links = siteHref.findAll(html).map { pageUri.resolve(it.groupValues[1]).path }.toList()
                val expected = listOfNotNull(
                    "/site/",
                    if (n > 1) "/site/page/${n - 1}" else null,
                    if (n < SITE_PAGES) "/site/page/${n + 1}" else null,
                    "/site/missing",
                )
                links shouldBe expected
            }
        }
    }

    test("/site/page/{n} outside 1..1000 or not a number is the JSON 404; /site redirects to /site/") {
        serverTest {
            for (n in listOf("0", "1001", "-1", "abc")) {
                client.get("/site/page/$n").shouldBeError(HttpStatusCode.NotFound, "No page '$n'; pages run from 1 to 1000")
            }
            val response = createClient { followRedirects = false }.get("/site")
            response.status shouldBe HttpStatusCode.MovedPermanently
            response.headers[HttpHeaders.Location] shouldBe "/site/"
        }
    }

    test("/site/slow answers after delayMs and refuses bad values") {
        serverTest {
            val started = System.nanoTime()
            // 3,500 ms, above the 3,000 ms default, shows the parameter is honoured without an upper time bound.
            val response = client.get("/site/slow?delayMs=3500")
            val tookMs = (System.nanoTime() - started) / 1_000_000
            response.status shouldBe HttpStatusCode.OK
            siteTitle.find(response.bodyAsText())?.groupValues?.get(1) shouldBe "Slow page"
            tookMs shouldBeGreaterThanOrEqual 3_500L
            client.get("/site/slow?delayMs=10001").shouldBeBadRequest("'delayMs' must be an integer from 0 to 10000, got '10001'")
            client.get("/site/slow?delayMs=x").shouldBeBadRequest("got 'x'")
        }
    }

    test("/site/flaky/{key} fails `failures` times per key with 503, then answers 200 with the attempt") {
        serverTest {
            client.get("/site/flaky/a?failures=2").shouldBeError(HttpStatusCode.ServiceUnavailable, "flaky: call 1 of 2 fails")
            client.get("/site/flaky/b?failures=1").shouldBeError(HttpStatusCode.ServiceUnavailable, "flaky: call 1 of 1 fails")
            client.get("/site/flaky/a?failures=2").shouldBeError(HttpStatusCode.ServiceUnavailable, "flaky: call 2 of 2 fails")
            client.get("/site/flaky/a?failures=2").json().toString() shouldBe """{"key":"a","attempt":3}"""
            client.get("/site/flaky/b?failures=1").json().toString() shouldBe """{"key":"b","attempt":2}"""
            client.get("/site/flaky/c?failures=0").json().toString() shouldBe """{"key":"c","attempt":1}"""
            client.get("/site/flaky/d?failures=101").shouldBeBadRequest("'failures' must be an integer from 0 to 100")
        }
    }

    test("GET / lists the site endpoints") {
        serverTest {
            client.get("/").json()["endpoints"].map { it.textValue() } shouldContainAll
                listOf("GET /site/", "GET /site/page/{n}", "GET /site/flaky/{key}?failures=K&delayMs=M")
        }
    }
})

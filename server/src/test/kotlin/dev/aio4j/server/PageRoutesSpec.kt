package dev.aio4j.server

import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldHaveSize
import io.kotest.matchers.collections.shouldNotBeEmpty
import io.kotest.matchers.shouldBe
import io.kotest.matchers.nulls.shouldNotBeNull
import io.kotest.matchers.string.shouldNotBeBlank
import io.ktor.client.request.get
import io.ktor.client.statement.bodyAsText
import io.ktor.http.ContentType
import io.ktor.http.HttpHeaders
import io.ktor.http.HttpStatusCode
import io.ktor.http.contentType

private val title = Regex("<title>([^<]+)</title>")
private val href = Regex("<a href=\"([^\"]+)\"")
private val img = Regex("<img src=\"([^\"]+)\"")

class PageRoutesSpec : FunSpec({
    test("/pages/ is an index linking to five pages, each with a title, links and images that resolve") {
        serverTest {
            val index = client.get("/pages/")
            index.status shouldBe HttpStatusCode.OK
            index.contentType()?.withoutParameters() shouldBe ContentType.Text.Html
            val indexHtml = index.bodyAsText()
            title.find(indexHtml)?.groupValues?.get(1) shouldBe "aio4j demo pages"
            val pages = href.findAll(indexHtml).map { it.groupValues[1] }.toList()
            pages shouldHaveSize 5
            val images = mutableSetOf<String>()
            for (page in pages) {
                val html = client.get("/pages/$page").also { it.status shouldBe HttpStatusCode.OK }.bodyAsText()
                title.find(html)?.groupValues?.get(1).shouldNotBeNull().shouldNotBeBlank()
                href.findAll(html).toList().shouldNotBeEmpty()
                val pageImages = img.findAll(html).map { it.groupValues[1] }.toList()
                pageImages.shouldNotBeEmpty()
                images += pageImages
            }
            for (image in images) {
                val response = client.get("/pages/$image")
                response.status shouldBe HttpStatusCode.OK
                response.contentType()?.withoutParameters() shouldBe ContentType.Image.SVG
            }
        }
    }

    test("/pages without the slash redirects to /pages/, so relative links resolve") {
        serverTest {
            val response = createClient { followRedirects = false }.get("/pages")
            response.status shouldBe HttpStatusCode.MovedPermanently
            response.headers[HttpHeaders.Location] shouldBe "/pages/"
        }
    }

    test("a missing page is the JSON 404") {
        serverTest {
            client.get("/pages/nope.html").shouldBeError(HttpStatusCode.NotFound, "No resource at GET /pages/nope.html")
        }
    }
})

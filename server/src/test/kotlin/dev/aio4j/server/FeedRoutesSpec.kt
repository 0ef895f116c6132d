package dev.aio4j.server

import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.ktor.client.request.get
import io.ktor.client.request.post
import io.ktor.http.HttpStatusCode

class FeedRoutesSpec : FunSpec({
    test("GET /posts is every user's posts, ids 1 to 30, the same objects /users/{id}/posts serves") {
        serverTest {
            val posts = client.get("/posts").json()
            posts.map { it["id"].intValue() } shouldBe (1..30).toList()
            posts.map { it["userId"].intValue() } shouldBe (1..10).flatMap { listOf(it, it, it) }
            posts[3] shouldBe client.get("/users/2/posts").json()[0]
        }
    }

    test("GET /comments is one comment per post, by the next user") {
        serverTest {
            val comments = client.get("/comments").json()
            comments.map { it["postId"].intValue() } shouldBe (1..30).toList()
            comments[0].toString() shouldBe
                """{"id":1,"postId":1,"name":"Alan Turing","body":"Comment by turing on post 1."}"""
            comments[29]["name"].textValue() shouldBe "Ada Lovelace"
        }
    }

    test("/posts and /comments are listed at / and answer other methods with 405") {
        serverTest {
            val endpoints = client.get("/").json()["endpoints"].map { it.textValue() }
            endpoints.containsAll(listOf("GET /posts", "GET /comments")) shouldBe true
            client.post("/posts").shouldBeError(HttpStatusCode.MethodNotAllowed, "POST /posts: method not allowed; use GET")
            client.post("/comments").shouldBeError(HttpStatusCode.MethodNotAllowed, "use GET")
        }
    }
})

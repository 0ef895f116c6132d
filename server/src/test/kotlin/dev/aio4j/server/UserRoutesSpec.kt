package dev.aio4j.server

import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.ktor.client.request.get
import io.ktor.http.HttpStatusCode

class UserRoutesSpec : FunSpec({
    test("GET /users lists ten users with ids 1 to 10") {
        serverTest {
            val body = client.get("/users").json()
            body["count"].intValue() shouldBe 10
            body["users"].map { it["id"].intValue() } shouldBe (1..10).toList()
            body["users"][0]["name"].textValue() shouldBe "Ada Lovelace"
        }
    }

    test("GET /users/{id} answers one user") {
        serverTest {
            client.get("/users/3").json().toString() shouldBe
                """{"id":3,"name":"Grace Hopper","username":"hopper","email":"hopper@example.com","city":"New York"}"""
        }
    }

    test("GET /users/{id}/posts answers that user's posts") {
        serverTest {
            val posts = client.get("/users/2/posts").json()
            posts.map { it["id"].intValue() } shouldBe listOf(4, 5, 6)
            posts.map { it["userId"].intValue() }.toSet() shouldBe setOf(2)
            posts[0]["title"].textValue() shouldBe "Post 1 by turing"
        }
    }

    test("an unknown user id is a 404 and a non-numeric one a 400, for users and their posts") {
        serverTest {
            client.get("/users/42").shouldBeError(HttpStatusCode.NotFound, "No user with id 42; ids run from 1 to 10")
            client.get("/users/0/posts").shouldBeError(HttpStatusCode.NotFound, "No user with id 0")
            client.get("/users/ada").shouldBeBadRequest("User id must be an integer, got 'ada'")
            client.get("/users/ada/posts").shouldBeBadRequest("got 'ada'")
        }
    }
})

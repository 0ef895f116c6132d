package dev.aio4j.server

import io.ktor.http.HttpMethod
import io.ktor.server.routing.Route
import io.ktor.server.routing.get
import io.ktor.server.routing.route

/** A fake comment, as served by `/comments`. */
internal data class Comment(val id: Int, val postId: Int, val name: String, val body: String)

/** Every user's posts, ordered by id: the same objects `/users/{id}/posts` serves. */
internal val POSTS: List<Post> = FakeUsers.users.flatMap { FakeUsers.postsOf(it) }

/** Fixed comments: one on every post, written by the next user (the last user comments on the first's). */
internal val COMMENTS: List<Comment> = POSTS.map { post ->
    val author = FakeUsers.users[post.userId % FakeUsers.users.size]
    Comment(post.id, post.id, author.name, "Comment by ${author.username} on post ${post.id}.")
}

/**
 * The collections 000's `fetch_data_async` reads next to `/users` (issue #6), as JSON arrays:
 * - `GET /posts`: every user's posts (the same objects `/users/{id}/posts` serves), ordered by id.
 * - `GET /comments`: one [Comment] per post, ordered by id.
 */
internal fun Route.feedRoutes() {
    route("/posts") {
        allowOnly(HttpMethod.Get)
        get { call.respondJson(POSTS) }
    }
    route("/comments") {
        allowOnly(HttpMethod.Get)
        get { call.respondJson(COMMENTS) }
    }
}

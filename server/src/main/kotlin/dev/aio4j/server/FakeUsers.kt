package dev.aio4j.server

/** A fake user, as served by `/users`. */
internal data class User(val id: Int, val name: String, val username: String, val email: String, val city: String)

/** A fake post, as served by `/users/{id}/posts`. */
internal data class Post(val id: Int, val userId: Int, val title: String, val body: String)

/** Fixed, deterministic data: demo output that prints it can be diffed. */
internal object FakeUsers {
    internal const val POSTS_PER_USER: Int = 3

    internal val users: List<User> = listOf(
        "Ada Lovelace" to "London",
        "Alan Turing" to "Manchester",
        "Grace Hopper" to "New York",
        "Edsger Dijkstra" to "Austin",
        "Barbara Liskov" to "Boston",
        "Donald Knuth" to "Stanford",
        "Margaret Hamilton" to "Cambridge",
        "John Backus" to "Ashland",
        "Frances Allen" to "Schenectady",
        "Tony Hoare" to "Oxford",
    ).mapIndexed { i, (name, city) ->
        val username = name.substringAfter(' ').lowercase()
        User(i + 1, name, username, "$username@example.com", city)
    }

    internal fun user(id: Int): User? = users.getOrNull(id - 1)

    internal fun postsOf(user: User): List<Post> = (1..POSTS_PER_USER).map { n ->
        val id = (user.id - 1) * POSTS_PER_USER + n
        Post(id, user.id, "Post $n by ${user.username}", "Body of post $id.")
    }
}

package dev.aio4j.db

import java.net.InetSocketAddress
import java.net.Socket
import java.net.URI

/** A database the pool specs run against, with the SQL that differs between them. */
data class Backend(val name: String, val url: String?, val skipReason: String?, val slowSql: (Int) -> String) {
    override fun toString(): String = name
}

/**
 * The backends of the pool specs: embedded H2 always; PostgreSQL at `AIO4J_PG_URL` or the server
 * `ensure-postgres.sh` starts on 127.0.0.1:5432 (role and database aio4j). Without a reachable
 * PostgreSQL the PostgreSQL cases skip with the reason printed — except as root, where the build's
 * script should have started one, so they fail; `AIO4J_SKIP_PG_TESTS=1` skips them on purpose.
 */
object Backends {
    private var h2Count = 0

    fun h2(): Backend = Backend("H2", "h2:mem:spec${h2Count++}", null) { ms -> "SELECT SLEEP_MS($ms)" }

    val postgres: Backend by lazy {
        val url = System.getenv("AIO4J_PG_URL") ?: "r2dbc:postgresql://aio4j:aio4j@127.0.0.1:5432/aio4j"
        val reason = when {
            System.getenv("AIO4J_SKIP_PG_TESTS") == "1" -> "AIO4J_SKIP_PG_TESTS=1"
            reachable(url) -> null
            System.getProperty("user.name") == "root" -> null // fail loudly: ensure-postgres.sh should have started it
            else -> "no PostgreSQL answers at $url (not root, so the build did not install one; set AIO4J_PG_URL)"
        }
        if (reason != null) println("PostgreSQL pool specs skipped: $reason")
        Backend("PostgreSQL", url, reason) { ms -> "SELECT pg_sleep(${ms / 1000.0})" }
    }

    private fun reachable(url: String): Boolean {
        val uri = URI(url.removePrefix("r2dbc:"))
        return try {
            Socket().use { it.connect(InetSocketAddress(uri.host ?: "127.0.0.1", if (uri.port > 0) uri.port else 5432), 1000) }
            true
        } catch (e: java.io.IOException) {
            false
        }
    }
}

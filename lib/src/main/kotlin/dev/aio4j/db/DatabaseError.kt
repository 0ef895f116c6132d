package dev.aio4j.db

/**
 * A statement the database rejected: asyncpg's `PostgresError` for Java, with the database's own
 * message, its SQLSTATE code and the statement.
 *
 * Like Python's `asyncpg.exceptions.PostgresError` (`sqlstate`, the server's message); deviation: one
 * class for every SQLSTATE instead of asyncpg's class per code — branch on [sqlState] (for example
 * `"23505"` for a unique violation, `"42P01"` for an unknown table on PostgreSQL). Raised by the pool's
 * and a connection's query methods; the futures fail with it as itself (never wrapped).
 *
 * ```java
 * pool.execute("INSERT INTO users(id) VALUES ($1)", 1).exceptionally(e -> {
 *     if (e instanceof DatabaseError d && "23505".equals(d.sqlState())) System.out.println("duplicate");
 *     return null;
 * });
 * ```
 */
public class DatabaseError(
    message: String,
    private val sqlState: String?,
    private val sql: String?,
    cause: Throwable?,
) : RuntimeException(message, cause) {
    /** The SQLSTATE code the database reported (five characters), or null if the driver gave none. */
    public fun sqlState(): String? = sqlState

    /** The statement that failed, or null if the failure was not a statement's (begin, commit, connect). */
    public fun sql(): String? = sql
}

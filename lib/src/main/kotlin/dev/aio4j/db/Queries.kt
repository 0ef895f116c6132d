package dev.aio4j.db

import dev.aio4j.Future
import dev.aio4j.coroutines.db.Database
import dev.aio4j.internal.Owner
import dev.aio4j.internal.runOwnedBody
import dev.aio4j.internal.startOperation
import java.util.concurrent.CompletionStage
import java.util.function.Function

/**
 * The query methods a [Pool] and a borrowed [Connection] share: asyncpg's `fetch`, `fetchrow`,
 * `fetchval`, `execute`, `executemany` and `transaction`, returning futures.
 *
 * On a pool each call borrows a connection for its duration (waiting while all are in use); on a
 * connection it runs there. Placeholders are `$1, $2, …` on H2 and PostgreSQL alike; arguments bind in
 * order, null as SQL NULL. Calls must be made on an event loop thread; futures complete on that loop's
 * thread. Cancelling a future (or the task that made the call) cancels the statement; its connection is
 * then closed instead of reused, and the pool's slot is free again. Errors surface as themselves:
 * [DatabaseError] (the database's message and SQLSTATE), [dev.aio4j.TimeoutError] (command or acquire
 * timeout), IllegalStateException (closed pool, released connection, concurrent use of one connection).
 *
 * ```java
 * pool.fetch("SELECT id, name FROM users WHERE active = $1", true)
 *     .thenAccept(rows -> rows.forEach(r -> System.out.println(r.get("name"))));
 * ```
 */
public sealed class Queries {
    @get:JvmSynthetic internal abstract val database: Database

    /** asyncpg's `fetch`: every row of [sql] as a map from column name to value, in column order. */
    public fun fetch(sql: String, vararg args: Any?): Future<List<Map<String, Any?>>> =
        startOperation { database.fetch(sql, *args) }

    /** asyncpg's `fetch` with a mapper: every row of [sql] through [mapper] (run on the loop thread). */
    public fun <T> fetch(sql: String, mapper: RowMapper<T>, vararg args: Any?): Future<List<T>> =
        startOperation { database.fetch(sql, mapper, *args) }

    /** asyncpg's `fetchrow`: the first row of [sql] as a map, or null when the query returns no row. */
    public fun fetchRow(sql: String, vararg args: Any?): Future<Map<String, Any?>?> =
        startOperation { database.fetchRow(sql, *args) }

    /** asyncpg's `fetchval`: the first column of the first row, or null when the query returns no row. */
    public fun fetchVal(sql: String, vararg args: Any?): Future<Any?> =
        startOperation { database.fetchVal(sql, *args) }

    /** asyncpg's `execute`: runs [sql]; completes with the number of rows it changed (0 for DDL). */
    public fun execute(sql: String, vararg args: Any?): Future<Long> =
        startOperation { database.execute(sql, *args) }

    /** asyncpg's `executemany`: runs [sql] once per entry of [rows], as one batch; the rows changed in total. */
    public fun executeMany(sql: String, rows: List<List<Any?>>): Future<Long> =
        startOperation { database.executeMany(sql, rows) }

    /**
     * asyncpg's `async with conn.transaction()`: runs [body] with one connection inside a transaction;
     * commits when its stage completes normally, rolls back when it fails or is cancelled (the future
     * then fails the same way). Everything [body] starts is owned by this operation.
     *
     * ```java
     * pool.transaction(tx -> tx.execute("UPDATE accounts SET balance = balance - $1 WHERE id = $2", 10, 1)
     *     .thenCompose(n -> tx.execute("UPDATE accounts SET balance = balance + $1 WHERE id = $2", 10, 2)));
     * ```
     */
    public fun <T> transaction(body: Function<Connection, out CompletionStage<out T>>): Future<T> {
        val owner = Owner.current()
        return owner.startOperation {
            database.transaction { core ->
                kotlinx.coroutines.coroutineScope { runOwnedBody(owner) { body.apply(Connection(core)) } }
            }
        }
    }
}

package dev.aio4j.coroutines.db

import dev.aio4j.TimeoutError
import dev.aio4j.coroutines.timeout
import dev.aio4j.db.DatabaseError
import dev.aio4j.db.Row
import dev.aio4j.db.RowMapper
import io.r2dbc.spi.ConnectionFactories
import io.r2dbc.spi.ConnectionFactory
import io.r2dbc.spi.R2dbcException
import io.r2dbc.spi.Result
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.emitAll
import kotlinx.coroutines.flow.flow
import kotlinx.coroutines.flow.flowOn
import org.reactivestreams.Publisher
import io.r2dbc.spi.Statement
import kotlinx.coroutines.CancellationException
import kotlinx.coroutines.CoroutineName
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.NonCancellable
import kotlinx.coroutines.SupervisorJob
import kotlinx.coroutines.async
import kotlinx.coroutines.awaitAll
import kotlinx.coroutines.cancel
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.reactive.asFlow
import kotlinx.coroutines.reactive.awaitFirstOrNull
import kotlinx.coroutines.reactive.awaitSingle
import kotlinx.coroutines.sync.Semaphore
import kotlinx.coroutines.withContext
import java.util.ArrayDeque
import java.util.concurrent.atomic.AtomicBoolean
import java.util.concurrent.atomic.AtomicInteger
import kotlin.time.Duration
import kotlin.time.toKotlinDuration
import io.r2dbc.spi.Connection as R2dbcConnection

/**
 * What the pool and a connection both run: asyncpg's query methods. On a [Pool] each call borrows a
 * connection for its duration; on a [Connection] it runs on that connection.
 *
 * Placeholders are PostgreSQL's `$1, $2, …` on every backend; arguments bind in order (null binds SQL
 * NULL). Failures the database reports surface as [DatabaseError] with its message and SQLSTATE; a
 * statement running longer than the pool's command timeout fails with [TimeoutError] and its connection
 * is closed rather than reused.
 */
public sealed class Database {
    /** Runs [block] with a connection: the pool borrows one, a connection passes itself. */
    internal abstract suspend fun <T> withConnection(block: suspend (Connection) -> T): T

    /** asyncpg's `fetch`: every row of [sql], as maps from column name to value (in column order). */
    public suspend fun fetch(sql: String, vararg args: Any?): List<Map<String, Any?>> =
        withConnection { it.rows(sql, args) { row -> row.toMap() } }

    /** asyncpg's `fetch` with a mapper: every row of [sql] through [mapper]. */
    public suspend fun <T> fetch(sql: String, mapper: RowMapper<T>, vararg args: Any?): List<T> =
        withConnection { it.rows(sql, args, mapper::map) }

    /** asyncpg's `fetchrow`: the first row of [sql] as a map, or null when there is none. */
    public suspend fun fetchRow(sql: String, vararg args: Any?): Map<String, Any?>? =
        withConnection { it.rows(sql, args) { row -> row.toMap() }.firstOrNull() }

    /** asyncpg's `fetchval`: the first column of the first row of [sql], or null when there is no row. */
    public suspend fun fetchVal(sql: String, vararg args: Any?): Any? =
        withConnection { it.rows(sql, args) { row -> row.get(0) }.firstOrNull() }

    /** asyncpg's `execute`: runs [sql] and returns the number of rows it changed (0 for DDL). */
    public suspend fun execute(sql: String, vararg args: Any?): Long =
        withConnection { it.update(sql, listOf(args.asList())) }

    /** asyncpg's `executemany`: runs [sql] once per entry of [rows] (one batch); returns the rows changed in total. */
    public suspend fun executeMany(sql: String, rows: List<List<Any?>>): Long =
        if (rows.isEmpty()) 0 else withConnection { it.update(sql, rows) }

    /**
     * asyncpg's `async with conn.transaction()`: runs [block] in a transaction on one connection, commits
     * when it returns, rolls back when it throws or is cancelled (and rethrows). Nested transactions
     * are rejected.
     */
    public suspend fun <T> transaction(block: suspend (Connection) -> T): T =
        withConnection { it.inTransaction(block) }
}

/**
 * A connection borrowed from a [Pool]: asyncpg's pooled `Connection`. Give it back with [release]
 * (after which it cannot be used). One operation at a time: a second concurrent call fails with
 * IllegalStateException, as asyncpg's "another operation is in progress".
 */
public class Connection internal constructor(private val pool: Pool, internal val raw: R2dbcConnection) : Database() {
    private val busy = AtomicBoolean()
    internal val released = AtomicBoolean()
    @Volatile internal var broken: Boolean = false
    @Volatile internal var inTransaction: Boolean = false
    private val postgres = raw.metadata.databaseProductName.contains("PostgreSQL", ignoreCase = true)

    override suspend fun <T> withConnection(block: suspend (Connection) -> T): T = block(this)

    /** Whether [release] was called. */
    public val isReleased: Boolean get() = released.get()

    /** Gives the connection back to its pool (rolling back a transaction left open); idempotent. */
    public suspend fun release() {
        if (released.compareAndSet(false, true)) pool.giveBack(this)
    }

    internal suspend fun <T> rows(sql: String, args: Array<out Any?>, map: (Row) -> T): List<T> = statement(sql) {
        val out = ArrayList<T>()
        results(sql, listOf(args.asList())) { result ->
            result.map { row, meta ->
                val names = meta.columnMetadatas.map { it.name }
                Row(names, names.indices.map { row.get(it) })
            }
        }.collect { out += map(it) }
        out
    }

    internal suspend fun update(sql: String, rows: List<List<Any?>>): Long = statement(sql) {
        var total = 0L
        results(sql, rows) { result -> result.rowsUpdated }.collect { total += it }
        total
    }

    /**
     * The items [each] result of [sql] publishes. r2dbc-h2 executes in the subscribing thread (it is
     * JDBC underneath), so an H2 statement runs on an I/O thread, never on the event loop's thread.
     */
    private fun <T : Any> results(sql: String, rows: List<List<Any?>>, each: (Result) -> Publisher<out T>): Flow<T> {
        val items = flow {
            bind(raw.createStatement(sql), rows).execute().asFlow().collect { result -> emitAll(each(result).asFlow()) }
        }
        return if (postgres) items else items.flowOn(Dispatchers.IO)
    }

    private suspend fun control(what: () -> Publisher<Void>) {
        statement(null) {
            if (postgres) what().awaitFirstOrNull() else withContext(Dispatchers.IO) { what().awaitFirstOrNull() }
        }
    }

    internal suspend fun <T> inTransaction(block: suspend (Connection) -> T): T {
        check(!inTransaction) { "a transaction is already open on this connection (nested transactions are not supported)" }
        control { raw.beginTransaction() }
        inTransaction = true
        val value = try {
            block(this)
        } catch (e: Throwable) {
            withContext(NonCancellable) { rollback(e) }
            throw e
        }
        try {
            control { raw.commitTransaction() }
        } finally {
            if (!broken) inTransaction = false
        }
        return value
    }

    /** Rolls the open transaction back; a connection that cannot is marked broken (closing it rolls back). */
    internal suspend fun rollback(cause: Throwable?) {
        if (!inTransaction || broken) return
        try {
            control { raw.rollbackTransaction() }
            inTransaction = false
        } catch (e: Throwable) {
            broken = true
            if (cause != null && e !== cause) cause.addSuppressed(e)
        }
    }

    /**
     * Runs one statement exclusively on this connection under the command timeout. A statement that does
     * not finish (cancelled, or timed out) leaves the connection in an unknown state: it is marked broken
     * and closed on release instead of being reused.
     */
    private suspend fun <T> statement(sql: String?, block: suspend () -> T): T {
        check(!released.get()) { "the connection was released to its pool and cannot be used" }
        check(!broken) { "the connection is broken (a statement on it was cancelled or timed out)" }
        check(busy.compareAndSet(false, true)) { "another operation is in progress on this connection" }
        var finished = false
        try {
            val value = pool.commandTimeout.let { limit ->
                if (limit == null) {
                    block()
                } else {
                    try {
                        timeout(limit) { block() }
                    } catch (e: TimeoutError) {
                        throw TimeoutError("the statement did not finish within the command timeout $limit: ${sql ?: "(transaction control)"}", e)
                    }
                }
            }
            finished = true
            return value
        } catch (e: R2dbcException) {
            finished = true
            val message = e.message ?: e.javaClass.simpleName
            throw DatabaseError(
                "$message [SQLSTATE ${e.sqlState}]" + (sql?.takeIf { it !in message }?.let { " in: $it" } ?: ""),
                e.sqlState, sql, e,
            )
        } catch (e: IllegalArgumentException) {
            finished = true
            throw e
        } finally {
            if (!finished) broken = true
            busy.set(false)
        }
    }

    private fun bind(statement: Statement, rows: List<List<Any?>>): Statement {
        rows.forEachIndexed { n, args ->
            if (n > 0) statement.add()
            args.forEachIndexed { i, value ->
                when {
                    value != null -> statement.bind(i, value)
                    // PostgreSQL infers an untyped NULL's type from the statement; H2 takes any type.
                    postgres -> statement.bind(i, PostgresNull.VALUE)
                    else -> statement.bindNull(i, String::class.java)
                }
            }
        }
        return statement
    }
}

/**
 * The suspend core of the database pool: asyncpg's `Pool` for Kotlin coroutines, over one R2DBC
 * `ConnectionFactory` (embedded H2 or PostgreSQL). Java callers use [dev.aio4j.db.Pool], which bridges to
 * this class; the semantics live here. Create one with [create]; methods must run on an aio4j event loop
 * (its clock times the acquire and command timeouts).
 *
 * At most `maxSize` connections exist; `minSize` are opened by [create]. Borrowing when all are in use
 * waits (first come, first served) up to the acquire timeout, then fails with [TimeoutError]. A
 * connection whose statement was cancelled or timed out is closed, not reused; its slot is freed for a
 * new connection.
 */
public class Pool private constructor(
    private val factory: ConnectionFactory,
    public val minSize: Int,
    public val maxSize: Int,
    internal val commandTimeout: Duration?,
    private val acquireTimeout: Duration?,
) : Database() {
    private val slots = Semaphore(maxSize)
    private val idle = ArrayDeque<R2dbcConnection>()
    private val opened = AtomicInteger()
    private val borrowed = AtomicInteger()
    private val background = CoroutineScope(SupervisorJob() + Dispatchers.IO + CoroutineName("aio4j-db"))
    @Volatile private var closed = false

    /** Connections open now (idle and in use). */
    public val size: Int get() = opened.get()

    /** Connections open and not borrowed. */
    public val idleSize: Int get() = synchronized(idle) { idle.size }

    /** Connections borrowed now. */
    public val inUse: Int get() = borrowed.get()

    /** Whether [close] was called. */
    public val isClosed: Boolean get() = closed

    override suspend fun <T> withConnection(block: suspend (Connection) -> T): T {
        val connection = acquire()
        try {
            return block(connection)
        } finally {
            withContext(NonCancellable) { connection.release() }
        }
    }

    /**
     * asyncpg's `pool.acquire()`: borrows a connection, waiting up to the acquire timeout while all
     * `maxSize` are in use ([TimeoutError] then). Release it with [Connection.release].
     */
    public suspend fun acquire(): Connection {
        check(!closed) { "the pool is closed" }
        val limit = acquireTimeout
        if (limit == null) {
            slots.acquire()
        } else {
            try {
                timeout(limit) { slots.acquire() }
            } catch (e: TimeoutError) {
                throw TimeoutError("no free connection within the acquire timeout $limit: all $maxSize connections are in use", e)
            }
        }
        try {
            check(!closed) { "the pool is closed" }
            val raw = synchronized(idle) { idle.pollFirst() } ?: open()
            borrowed.incrementAndGet()
            return Connection(this, raw)
        } catch (e: Throwable) {
            slots.release()
            throw e
        }
    }

    /** Opens a connection; if the caller is cancelled meanwhile, the connection still arrives and goes idle. */
    private suspend fun open(): R2dbcConnection {
        opened.incrementAndGet()
        val pending = background.async { factory.create().awaitSingle() }
        try {
            return pending.await()
        } catch (e: CancellationException) {
            pending.invokeOnCompletion { failure ->
                if (failure == null) putIdle(pending.getCompleted()) else opened.decrementAndGet()
            }
            throw e
        } catch (e: R2dbcException) {
            opened.decrementAndGet()
            throw DatabaseError("cannot connect: ${e.message} [SQLSTATE ${e.sqlState}]", e.sqlState, null, e)
        } catch (e: Throwable) {
            opened.decrementAndGet()
            throw e
        }
    }

    private fun putIdle(raw: R2dbcConnection) {
        if (closed) closeLater(raw) else synchronized(idle) { idle.addLast(raw) }
    }

    private fun closeLater(raw: R2dbcConnection) {
        background.async { closeRaw(raw) }
    }

    private suspend fun closeRaw(raw: R2dbcConnection) {
        try {
            withContext(Dispatchers.IO) { raw.close().awaitFirstOrNull() }
        } catch (_: Exception) {
            // Closing a broken connection may fail; it is gone either way.
        } finally {
            opened.decrementAndGet()
        }
    }

    internal suspend fun giveBack(connection: Connection) {
        withContext(NonCancellable) {
            try {
                connection.rollback(null)
                if (connection.broken || closed) closeRaw(connection.raw) else putIdle(connection.raw)
            } finally {
                borrowed.decrementAndGet()
                slots.release()
            }
        }
    }

    /** asyncpg's `pool.close()`: closes the idle connections now and each borrowed one when it is released. */
    public suspend fun close() {
        closed = true
        val all = synchronized(idle) { ArrayList(idle).also { idle.clear() } }
        withContext(NonCancellable) { for (raw in all) closeRaw(raw) }
        if (borrowed.get() == 0) background.cancel()
    }

    public companion object {
        /**
         * asyncpg's `create_pool`: a pool on [url] with [minSize] connections opened now, at most [maxSize],
         * statements limited to [commandTimeout] and borrowing to [acquireTimeout] (null = no limit).
         * [url]: `h2:mem:NAME` (embedded in-memory H2), an `r2dbc:` URL, or `postgresql://user:pw@host/db`.
         */
        public suspend fun create(
            url: String,
            minSize: Int = 10,
            maxSize: Int = 10,
            commandTimeout: Duration? = null,
            acquireTimeout: Duration? = null,
        ): Pool {
            require(maxSize >= 1) { "maxSize must be >= 1: $maxSize" }
            require(minSize in 0..maxSize) { "minSize must be in 0..maxSize ($maxSize): $minSize" }
            require(commandTimeout == null || commandTimeout.isPositive()) { "commandTimeout must be positive: $commandTimeout" }
            require(acquireTimeout == null || acquireTimeout.isPositive()) { "acquireTimeout must be positive: $acquireTimeout" }
            val pool = Pool(connectionFactory(url), minSize, maxSize, commandTimeout, acquireTimeout)
            try {
                coroutineScope { List(minSize) { async { pool.acquire() } }.awaitAll().forEach { it.release() } }
            } catch (e: Throwable) {
                withContext(NonCancellable) { pool.close() }
                throw e
            }
            return pool
        }

        /** [create] with java.time durations, for the Java facade. */
        internal suspend fun create(
            url: String, minSize: Int, maxSize: Int, commandTimeout: java.time.Duration?, acquireTimeout: java.time.Duration?,
        ): Pool = create(url, minSize, maxSize, commandTimeout?.toKotlinDuration(), acquireTimeout?.toKotlinDuration())

        /** The R2DBC URL for [url]: `h2:mem:NAME` and `postgresql://…` are completed to R2DBC URLs. */
        internal fun r2dbcUrl(url: String): String = when {
            url.startsWith("r2dbc:") -> url
            url.startsWith("h2:mem:") -> {
                val name = url.removePrefix("h2:mem:")
                require(name.isNotEmpty() && name.none { it == '/' || it == '?' || it == ';' }) {
                    "an h2:mem: URL names the database: h2:mem:NAME (got '$url')"
                }
                // Kept while the JVM runs, and unquoted names folded to lower case as PostgreSQL does.
                "r2dbc:h2:mem:///$name?options=DB_CLOSE_DELAY=-1;DATABASE_TO_LOWER=TRUE"
            }
            url.startsWith("postgresql://") || url.startsWith("postgres://") ->
                "r2dbc:postgresql://" + url.substringAfter("://")
            else -> throw IllegalArgumentException(
                "unsupported database URL '$url': use h2:mem:NAME, postgresql://user:password@host/db or an r2dbc: URL",
            )
        }

        private fun connectionFactory(url: String): ConnectionFactory {
            val r2dbc = r2dbcUrl(url)
            try {
                return ConnectionFactories.get(r2dbc)
            } catch (e: IllegalStateException) {
                throw IllegalArgumentException("no R2DBC driver for '$r2dbc' on the class path (add r2dbc-h2 or r2dbc-postgresql): ${e.message}", e)
            }
        }
    }
}

/** A NULL of unspecified type for PostgreSQL; its own object so the driver's classes load only when used. */
private object PostgresNull {
    val VALUE: io.r2dbc.spi.Parameter = io.r2dbc.spi.Parameters.`in`(io.r2dbc.postgresql.codec.PostgresqlObjectId.UNSPECIFIED)
}

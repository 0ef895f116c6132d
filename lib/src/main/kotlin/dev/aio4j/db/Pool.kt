package dev.aio4j.db

import dev.aio4j.AsyncCloseable
import dev.aio4j.Future
import dev.aio4j.internal.HiddenFromJava
import dev.aio4j.internal.startOperation
import java.time.Duration
import java.util.concurrent.CompletionStage

/**
 * A pool of database connections: asyncpg's `Pool` for Java, over R2DBC. Embedded in-memory H2
 * (`h2:mem:NAME`) needs no server; PostgreSQL is used for `postgresql://user:password@host/db` or an
 * `r2dbc:postgresql://…` URL. The drivers are optional dependencies of aio4j: add `r2dbc-h2` and/or
 * `r2dbc-postgresql` to use them.
 *
 * Like Python's `asyncpg.create_pool(url, min_size, max_size, command_timeout)`: [create] opens
 * `minSize` connections and completes with the pool; the query methods ([Queries]) borrow a connection
 * per call, [acquire] borrows one for several calls, [transaction] runs a body in a transaction.
 * Deviations: `$1` placeholders on H2 as well; rows are `Map<String, Object>` (or mapped with a
 * [RowMapper]); `fetchRow` gives null for no row, as asyncpg's None.
 *
 * When all `maxSize` connections are in use a borrower waits, first come first served, up to the
 * acquire timeout (none by default), then fails with [dev.aio4j.TimeoutError]. A statement running
 * longer than `commandTimeout` fails with TimeoutError and its connection is closed, not reused.
 * Cancelling a call frees its connection's slot at once. Futures complete on the calling loop's thread.
 *
 * ```java
 * Pool.create("h2:mem:demo", 2, 10, Duration.ofSeconds(60))
 *     .thenCompose(pool -> pool.fetchVal("SELECT COUNT(*) FROM users")
 *         .whenComplete((n, e) -> pool.aclose()));
 * ```
 */
public class Pool private constructor(private val core: dev.aio4j.coroutines.db.Pool) : Queries(), AsyncCloseable {
    @get:JvmSynthetic override val database: dev.aio4j.coroutines.db.Database get() = core

    /**
     * asyncpg's `pool.acquire()`: borrows a connection for several calls, waiting while all are in use
     * (up to the acquire timeout). Give it back with [Connection.aclose], best through `Asyncio.using`.
     */
    public fun acquire(): Future<Connection> = startOperation { Connection(core.acquire()) }

    /** The number of connections open (idle and borrowed). */
    public fun size(): Int = core.size

    /** The number of open connections not borrowed. */
    public fun idleSize(): Int = core.idleSize

    /** The number of borrowed connections. */
    public fun inUse(): Int = core.inUse

    /** The configured minimum (opened by [create]). */
    public fun minSize(): Int = core.minSize

    /** The configured maximum number of connections. */
    public fun maxSize(): Int = core.maxSize

    /** Whether [aclose] was called. */
    public fun isClosed(): Boolean = core.isClosed

    /** asyncpg's `pool.close()`: closes idle connections now and borrowed ones when they are given back. */
    override fun aclose(): CompletionStage<Void?> = startOperation {
        core.close()
        null
    }

    /** The suspend pool underneath, for Kotlin callers. */
    public fun coroutines(): dev.aio4j.coroutines.db.Pool = core

    /**
     * Settings of a new [Pool]; fluent, each setter returns this builder.
     *
     * ```java
     * Pool.builder("postgresql://app:secret@127.0.0.1/app")
     *     .minSize(5).maxSize(20).commandTimeout(Duration.ofSeconds(60)).acquireTimeout(Duration.ofSeconds(5))
     *     .create();
     * ```
     */
    public class Builder internal constructor(private val url: String, hidden: HiddenFromJava = HiddenFromJava.TOKEN) {
        private var minSize = DEFAULT_SIZE
        private var maxSize = DEFAULT_SIZE
        private var commandTimeout: Duration? = null
        private var acquireTimeout: Duration? = null

        /** Connections opened by [create] (default 10, as asyncpg). */
        public fun minSize(minSize: Int): Builder = apply { this.minSize = minSize }

        /** The most connections open at once (default 10, as asyncpg). */
        public fun maxSize(maxSize: Int): Builder = apply { this.maxSize = maxSize }

        /** How long one statement may run (null, the default: no limit). */
        public fun commandTimeout(timeout: Duration?): Builder = apply { commandTimeout = timeout }

        /** How long a borrower waits for a free connection (null, the default: no limit). */
        public fun acquireTimeout(timeout: Duration?): Builder = apply { acquireTimeout = timeout }

        /**
         * Opens the pool's first `minSize` connections and completes with the pool on the loop thread;
         * bad settings fail at once with IllegalArgumentException, a connection failure with [DatabaseError].
         */
        public fun create(): Future<Pool> {
            validate(url, minSize, maxSize, commandTimeout, acquireTimeout)
            val min = minSize
            val max = maxSize
            val command = commandTimeout
            val acquire = acquireTimeout
            return startOperation { Pool(dev.aio4j.coroutines.db.Pool.create(url, min, max, command, acquire)) }
        }
    }

    public companion object {
        /** asyncpg's default pool size, 10 (for both minSize and maxSize). */
        public const val DEFAULT_SIZE: Int = 10

        /** asyncpg's `create_pool(url, min_size, max_size, command_timeout)`; see [Builder.create]. */
        @JvmStatic
        public fun create(url: String, minSize: Int, maxSize: Int, commandTimeout: Duration?): Future<Pool> =
            builder(url).minSize(minSize).maxSize(maxSize).commandTimeout(commandTimeout).create()

        /** A builder of a pool on [url] (`h2:mem:NAME`, `postgresql://…` or an `r2dbc:` URL). */
        @JvmStatic
        public fun builder(url: String): Builder = Builder(url)

        private fun validate(url: String, minSize: Int, maxSize: Int, command: Duration?, acquire: Duration?) {
            dev.aio4j.coroutines.db.Pool.r2dbcUrl(url)
            require(maxSize >= 1) { "maxSize must be >= 1: $maxSize" }
            require(minSize in 0..maxSize) { "minSize must be in 0..maxSize ($maxSize): $minSize" }
            require(command == null || (!command.isNegative && !command.isZero)) { "commandTimeout must be positive: $command" }
            require(acquire == null || (!acquire.isNegative && !acquire.isZero)) { "acquireTimeout must be positive: $acquire" }
        }
    }
}

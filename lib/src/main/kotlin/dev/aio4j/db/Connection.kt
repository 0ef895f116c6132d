package dev.aio4j.db

import dev.aio4j.AsyncCloseable
import dev.aio4j.internal.HiddenFromJava
import dev.aio4j.internal.startOperation
import java.util.concurrent.CompletionStage

/**
 * A connection borrowed from a [Pool] with [Pool.acquire]: asyncpg's pooled connection for Java. Run
 * queries on it (see [Queries]) and give it back with [aclose] — it is an [AsyncCloseable], so
 * `Asyncio.using(conn, c -> …)` releases it after the body, whatever happens.
 *
 * Like Python's `async with pool.acquire() as conn`; deviations: closing it releases it to the pool
 * (it stays open there), and one operation at a time — a second concurrent call fails with
 * IllegalStateException, as asyncpg's "another operation is in progress". A transaction left open is
 * rolled back on release; a connection whose statement was cancelled or timed out is closed instead of
 * being reused. [aclose] completes on the loop thread and is idempotent.
 *
 * ```java
 * pool.acquire().thenCompose(conn -> Asyncio.using(conn, c ->
 *     c.execute("INSERT INTO log(msg) VALUES ($1)", "hi").thenCompose(n -> c.fetchVal("SELECT COUNT(*) FROM log"))));
 * ```
 */
public class Connection internal constructor(
    private val core: dev.aio4j.coroutines.db.Connection,
    hidden: HiddenFromJava = HiddenFromJava.TOKEN,
) : Queries(), AsyncCloseable {
    @get:JvmSynthetic override val database: dev.aio4j.coroutines.db.Database get() = core

    /** Whether the connection was given back to its pool. */
    public fun isReleased(): Boolean = core.isReleased

    /** Gives the connection back to its pool (rolling back an open transaction). Idempotent. */
    override fun aclose(): CompletionStage<Void?> = startOperation {
        core.release()
        null
    }

    /** The suspend connection underneath, for Kotlin callers. */
    public fun coroutines(): dev.aio4j.coroutines.db.Connection = core
}

package dev.aio4j.db

import dev.aio4j.Steps
import dev.aio4j.TimeoutError
import dev.aio4j.coroutines.Event
import dev.aio4j.coroutines.db.Pool
import dev.aio4j.coroutines.runEventLoop
import dev.aio4j.coroutines.sleep
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.ints.shouldBeLessThanOrEqual
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import kotlinx.coroutines.CompletableDeferred
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.CoroutineStart
import kotlinx.coroutines.async
import kotlinx.coroutines.awaitAll
import kotlinx.coroutines.cancelAndJoin
import kotlinx.coroutines.launch
import kotlinx.coroutines.yield
import java.util.concurrent.atomic.AtomicInteger
import kotlin.time.Duration
import kotlin.time.Duration.Companion.milliseconds
import kotlin.time.Duration.Companion.seconds

/** Thread.sleep for H2's `SLEEP_MS` alias: a statement that stays in flight. */
object H2Sleep {
    @JvmStatic
    fun sleepMs(ms: Int): Int {
        Thread.sleep(ms.toLong())
        return ms
    }
}

/** A fresh pool on [backend] with an `items` table, closed after [block]; the whole test under 60 s. */
private fun <T> withPool(
    backend: Backend,
    minSize: Int = 1,
    maxSize: Int = 2,
    commandTimeout: Duration? = 10.seconds,
    acquireTimeout: Duration? = 10.seconds,
    block: suspend CoroutineScope.(Pool) -> T,
): T = runEventLoop {
    dev.aio4j.coroutines.timeout(60.seconds) {
        val pool = Pool.create(backend.url!!, minSize, maxSize, commandTimeout, acquireTimeout)
        try {
            pool.execute("DROP TABLE IF EXISTS items")
            pool.execute("CREATE TABLE items (id INTEGER PRIMARY KEY, name VARCHAR(40), qty INTEGER)")
            if (backend.name == "H2") pool.execute("CREATE ALIAS IF NOT EXISTS SLEEP_MS FOR 'dev.aio4j.db.H2Sleep.sleepMs'")
            this.block(pool)
        } finally {
            pool.close()
        }
    }
}

class PoolSpec : FunSpec({
    for (make in listOf({ Backends.h2() }, { Backends.postgres })) {
        val probe = make()
        val name = probe.name
        fun backend(): Backend = make()
        fun pgTest(title: String, body: suspend () -> Unit) =
            test("$name: $title").config(enabled = probe.skipReason == null) { body() }

        pgTest("create opens minSize connections and never more than maxSize") {
            withPool(backend(), minSize = 2, maxSize = 3) { pool ->
                pool.size shouldBe 2
                pool.idleSize shouldBe 2
                val peak = AtomicInteger()
                List(9) { i ->
                    async {
                        pool.transaction { tx ->
                            peak.accumulateAndGet(pool.inUse, ::maxOf)
                            tx.execute("INSERT INTO items VALUES (\$1, \$2, \$3)", i, "n$i", i)
                            sleep(30.milliseconds)
                        }
                    }
                }.awaitAll()
                peak.get() shouldBe 3
                pool.size shouldBe 3
                pool.inUse shouldBe 0
                pool.fetchVal("SELECT COUNT(*) FROM items") shouldBe 9L
            }
        }

        pgTest("exhaustion waits, first come first served, then proceeds") {
            withPool(backend(), minSize = 0, maxSize = 1) { pool ->
                val steps = Steps()
                val held = pool.acquire()
                steps.expect(1)
                val order = ArrayList<Int>()
                val waiters = List(3) { i ->
                    launch(start = CoroutineStart.UNDISPATCHED) {
                        steps.expect(2 + i)
                        pool.fetchVal("SELECT \$1", i).also { order += i }
                    }
                }
                steps.expect(5)
                sleep(50.milliseconds)
                order shouldBe emptyList()
                pool.inUse shouldBe 1
                held.release()
                waiters.forEach { it.join() }
                steps.finish(6)
                order shouldBe listOf(0, 1, 2)
                pool.size shouldBe 1
            }
        }

        pgTest("the acquire timeout fails a waiter with TimeoutError; the pool then serves") {
            withPool(backend(), minSize = 1, maxSize = 1, acquireTimeout = 100.milliseconds) { pool ->
                val held = pool.acquire()
                val e = shouldThrow<TimeoutError> { pool.fetchVal("SELECT 1") }
                e.message shouldContain "acquire timeout"
                held.fetchVal("SELECT 2") shouldBe 2
                held.release()
                pool.fetchVal("SELECT 3") shouldBe 3
                pool.inUse shouldBe 0
            }
        }

        pgTest("a transaction commits on success and rolls back on failure") {
            withPool(backend()) { pool ->
                pool.transaction { tx -> tx.execute("INSERT INTO items VALUES (1, 'a', 1)") } shouldBe 1L
                val boom = shouldThrow<IllegalStateException> {
                    pool.transaction { tx ->
                        tx.execute("INSERT INTO items VALUES (2, 'b', 2)")
                        tx.fetchVal("SELECT COUNT(*) FROM items") shouldBe 2L
                        error("boom")
                    }
                }
                boom.message shouldBe "boom"
                pool.fetch("SELECT id FROM items").map { it["id"] } shouldBe listOf(1)
                // A database error inside rolls back too.
                shouldThrow<DatabaseError> {
                    pool.transaction { tx ->
                        tx.execute("INSERT INTO items VALUES (3, 'c', 3)")
                        tx.execute("INSERT INTO items VALUES (1, 'dup', 1)")
                    }
                }.sqlState() shouldBe "23505"
                pool.fetchVal("SELECT COUNT(*) FROM items") shouldBe 1L
                pool.inUse shouldBe 0
            }
        }

        pgTest("a cancelled transaction rolls back and returns its connection") {
            withPool(backend(), minSize = 1, maxSize = 1) { pool ->
                val steps = Steps()
                val inserted = Event()
                val job = launch {
                    pool.transaction { tx ->
                        tx.execute("INSERT INTO items VALUES (1, 'a', 1)")
                        steps.expect(2)
                        inserted.set()
                        sleep(30.seconds)
                        steps.unreachable()
                    }
                }
                steps.expect(1)
                inserted.wait()
                steps.expect(3)
                job.cancelAndJoin()
                steps.finish(4)
                pool.inUse shouldBe 0
                pool.size shouldBe 1 // cancelled between statements: rolled back and kept
                pool.fetchVal("SELECT COUNT(*) FROM items") shouldBe 0L
            }
        }

        pgTest("a transaction cancelled mid-statement rolls back; its connection is closed, not reused") {
            val b = backend()
            withPool(b, minSize = 1, maxSize = 1) { pool ->
                val started = CompletableDeferred<Unit>()
                val job = launch {
                    pool.transaction { tx ->
                        tx.execute("INSERT INTO items VALUES (1, 'a', 1)")
                        started.complete(Unit)
                        tx.fetchVal(b.slowSql(500))
                    }
                }
                started.await()
                sleep(50.milliseconds)
                job.cancelAndJoin()
                pool.inUse shouldBe 0
                pool.size shouldBe 0
                pool.fetchVal("SELECT COUNT(*) FROM items") shouldBe 0L
                pool.size shouldBe 1
            }
        }

        pgTest("cancelling 100 in-flight queries on maxSize=2 returns every connection") {
            val b = backend()
            withPool(b, minSize = 2, maxSize = 2) { pool ->
                val started = AtomicInteger()
                val jobs = List(100) {
                    launch {
                        started.incrementAndGet()
                        pool.fetchVal(b.slowSql(300))
                    }
                }
                while (started.get() < 100) yield()
                sleep(50.milliseconds)
                pool.inUse shouldBe 2
                jobs.forEach { it.cancel() }
                jobs.forEach { it.join() }
                pool.inUse shouldBe 0
                pool.size shouldBeLessThanOrEqual 2
                List(10) { i -> async { pool.fetchVal("SELECT \$1", i) } }.awaitAll() shouldBe (0 until 10).toList()
                pool.size shouldBeLessThanOrEqual 2
            }
        }

        pgTest("bad SQL fails with the database's message and SQLSTATE") {
            withPool(backend()) { pool ->
                val e = shouldThrow<DatabaseError> { pool.fetch("SELECT * FROM no_such_table") }
                e.message!!.lowercase() shouldContain "no_such_table"
                e.sqlState() shouldBe if (name == "H2") "42S02" else "42P01"
                e.sql() shouldBe "SELECT * FROM no_such_table"
                pool.inUse shouldBe 0
                pool.fetchVal("SELECT 1") shouldBe 1
            }
        }

        pgTest("the command timeout fails a statement with TimeoutError and drops its connection") {
            val b = backend()
            withPool(b, minSize = 1, maxSize = 1, commandTimeout = 200.milliseconds) { pool ->
                val e = shouldThrow<TimeoutError> { pool.fetchVal(b.slowSql(1000)) }
                e.message shouldContain "command timeout"
                pool.inUse shouldBe 0
                pool.size shouldBe 0
                pool.fetchVal("SELECT 7") shouldBe 7
                pool.size shouldBe 1
            }
        }

        pgTest("fetch, fetchRow, fetchVal, execute, executeMany and a row mapper") {
            withPool(backend()) { pool ->
                pool.executeMany(
                    "INSERT INTO items VALUES (\$1, \$2, \$3)",
                    listOf(listOf(1, "apple", 3), listOf(2, "pear", null), listOf(3, null, 5)),
                ) shouldBe 3L
                pool.executeMany("INSERT INTO items VALUES (\$1, \$2, \$3)", emptyList()) shouldBe 0L
                pool.fetch("SELECT id, name, qty FROM items ORDER BY id") shouldBe listOf(
                    mapOf("id" to 1, "name" to "apple", "qty" to 3),
                    mapOf("id" to 2, "name" to "pear", "qty" to null),
                    mapOf("id" to 3, "name" to null, "qty" to 5),
                )
                pool.fetchRow("SELECT name FROM items WHERE id = \$1", 2) shouldBe mapOf("name" to "pear")
                pool.fetchRow("SELECT name FROM items WHERE id = \$1", 99) shouldBe null
                pool.fetchVal("SELECT COUNT(*) FROM items WHERE qty IS NOT NULL") shouldBe 2L
                pool.fetchVal("SELECT name FROM items WHERE id = \$1", 99) shouldBe null
                pool.execute("UPDATE items SET qty = \$1 WHERE qty IS NULL OR qty < \$2", 0, 4) shouldBe 2L
                pool.fetch("SELECT id, name FROM items WHERE qty = \$1 ORDER BY id", RowMapper { "${it.get("id", Long::class.java)}:${it.get("NAME")}" }, 0) shouldBe
                    listOf("1:apple", "2:pear")
                pool.execute("DELETE FROM items WHERE name IS NULL") shouldBe 1L
            }
        }

        pgTest("a connection runs one operation at a time and cannot be used after release") {
            withPool(backend()) { pool ->
                val conn = pool.acquire()
                val first = async(start = CoroutineStart.UNDISPATCHED) { conn.fetchVal("SELECT \$1", 1) }
                shouldThrow<IllegalStateException> { conn.fetchVal("SELECT 2") }.message shouldContain
                    "another operation is in progress"
                first.await() shouldBe 1
                conn.fetchVal("SELECT 3") shouldBe 3
                conn.release()
                shouldThrow<IllegalStateException> { conn.fetchVal("SELECT 1") }.message shouldContain "released"
                pool.inUse shouldBe 0
            }
        }
    }

    test("bad settings and URLs fail with the bad value") {
        shouldThrow<IllegalArgumentException> { Pool.r2dbcUrl("mysql://x") }.message shouldContain "mysql://x"
        runEventLoop {
            shouldThrow<IllegalArgumentException> { Pool.create("h2:mem:x", 3, 2) }.message shouldContain "0..maxSize (2): 3"
        }
    }

    test("PostgreSQL is reachable when the build could install it (root)") {
        val pg = Backends.postgres
        if (pg.skipReason == null && System.getenv("AIO4J_PG_URL") == null) {
            runEventLoop { Pool.create(pg.url!!, 0, 1).also { it.fetchVal("SELECT 1") shouldBe 1; it.close() } }
        }
    }
})

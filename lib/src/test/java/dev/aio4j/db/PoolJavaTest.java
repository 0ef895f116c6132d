package dev.aio4j.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aio4j.Asyncio;
import dev.aio4j.TimeoutError;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The database pool from Java's side (embedded H2; PoolSpec runs the semantics on H2 and PostgreSQL):
 * futures complete with plain Java values, errors surface as themselves, transactions and borrowed
 * connections release what they hold. Real clock: the database does real I/O.
 */
@Timeout(60)
class PoolJavaTest {
    private static final AtomicInteger DBS = new AtomicInteger();

    private static String url() {
        return "h2:mem:java" + DBS.incrementAndGet();
    }

    private static CompletableFuture<Long> items(Pool pool) {
        return pool.execute("CREATE TABLE items (id INTEGER PRIMARY KEY, name VARCHAR(40))")
                .thenCompose(n -> pool.executeMany("INSERT INTO items VALUES ($1, $2)",
                        List.of(List.of(1, "apple"), List.of(2, "pear"))));
    }

    @Test
    void queriesReturnJavaValues() {
        List<Object> seen = Asyncio.run(() -> Pool.create(url(), 1, 2, Duration.ofSeconds(10)).thenCompose(pool ->
                Asyncio.using(pool, p -> items(p).thenCompose(inserted -> {
                    List<Object> out = new ArrayList<>();
                    out.add(inserted);
                    return p.fetch("SELECT id, name FROM items ORDER BY id")
                            .thenCompose(rows -> { out.add(rows); return p.fetch("SELECT name FROM items WHERE id > $1", row -> row.get("name", String.class), 0); })
                            .thenCompose(names -> { out.add(names); return p.fetchRow("SELECT * FROM items WHERE id = $1", 9); })
                            .thenCompose(none -> { out.add(none == null ? "no row" : none); return p.fetchVal("SELECT COUNT(*) FROM items"); })
                            .thenCompose(count -> { out.add(count); return p.execute("DELETE FROM items WHERE name = $1", "pear"); })
                            .thenApply(deleted -> { out.add(deleted); out.add(p.size() + "/" + p.maxSize()); return out; });
                }))));
        assertEquals(List.of(
                2L,
                List.of(Map.of("id", 1, "name", "apple"), Map.of("id", 2, "name", "pear")),
                List.of("apple", "pear"),
                "no row",
                2L,
                1L,
                "1/2"), seen);
    }

    @Test
    void transactionCommitsOrRollsBackAndErrorsAreNotWrapped() {
        Object[] result = Asyncio.run(() -> Pool.create(url(), 1, 1, null).thenCompose(pool -> Asyncio.using(pool, p -> items(p)
                .thenCompose(n -> p.transaction(tx -> tx.execute("INSERT INTO items VALUES ($1, $2)", 3, "plum")))
                .thenCompose(n -> p.transaction(tx -> tx.execute("INSERT INTO items VALUES ($1, $2)", 4, "fig")
                        .thenCompose(m -> tx.execute("INSERT INTO items VALUES ($1, $2)", 1, "duplicate")))
                        .handle((v, e) -> e))
                .thenCompose(error -> p.fetchVal("SELECT COUNT(*) FROM items")
                        .thenApply(count -> new Object[] {error, count, p.inUse()})))));
        DatabaseError error = assertInstanceOf(DatabaseError.class, result[0]);
        assertEquals("23505", error.sqlState());
        assertEquals(3L, result[1]); // apple, pear, plum: fig rolled back with the duplicate
        assertEquals(0, result[2]);
    }

    @Test
    void borrowedConnectionIsReleasedByUsingAndExhaustionTimesOut() {
        Object[] result = Asyncio.run(() -> Pool.builder(url()).minSize(0).maxSize(1)
                .acquireTimeout(Duration.ofMillis(100)).create()
                .thenCompose(pool -> Asyncio.using(pool, p -> p.acquire().thenCompose(conn -> Asyncio.using(conn, c ->
                                // The only connection is borrowed: the pool's own query waits, then times out.
                                p.fetchVal("SELECT 1").handle((v, e) -> e)
                                        .thenCompose(e -> c.fetchVal("SELECT $1", "held").thenApply(v -> new Object[] {e, v}))))
                        .thenCompose(r -> p.fetchVal("SELECT 2").thenApply(v -> new Object[] {r[0], r[1], v, p.inUse()})))));
        TimeoutError timeout = assertInstanceOf(TimeoutError.class, result[0]);
        assertTrue(timeout.getMessage().contains("acquire timeout"), timeout.getMessage());
        assertEquals("held", result[1]);
        assertEquals(2, result[2]);
        assertEquals(0, result[3]);
    }

    @Test
    void badSqlFailsWithTheDatabaseMessage() {
        DatabaseError error = assertThrows(DatabaseError.class, () -> Asyncio.run(() ->
                Pool.create(url(), 0, 1, null).thenCompose(pool ->
                        Asyncio.using(pool, p -> p.fetch("SELECT * FROM no_such_table")))));
        assertTrue(error.getMessage().toLowerCase().contains("no_such_table"), error.getMessage());
        assertEquals("SELECT * FROM no_such_table", error.sql());
        IllegalArgumentException badUrl = assertThrows(IllegalArgumentException.class, () -> Pool.builder("mysql://x").create());
        assertTrue(badUrl.getMessage().contains("mysql://x"), badUrl.getMessage());
    }
}

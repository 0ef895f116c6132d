package dev.aio4j.demo.examples;

import static dev.aio4j.Asyncio.*;

import dev.aio4j.db.Pool;
import dev.aio4j.demo.ExampleBase;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * asyncpg's pool: {@code process_user_data()} runs three queries concurrently on one pool and gathers
 * their rows.
 *
 * <pre>
 * db = AsyncDatabaseManager("postgresql://user:pass@localhost/db")   # create_pool(min_size=5, max_size=20, command_timeout=60)
 * await db.initialize()
 * users_task = db.execute_query("SELECT * FROM users WHERE active = $1", True)
 * orders_task = db.execute_query("SELECT * FROM orders WHERE created_at > $1", datetime.now() - timedelta(days=7))
 * stats_task = db.execute_query("SELECT COUNT(*) as total FROM products")
 * users, orders, stats = await asyncio.gather(users_task, orders_task, stats_task)
 * return {'users': users, 'recent_orders': orders, 'product_stats': stats[0]}
 * </pre>
 *
 * <p>Java: {@code Pool.create(url, minSize, maxSize, commandTimeout)} and {@code pool.fetch(sql, args…)}
 * with asyncpg's {@code $1} placeholders; rows are {@code Map<String, Object>} as the seed's
 * {@code dict(row)}. The database is embedded in-memory H2 ({@code h2:mem:…}), so the tour needs no
 * server; a {@code postgresql://} URL runs the same code on PostgreSQL. The three queries hold three
 * of the pool's connections at once; with {@code maxSize} 2 the third would wait for a free one.
 */
public final class DbPool extends ExampleBase {
    public DbPool() {
        super("db-pool", "000 §2 \"Base de datos asíncrona\" (asyncpg pool, process_user_data)");
    }

    private static CompletableFuture<Void> seed(Pool db) {
        LocalDateTime now = LocalDateTime.now();
        return db.execute("CREATE TABLE users (id INTEGER PRIMARY KEY, name VARCHAR(40), active BOOLEAN)")
                .thenCompose(n -> db.execute("CREATE TABLE orders (id INTEGER PRIMARY KEY, user_id INTEGER, total NUMERIC(8, 2), created_at TIMESTAMP)"))
                .thenCompose(n -> db.execute("CREATE TABLE products (id INTEGER PRIMARY KEY, name VARCHAR(40))"))
                .thenCompose(n -> db.executeMany("INSERT INTO users VALUES ($1, $2, $3)", List.of(
                        List.of(1, "Ana", true), List.of(2, "Luis", false), List.of(3, "Marta", true))))
                .thenCompose(n -> db.executeMany("INSERT INTO orders VALUES ($1, $2, $3, $4)", List.of(
                        List.of(10, 1, new java.math.BigDecimal("25.50"), now.minusDays(2)),
                        List.of(11, 3, new java.math.BigDecimal("99.00"), now.minusDays(30)),
                        List.of(12, 3, new java.math.BigDecimal("12.75"), now.minusHours(5)))))
                .thenCompose(n -> db.executeMany("INSERT INTO products VALUES ($1, $2)", List.of(
                        List.of(1, "teclado"), List.of(2, "ratón"), List.of(3, "monitor"), List.of(4, "cable"))))
                .thenApply(n -> null);
    }

    private CompletableFuture<Map<String, Object>> processUserData(Pool db) {
        var users = db.fetch("SELECT id, name FROM users WHERE active = $1 ORDER BY id", true);
        var orders = db.fetch("SELECT id, user_id, total FROM orders WHERE created_at > $1 ORDER BY id",
                LocalDateTime.now().minusDays(7));
        var stats = db.fetch("SELECT COUNT(*) AS total FROM products");
        out.println("three queries in flight, connections in use: " + db.inUse());
        return gather(users, orders, stats).thenApply(results -> Map.of(
                "users", results.get(0),
                "recent_orders", results.get(1),
                "product_stats", results.get(2).get(0)));
    }

    @Override
    protected void main() {
        // async with pool: using() closes it after the body. A database of its own per run: an h2:mem
        // database outlives its pool in this JVM, and the tour may run this example more than once.
        String url = "h2:mem:tour-db-pool-" + java.util.UUID.randomUUID();
        run(() -> Pool.create(url, 5, 20, Duration.ofSeconds(60)).thenCompose(pool -> using(pool, db -> {
            out.println("pool: " + db.size() + " connections open (min 5, max 20)");
            return seed(db)
                    .thenCompose(v -> processUserData(db))
                    .thenAccept(result -> {
                        out.println("users: " + result.get("users"));
                        out.println("recent_orders: " + result.get("recent_orders"));
                        out.println("product_stats: " + result.get("product_stats"));
                        out.println("after gather, connections in use: " + db.inUse());
                    });
        })));
    }
}

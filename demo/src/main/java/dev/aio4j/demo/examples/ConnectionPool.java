package dev.aio4j.demo.examples;

import static dev.aio4j.Asyncio.*;

import dev.aio4j.Queue;
import dev.aio4j.Task;
import dev.aio4j.demo.ExampleBase;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * {@code @asynccontextmanager} as an acquire/release pair: {@code get_db_connection()} takes a
 * connection from a pool and gives it back after the body, whatever happens in it.
 *
 * <pre>
 * {@literal @}asynccontextmanager
 * async def get_db_connection():
 *     conn = await pool.acquire()
 *     try:
 *         yield conn
 *     finally:
 *         await pool.release(conn)
 *
 * async def fetch_users():
 *     async with get_db_connection() as conn:
 *         return await conn.fetch("SELECT * FROM users")
 * </pre>
 *
 * <p>Java: {@code using(acquire, release, body)} is the generator's try/finally in one call. The seed
 * only sketches the pattern ({@code pool} and {@code Connection} are not defined there); here the pool
 * is a {@code Queue} of two idle connections, so a third caller waits in {@code acquire} until one is
 * released. The last run cancels a caller in the middle of its query: the connection still goes back
 * to the pool.
 *
 * <p>On the virtual clock ({@link #runOnVirtualClock}): C's acquire follows A's release within a few
 * loop iterations, but on a real clock, in a cold JVM on a busy machine, those first iterations (class
 * loading) took longer than the 25 ms to B's release at {@code --speed 20}.
 */
public final class ConnectionPool extends ExampleBase {
    public ConnectionPool() {
        super("connection-pool", "003 §8 \"Async Context Managers\" (@asynccontextmanager get_db_connection)");
    }

    record Connection(String name) {}

    /** A pool of connections: idle ones wait in a queue. */
    final class Pool {
        private final Queue<Connection> idle = new Queue<>();

        Pool(int size) {
            for (int i = 1; i <= size; i++) {
                idle.putNowait(new Connection("conn-" + i));
            }
        }

        CompletableFuture<Connection> acquire() {
            return idle.get();
        }

        CompletableFuture<Void> release(Connection conn) {
            return idle.put(conn);
        }

        int idle() {
            return idle.qsize();
        }
    }

    private <T> CompletableFuture<T> withConnection(Pool pool, String who, Function<Connection, CompletionStage<T>> body) {
        return using(pool::acquire, conn -> {
            out.println(who + ": releasing " + conn.name());
            return pool.release(conn);
        }, conn -> {
            out.println(who + ": acquired " + conn.name());
            return body.apply(conn);
        });
    }

    // conn.fetch(...): each caller's query takes its own time.
    private CompletableFuture<List<String>> fetchUsers(Pool pool, String who, double queryTime) {
        return withConnection(pool, who, conn -> sleep(seconds(queryTime), List.of("Alice", "Bob")));
    }

    @Override
    protected void main() {
        runOnVirtualClock(() -> {
            Pool pool = new Pool(2);
            return gather(fetchUsers(pool, "A", 1), fetchUsers(pool, "B", 1.5), fetchUsers(pool, "C", 1))
                    .thenAccept(results -> {
                        out.println("Results: " + results);
                        out.println("Idle connections: " + pool.idle());
                    });
        });
        // Cancelled in the middle of the query: released all the same.
        runOnVirtualClock(() -> {
            Pool pool = new Pool(2);
            Task<List<String>> task = createTask(() -> fetchUsers(pool, "D", 10));
            return sleep(seconds(1)).thenCompose(v -> {
                task.cancel();
                return task.handle((value, error) -> {
                    out.println("D cancelled: " + task.cancelled());
                    out.println("Idle connections: " + pool.idle());
                    return null;
                });
            });
        });
    }
}

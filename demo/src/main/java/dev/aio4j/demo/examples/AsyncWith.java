package dev.aio4j.demo.examples;

import static dev.aio4j.Asyncio.*;

import dev.aio4j.AsyncCloseable;
import dev.aio4j.demo.ExampleBase;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * {@code async with}: a resource opened asynchronously, used, and closed asynchronously, three times.
 *
 * <pre>
 * class AsyncContextManager:
 *     async def __aenter__(self):
 *         print("Contexto asíncrono: Entrada")
 *         await asyncio.sleep(1)
 *         return self
 *     async def __aexit__(self, exc_type, exc, tb):
 *         await asyncio.sleep(1)
 *         print("Contexto asíncrono: Salida")
 *
 * async with AsyncContextManager() as manager:
 *     await manager.do_something()
 * </pre>
 *
 * <p>Java: {@code __aenter__} is an asynchronous factory ({@code open()}) and {@code __aexit__} is
 * {@link AsyncCloseable#aclose()}; {@code async with open() as r: body} is
 * {@code open().thenCompose(r -> using(r, body))}. {@code using} closes the resource once the body's
 * stage is done, whether it succeeded, failed or was cancelled.
 */
public final class AsyncWith extends ExampleBase {
    public AsyncWith() {
        super("async-with", "004 §5.6.1 AsyncContextManager + 001 AsyncDatabaseConnection + 002 AsyncDatabase");
    }

    /** 004 §5.6.1. */
    final class AsyncContextManager implements AsyncCloseable {
        CompletableFuture<AsyncContextManager> open() {
            out.println("Contexto asíncrono: Entrada");
            return sleep(seconds(1), this);
        }

        @Override
        public CompletionStage<Void> aclose() {
            return sleep(seconds(1)).thenRun(() -> out.println("Contexto asíncrono: Salida"));
        }

        CompletableFuture<Void> doSomething() {
            out.println("Contexto asíncrono: Realizando acción");
            return sleep(seconds(1));
        }
    }

    /** 001: an async context manager for database connections. */
    final class AsyncDatabaseConnection implements AsyncCloseable {
        CompletableFuture<AsyncDatabaseConnection> open() {
            out.println("Opening database connection...");
            return sleep(seconds(1)).thenApply(v -> {   // simulate connection time
                out.println("Database connection opened");
                return this;
            });
        }

        @Override
        public CompletionStage<Void> aclose() {
            out.println("Closing database connection...");
            return sleep(seconds(0.5)).thenRun(() -> out.println("Database connection closed"));
        }

        CompletableFuture<String> query(String sql) {
            return sleep(seconds(0.5), "Results for: " + sql);
        }
    }

    /** A row of 002's result; Python prints {@code [{'id': 1, 'name': 'Alice'}]}. */
    record User(int id, String name) {}

    /** 002. */
    final class AsyncDatabase implements AsyncCloseable {
        CompletableFuture<AsyncDatabase> open() {
            out.println("Connecting to database...");
            return sleep(seconds(0.5), this);
        }

        @Override
        public CompletionStage<Void> aclose() {
            out.println("Closing database connection...");
            return sleep(seconds(0.1));
        }

        CompletableFuture<List<User>> query(String sql) {
            return sleep(seconds(0.2), List.of(new User(1, "Alice")));
        }
    }

    @Override
    protected void main() {
        run(() -> new AsyncContextManager().open().thenCompose(manager -> using(manager, m -> m.doSomething())));
        // 001: the connection is closed automatically after the block.
        run(() -> new AsyncDatabaseConnection().open().thenCompose(db -> using(db, d -> d.query("SELECT * FROM users")
                .thenAccept(result -> out.println(result)))));
        // 002
        run(() -> new AsyncDatabase().open().thenCompose(db -> using(db, d -> d.query("SELECT * FROM users")
                .thenAccept(results -> out.println(results)))));
    }
}

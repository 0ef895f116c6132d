package dev.aio4j.demo.examples;

import static dev.aio4j.Asyncio.*;

import dev.aio4j.AsyncIterator;
import dev.aio4j.demo.ExampleBase;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Async iterator classes ({@code __aiter__} / {@code __anext__}) and {@code async for} over them.
 *
 * <pre>
 * class AsyncRange:                                    # 001
 *     def __aiter__(self): return self
 *     async def __anext__(self):
 *         if self.current &gt;= self.end: raise StopAsyncIteration
 *         await asyncio.sleep(0.5)
 *         value = self.current; self.current += 1
 *         return value
 *
 * async for number in AsyncRange(1, 5):
 *     print(f"Got number: {number}")
 *
 * class AsyncDatabaseCursor:                           # 001, "cursor de base de datos async"
 *     async def execute(self):
 *         await asyncio.sleep(1)
 *         self.results = [{"id": 1, "name": "Alice"}, {"id": 2, "name": "Bob"}, {"id": 3, "name": "Charlie"}]
 *     async def __anext__(self):
 *         if self.index &gt;= len(self.results): raise StopAsyncIteration
 *         await asyncio.sleep(0.1)
 *         ...
 *
 * cursor = AsyncDatabaseCursor("SELECT * FROM users")
 * await cursor.execute()
 * async for row in cursor:
 *     print(f"User: {row['name']}")
 * </pre>
 *
 * <p>Java: such a class implements {@link AsyncIterator}; {@code __anext__} is {@code anext()}, whose
 * future completes with the next item, or with {@code Optional.empty()} where Python raises
 * {@code StopAsyncIteration}. {@code __aiter__} returning self is the interface's default.
 * {@code async for} is {@code forEach}.
 */
public final class AsyncIterators extends ExampleBase {
    public AsyncIterators() {
        super("async-iterators", "001 \"Iteradores Asíncronos (async for)\" (AsyncRange + AsyncDatabaseCursor)");
    }

    /** An async iterator that yields numbers with delays. */
    final class AsyncRange implements AsyncIterator<Integer> {
        private int current;
        private final int end;

        AsyncRange(int start, int end) {
            this.current = start;
            this.end = end;
        }

        @Override
        public CompletableFuture<Optional<Integer>> anext() {
            if (current >= end) return CompletableFuture.completedFuture(Optional.empty());
            // Simulate an async operation to get the next value.
            return sleep(seconds(0.5)).thenApply(v -> Optional.of(current++));
        }
    }

    record Row(int id, String name) {}

    /** A simulated async database cursor. */
    final class AsyncDatabaseCursor implements AsyncIterator<Row> {
        private final String query;
        private List<Row> results = List.of();
        private int index;

        AsyncDatabaseCursor(String query) {
            this.query = query;
        }

        CompletableFuture<Void> execute() {
            // Simulate the database query.
            return sleep(seconds(1)).thenRun(() -> results = List.of(new Row(1, "Alice"), new Row(2, "Bob"), new Row(3, "Charlie")));
        }

        @Override
        public CompletableFuture<Optional<Row>> anext() {
            if (index >= results.size()) return CompletableFuture.completedFuture(Optional.empty());
            // Simulate fetching the next row.
            return sleep(seconds(0.1)).thenApply(v -> Optional.of(results.get(index++)));
        }
    }

    private CompletableFuture<Void> fetchUsers() {
        AsyncDatabaseCursor cursor = new AsyncDatabaseCursor("SELECT * FROM users");
        return cursor.execute().thenCompose(v -> cursor.forEach(row -> {
            out.println("User: " + row.name());
            return CompletableFuture.completedFuture(null);
        }));
    }

    @Override
    protected void main() {
        run(() -> new AsyncRange(1, 5).forEach(number -> {
            out.println("Got number: " + number);
            return CompletableFuture.completedFuture(null);
        }));
        run(this::fetchUsers);
    }
}

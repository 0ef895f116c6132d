package dev.aio4j.demo.examples;

import static dev.aio4j.Asyncio.*;

import dev.aio4j.demo.ExampleBase;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** {@code asyncio.as_completed}: results in the order they finish, not the order they were started. */
public final class AsCompleted extends ExampleBase {
    public AsCompleted() {
        super("as-completed", "001 \"asyncio.as_completed()\" (fetch_data)");
    }

    private CompletableFuture<String> fetchData(int urlId, double delay) {
        return sleep(seconds(delay), "Data from URL " + urlId);
    }

    @Override
    protected void main() {
        run(() -> {
            List<CompletableFuture<String>> tasks = List.of(fetchData(1, 3), fetchData(2, 1), fetchData(3, 2));
            // for coro in asyncio.as_completed(tasks): result = await coro; print(...)
            CompletableFuture<Void> loop = CompletableFuture.completedFuture(null);
            for (CompletableFuture<String> next : asCompleted(tasks)) {
                loop = loop.thenCompose(v -> next).thenAccept(result -> out.println("Received: " + result));
            }
            return loop;
        });
    }
}

package dev.aio4j.demo.examples;

import static dev.aio4j.Asyncio.*;

import dev.aio4j.cache.AsyncCache;
import dev.aio4j.demo.ExampleBase;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * The seed's cached expensive computation: {@code @async_cached(ttl=timedelta(minutes=10))} on a
 * function that sleeps 2 s, here {@code AsyncCache.cached} on the default in-memory cache (the seed's
 * cache is Redis; {@code AsyncCache.redis(String.class)} is the same code on Redis).
 *
 * <pre>
 * &#64;async_cached(ttl=timedelta(minutes=10))
 * async def expensive_computation(data):
 *     await asyncio.sleep(2)  # Simula operación costosa
 *     return f"Processed: {len(data)} items"
 * </pre>
 *
 * <p>Runs on the virtual clock, so the 10-minute TTL costs nothing and the times printed are exact.
 * Not in the seed: three concurrent calls on a miss compute once (single-flight).
 */
public final class CachedComputation extends ExampleBase {
    private int computations;

    public CachedComputation() {
        super("cached-computation", "000 \"Cache asíncrono con Redis\" (@async_cached, expensive_computation, ttl=10 min)");
    }

    private CompletableFuture<String> call(Function<List<Integer>, CompletableFuture<String>> fn, List<Integer> data) {
        double start = getRunningLoop().time();
        return fn.apply(data).thenApply(result -> {
            out.println(String.format(Locale.ROOT, "expensive_computation(%s) -> %s  [%.1f s]",
                    data, result, getRunningLoop().time() - start));
            return result;
        });
    }

    @Override
    protected void main() {
        runOnVirtualClock(() -> {
            AsyncCache<String, String> cache = AsyncCache.inMemory();
            Function<List<Integer>, CompletableFuture<String>> expensive = cache.cached(
                    "expensive_computation", Duration.ofMinutes(10), data -> {
                        computations++;
                        return sleep(Duration.ofSeconds(2), "Processed: " + data.size() + " items");
                    });
            List<Integer> data = List.of(1, 2, 3);
            return call(expensive, data)                        // miss: computes (2 s)
                    .thenCompose(r -> call(expensive, data))    // hit: at once
                    .thenCompose(r -> gather(                   // three concurrent misses: one computation
                            call(expensive, List.of(4, 5)),
                            call(expensive, List.of(4, 5)),
                            call(expensive, List.of(4, 5))))
                    .thenCompose(r -> sleep(Duration.ofMinutes(10)))
                    .thenCompose(v -> {
                        out.println("... 10 minutes later (the ttl) ...");
                        return call(expensive, data);           // expired: computes again
                    })
                    .thenRun(() -> out.println("Computations: " + computations));
        });
    }
}

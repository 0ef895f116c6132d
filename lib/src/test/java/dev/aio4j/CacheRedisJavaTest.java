package dev.aio4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.aio4j.cache.AsyncCache;
import dev.aio4j.redis.RedisQueue;
import dev.aio4j.redis.RedisTestSupport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The Java facades of the cache and the Redis queue (issue 7). */
class CacheRedisJavaTest extends JavaLoopTestBase {

    @Test
    void inMemoryCacheSingleFlightTtlAndCachedFromJava() throws Exception {
        AtomicInteger computed = new AtomicInteger();
        List<Object> seen = loop.runUntilComplete(() -> {
            AsyncCache<String, String> cache = AsyncCache.inMemory();
            List<CompletableFuture<String>> calls = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                calls.add(cache.getOrCompute("k", () -> {
                    computed.incrementAndGet();
                    return Asyncio.sleep(Duration.ofSeconds(1), "value");
                }, Duration.ofSeconds(10)));
            }
            return Asyncio.gather(calls)
                    .thenCompose(values -> Asyncio.sleep(Duration.ofSeconds(10)).thenCompose(v -> cache.get("k"))
                            .thenApply(expired -> List.of(values.size(), values.get(99), String.valueOf(expired))));
        });
        assertEquals(List.of(100, "value", "null"), seen);
        assertEquals(1, computed.get());
    }

    @Test
    void aFailedComputationReachesEveryCallerUnwrappedAndIsNotCached() {
        IllegalStateException boom = new IllegalStateException("boom");
        Object[] results = loop.runUntilComplete(() -> {
            AsyncCache<String, Integer> cache = AsyncCache.inMemory();
            CompletableFuture<Integer> a = cache.getOrCompute("k", () -> Asyncio.sleep(Duration.ofSeconds(1)).thenApply(v -> { throw boom; }));
            CompletableFuture<Integer> b = cache.getOrCompute("k", () -> CompletableFuture.completedFuture(2));
            return Asyncio.gatherSettled(List.of(a, b))
                    .thenCompose(outcomes -> cache.getOrCompute("k", () -> CompletableFuture.completedFuture(3))
                            .thenApply(again -> new Object[] {outcomes, again}));
        });
        @SuppressWarnings("unchecked")
        List<Outcome<Integer>> outcomes = (List<Outcome<Integer>>) results[0];
        assertSame(boom, outcomes.get(0).exception());
        assertSame(boom, outcomes.get(1).exception());
        assertEquals(3, results[1]);
    }

    @Test
    void cachedWrapsAJavaAsyncFunction() {
        AtomicInteger calls = new AtomicInteger();
        List<Object> seen = loop.runUntilComplete(() -> {
            AsyncCache<String, String> cache = AsyncCache.inMemory();
            Function<List<Integer>, CompletableFuture<String>> expensive = cache.cached("expensive", Duration.ofMinutes(10),
                    (List<Integer> data) -> {
                        calls.incrementAndGet();
                        return Asyncio.sleep(Duration.ofSeconds(2), "Processed: " + data.size() + " items");
                    });
            return expensive.apply(List.of(1, 2, 3)).thenCompose(first -> expensive.apply(List.of(1, 2, 3))
                    .thenApply(second -> List.of(first, second, loop.time())));
        });
        assertEquals(List.of("Processed: 3 items", "Processed: 3 items", 2.0), seen);
        assertEquals(1, calls.get());
    }

    @Test
    void theQueueContractRunsUnchangedOnTheInProcessQueue() {
        assertEquals(List.of("a", "b", "c"), loop.runUntilComplete(() -> roundTrip(new Queue<>(2))));
    }

    @Test
    void theQueueContractRunsUnchangedOnRedisQueueAndTheCacheOnRedis() {
        assumeTrue(RedisTestSupport.INSTANCE.getAvailable(), () -> "Redis: " + RedisTestSupport.INSTANCE.getSkipReason());
        String url = RedisTestSupport.INSTANCE.getUrl();
        String stream = RedisTestSupport.INSTANCE.key("java-queue");
        List<String> got = Asyncio.run(() -> {
            RedisQueue<String> queue = RedisQueue.builder(stream, String.class).url(url).maxsize(2).build();
            return roundTrip(queue).thenCompose(items -> queue.destroy().thenCompose(x -> queue.aclose()).thenApply(x -> items));
        });
        assertEquals(List.of("a", "b", "c"), got);

        String prefix = RedisTestSupport.INSTANCE.key("java-cache") + ":";
        List<Object> cached = Asyncio.run(() -> {
            AsyncCache<String, Integer> cache = AsyncCache.redis(Integer.class, url, prefix);
            return cache.set("n", 41, Duration.ofSeconds(30))
                    .thenCompose(v -> cache.getOrCompute("n", () -> CompletableFuture.completedFuture(0)))
                    .thenCompose(n -> cache.invalidatePattern("*").thenApply(removed -> List.<Object>of(n, removed)))
                    .thenCompose(result -> cache.aclose().thenApply(x -> result));
        });
        assertEquals(List.of(41, 1L), cached);
        assertThrows(IllegalArgumentException.class, () -> RedisQueue.builder("q", String.class).maxsize(-1));
    }

    /** A producer and a consumer over any AsyncQueue: puts a, b, c; takes them; marks them done; joins. */
    private static CompletableFuture<List<String>> roundTrip(AsyncQueue<String> queue) {
        List<String> got = new ArrayList<>();
        CompletableFuture<Void> producer = queue.put("a").thenCompose(v -> queue.put("b")).thenCompose(v -> queue.put("c"));
        CompletableFuture<Void> consumer = CompletableFuture.completedFuture(null);
        for (int i = 0; i < 3; i++) {
            consumer = consumer.thenCompose(v -> queue.get()).thenAccept(item -> {
                got.add(item);
                queue.taskDone();
            });
        }
        return Asyncio.gather(producer, consumer).thenCompose(v -> queue.join()).thenApply(v -> got);
    }
}

package dev.aio4j;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aio4j.cache.AsyncCache;
import dev.aio4j.redis.RedisQueue;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The Java surface of the cache and the Redis queue (issue 7), compile-only like
 * {@link ApiSurfaceJavaTest}: every public constructor and method is referenced with explicit Java
 * types. The body never runs.
 */
class CacheRedisApiSurfaceJavaTest {

    @Test
    void everyCacheAndRedisQueueFacadeMethodIsCallableFromJavaWithJavaTypesOnly() {
        Runnable neverRun = CacheRedisApiSurfaceJavaTest::surface;
        assertNotNull(neverRun);
    }

    @SuppressWarnings("unused")
    private static void surface() {
        AsyncCache<String, Integer> memory = AsyncCache.inMemory();
        AsyncCache<String, Integer> bounded = AsyncCache.inMemory(100);
        AsyncCache<String, Integer> withTtl = AsyncCache.inMemory(100, Duration.ofMinutes(5));
        AsyncCache<String, Integer> redis = AsyncCache.redis(Integer.class);
        AsyncCache<String, Integer> redis2 = AsyncCache.redis(Integer.class, "redis://127.0.0.1:6379");
        AsyncCache<String, Integer> redis3 = AsyncCache.redis(Integer.class, "redis://127.0.0.1:6379", "app:");
        AsyncCache<String, Integer> redis4 = AsyncCache.redis(Integer.class, null, "app:", Duration.ofSeconds(1));
        AsyncCache<String, Integer> redis5 = AsyncCache.redis(Integer.class, null, null, null, new ObjectMapper());
        CompletableFuture<Integer> got = memory.get("k");
        CompletableFuture<Void> set = memory.set("k", 1);
        CompletableFuture<Void> setTtl = memory.set("k", 1, Duration.ofSeconds(3));
        CompletableFuture<Integer> computed = memory.getOrCompute("k", () -> CompletableFuture.completedFuture(1));
        CompletableFuture<Integer> computedTtl = memory.getOrCompute("k", () -> CompletableFuture.completedFuture(1), Duration.ofSeconds(3));
        CompletableFuture<Boolean> removed = memory.invalidate("k");
        CompletableFuture<Long> removedMany = memory.invalidatePattern("user:*");
        CompletableFuture<Long> size = memory.size();
        Function<List<Integer>, CompletableFuture<Integer>> cached =
                memory.cached("sum", Duration.ofMinutes(1), (List<Integer> xs) -> CompletableFuture.completedFuture(xs.size()));
        CompletionStage<Void> closed = memory.aclose();
        dev.aio4j.coroutines.cache.AsyncCache<String, Integer> core = memory.coroutines();

        RedisQueue<String> queue = RedisQueue.builder("jobs", String.class)
                .url("redis://127.0.0.1:6379")
                .maxsize(10)
                .group("workers")
                .consumer("worker-1")
                .visibilityTimeout(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(50))
                .objectMapper(new ObjectMapper())
                .build();
        RedisQueue<String> plain = RedisQueue.create("jobs", String.class);
        AsyncQueue<String> contract = queue;
        AsyncQueue<String> inProcess = new Queue<String>(3);
        CompletableFuture<Void> put = queue.put("x");
        CompletableFuture<String> item = queue.get();
        queue.taskDone();
        CompletableFuture<Boolean> acked = queue.taskDoneAcked();
        CompletableFuture<Void> joined = queue.join();
        CompletableFuture<Long> qsize = queue.qsize();
        CompletableFuture<Boolean> empty = queue.empty();
        int maxsize = queue.maxsize();
        String name = queue.name();
        String consumer = queue.consumer();
        CompletableFuture<Void> destroyed = queue.destroy();
        CompletionStage<Void> qclosed = queue.aclose();
        dev.aio4j.coroutines.redis.RedisQueue<String> qcore = queue.coroutines();
    }
}

package dev.aio4j;

import static dev.aio4j.Asyncio.createTask;
import static dev.aio4j.Asyncio.gather;
import static dev.aio4j.Asyncio.sleep;
import static dev.aio4j.Asyncio.using;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aio4j.http.ClientResponse;
import dev.aio4j.http.ClientSession;
import dev.aio4j.http.HttpRetry;
import dev.aio4j.http.TestHttpServer;
import dev.aio4j.resilience.FanOut;
import dev.aio4j.resilience.RateLimiter;
import dev.aio4j.resilience.SlidingWindow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The seeds' aiohttp examples written in Java against a real server on 127.0.0.1, on a virtual-time
 * loop: network waits count as foreign work (the clock never jumps past them), so sleeps of the retry
 * and the rate limiter take no real time and the loop times are exact.
 */
class HttpSeedsJavaTest extends JavaLoopTestBase {
    private final ClientSession session = ClientSession.builder().baseUrl(TestHttpServer.url("/")).build();

    @AfterEach
    void closeSession() throws Exception {
        loop.runUntilComplete(session::aclose);
    }

    /** The seeds' fetch_all: every URL at once with gather; results in input order, on the loop thread. */
    @Test
    void fetchAllWithGather() {
        List<String> threads = new CopyOnWriteArrayList<>();
        List<String> emails = loop.runUntilComplete(() -> {
            List<CompletionStage<String>> fetches = new ArrayList<>();
            for (int id = 1; id <= 5; id++) {
                fetches.add(session.get("users/" + id)
                        .thenCompose(resp -> resp.raiseForStatus().json())
                        .thenApply(json -> {
                            threads.add(Thread.currentThread() == loopThread ? "loop" : Thread.currentThread().getName());
                            return json.get("email").asText();
                        }));
            }
            return gather(fetches);
        });
        assertEquals(List.of("user1@example.com", "user2@example.com", "user3@example.com", "user4@example.com", "user5@example.com"), emails);
        assertEquals(List.of("loop", "loop", "loop", "loop", "loop"), threads);
    }

    /** The seeds' fetch_with_retry: two 503s, then 200; the backoff sleeps 1 s then 2 s of loop time. */
    @Test
    void fetchWithRetry() {
        String key = UUID.randomUUID().toString();
        List<String> retries = new CopyOnWriteArrayList<>();
        double start = loop.time();
        String body = loop.runUntilComplete(() -> HttpRetry.builder()
                .maxAttempts(3)
                .backoff(Duration.ofSeconds(1), 2.0, Duration.ofSeconds(30))
                .onRetry(e -> retries.add(e.attempt() + " after " + e.delay()))
                .build()
                .call(() -> session.get("flaky/" + key))
                .thenCompose(ClientResponse::text));
        assertEquals("recovered after 2 failures", body);
        assertEquals(List.of("1 after PT1S", "2 after PT2S"), retries);
        assertEquals(3.0, loop.time() - start, 1e-9);
    }

    /** A 429 with Retry-After: 1 waits one second, not the 10 s backoff. */
    @Test
    void retryAfterIsHonoured() {
        String key = UUID.randomUUID().toString();
        double start = loop.time();
        String body = loop.runUntilComplete(() -> HttpRetry.builder()
                .backoff(Duration.ofSeconds(10), 2.0, Duration.ofSeconds(60))
                .build()
                .call(() -> session.get("retry-after/" + key))
                .thenCompose(ClientResponse::text));
        assertEquals("welcome back", body);
        assertEquals(1.0, loop.time() - start, 1e-9);
    }

    /** The seeds' rate-limited fetch: 5 requests per 2 seconds; 12 requests start at 0, 2 and 4 s. */
    @Test
    void rateLimitedFetchFivePerTwoSeconds() {
        RateLimiter limiter = new SlidingWindow(5, Duration.ofSeconds(2));
        double start = loop.time();
        List<Double> starts = new CopyOnWriteArrayList<>();
        List<Integer> statuses = loop.runUntilComplete(() -> {
            List<CompletionStage<Integer>> all = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                all.add(limiter.withPermit(() -> {
                    starts.add(loop.time() - start);
                    return session.get("json");
                }).thenCompose(resp -> resp.json().thenApply(j -> resp.status())));
            }
            return gather(all);
        });
        assertEquals(12, statuses.size());
        assertTrue(statuses.stream().allMatch(s -> s == 200));
        assertEquals(List.of(0.0, 0.0, 0.0, 0.0, 0.0, 2.0, 2.0, 2.0, 2.0, 2.0, 4.0, 4.0), starts);
    }

    /** The seeds' API pipeline: users, then per user its details and its posts concurrently. */
    @Test
    void apiPipelineUsersThenDetailsAndPostsConcurrently() {
        List<String> summary = loop.runUntilComplete(() -> Asyncio.using(session, s -> s.get("users")
                .thenCompose(ClientResponse::json)
                .thenCompose(users -> {
                    List<JsonNode> list = new ArrayList<>();
                    users.forEach(list::add);
                    return FanOut.map(list, 10, user -> {
                        int id = user.get("id").asInt();
                        CompletableFuture<JsonNode> details = s.get("users/" + id).thenCompose(ClientResponse::json);
                        CompletableFuture<JsonNode> posts = s.get("users/" + id + "/posts").thenCompose(ClientResponse::json);
                        return gather(details, posts).thenApply(both ->
                                user.get("name").asText() + " <" + both.get(0).get("email").asText() + "> " + both.get(1).size() + " posts");
                    });
                })));
        assertEquals(List.of("Ada <user1@example.com> 1 posts", "Linus <user2@example.com> 2 posts", "Grace <user3@example.com> 3 posts"), summary);
        assertTrue(session.isClosed());
    }

    /** Typed JSON, a JSON body, and raiseForStatus's error as the future's failure itself. */
    @Test
    void typedJsonAndErrorsSurfaceAsThemselves() {
        @SuppressWarnings("unchecked")
        Map<String, Object> echo = loop.runUntilComplete(() -> session.post("echo",
                dev.aio4j.http.RequestOptions.create().json(Map.of("a", 1))).thenCompose(r -> r.json(Map.class)));
        assertEquals("POST", echo.get("method"));
        assertEquals("{\"a\":1}", echo.get("body"));
        dev.aio4j.http.ClientResponseError e = assertThrows(dev.aio4j.http.ClientResponseError.class, () ->
                loop.runUntilComplete(() -> session.get("status/503").thenApply(ClientResponse::raiseForStatus)));
        assertEquals(503, e.status());
        assertEquals("GET", e.method());
        assertEquals(TestHttpServer.url("/status/503"), e.url());
    }

    /** Streaming with backpressure: the callback's stage is awaited before the next line is read. */
    @Test
    void forEachLineWaitsForTheCallbacksStage() {
        double start = loop.time();
        List<String> seen = new CopyOnWriteArrayList<>();
        long lines = loop.runUntilComplete(() -> session.get("lines?n=3").thenCompose(resp ->
                resp.content().forEachLine(line -> {
                    seen.add(line + " at " + (loop.time() - start));
                    return sleep(Duration.ofSeconds(1));
                })));
        assertEquals(3, lines);
        assertEquals(List.of("line 1 at 0.0", "line 2 at 1.0", "line 3 at 2.0"), seen);
    }

    /** Cancelling the task that awaits a request cancels the request (a real-time loop: the server delays 10 s). */
    @Test
    void cancellingTheTaskCancelsTheInFlightRequest() {
        ClientSession real = ClientSession.create();
        long t0 = System.nanoTime();
        Outcome<ClientResponse> outcome = Asyncio.run(() -> {
            Task<ClientResponse> task = createTask(() -> real.get(TestHttpServer.url("/delay/60")));
            return sleep(Duration.ofMillis(200))
                    .thenCompose(v -> {
                        task.cancel();
                        return Asyncio.gatherSettled(task);
                    })
                    .thenCompose(outcomes -> real.aclose().thenApply(v -> outcomes.get(0)));
        });
        assertInstanceOf(Outcome.Cancelled.class, outcome);
        // A hang guard, not a speed target: waiting for the server would take 60 s.
        assertTrue((System.nanoTime() - t0) / 1_000_000 < 30_000, "the cancelled request waited for the server");
    }
}

package dev.aio4j.demo.examples;

import static dev.aio4j.Asyncio.*;

import dev.aio4j.demo.ExampleBase;
import dev.aio4j.http.ClientSession;
import dev.aio4j.resilience.RateLimiter;
import dev.aio4j.resilience.TokenBucket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * 003 §6 "Rate Limiting con Token Bucket": {@code RateLimiter(rate=10, burst=5)} in front of every
 * request — the first five go at once, then one every 0.1 s, so 15 requests take 1 s. The seed's
 * class (a lock, a token count and a refill time) is aio4j's {@link TokenBucket}.
 *
 * <pre>
 * limiter = RateLimiter(rate=10, burst=5)  # 10 req/s, burst de 5
 *
 * async def rate_limited_request(url: str):
 *     await limiter.acquire()
 *     return await httpx.get(url)
 * </pre>
 *
 * <p>The seed prints nothing; this port prints each request as it is let through (always in order:
 * waiters are served first come, first served) and checks the pacing: 15 requests through a bucket
 * of 5 refilled at 10 a second cannot all start before 1 s. {@code --speed} scales the rate (10 × F
 * a second), so the check holds at any speed.
 */
public final class TokenBucketRequests extends ExampleBase {
    public TokenBucketRequests() {
        super("token-bucket", "003 §6 \"Rate Limiting con Token Bucket\" (RateLimiter(rate=10, burst=5) → TokenBucket)");
    }

    private CompletableFuture<Integer> rateLimitedRequest(ClientSession session, RateLimiter limiter, int n, String url) {
        return limiter.acquire()
                .thenCompose(permit -> {
                    out.println("Request " + n + " let through");
                    return session.get(url);
                })
                .thenCompose(response -> using(response, r -> r.text().thenApply(body -> r.status())));
    }

    @Override
    protected void main() {
        double rate = 10 * pace.speed();   // tokens per (real) second: 10 per tutorial second
        String url = serverUrl("/json");
        long start = System.nanoTime();
        List<Integer> statuses = run(() -> using(ClientSession.create(), session -> {
            RateLimiter limiter = new TokenBucket(rate, 5);
            List<CompletableFuture<Integer>> tasks = new ArrayList<>();
            for (int i = 1; i <= 15; i++) {
                tasks.add(rateLimitedRequest(session, limiter, i, url));
            }
            return gather(tasks);
        }));
        double elapsed = pace.tutorialSeconds(System.nanoTime() - start);
        out.println(statuses.size() + " requests, statuses " + statuses.stream().distinct().toList());
        printTime("15 requests in %.2f s", elapsed);
        // 5 at once, then 10 more at 10 a second: the last starts 1.0 s after the first (a little
        // clock rounding aside).
        out.println("Paced to at least 1 s: " + (elapsed >= 0.99));
    }
}

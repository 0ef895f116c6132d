package dev.aio4j.demo.examples;

import static dev.aio4j.Asyncio.*;

import dev.aio4j.demo.ExampleBase;
import dev.aio4j.http.ClientSession;
import dev.aio4j.resilience.RateLimiter;
import dev.aio4j.resilience.SlidingWindow;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * 001 "Limitación de tasa para cumplimiento de cuota de API": at most 5 requests per 2 seconds, 15
 * requests — three windows, at 0, 2 and 4 s. The seed's {@code RateLimiter} (a semaphore plus a list
 * of timestamps) is aio4j's {@link SlidingWindow}; the seed's {@code asyncio.sleep(0.5)} "request" is
 * a real {@code GET /delay/0.5} on the tour's server.
 *
 * <pre>
 * async def fetch_with_rate_limit(rate_limiter, item_id):
 *     async with rate_limiter:
 *         print(f"Fetching item {item_id} at {datetime.now()}")
 *         await asyncio.sleep(0.5)
 *         return f"Item {item_id}"
 * </pre>
 *
 * <p>The seed prints the wall-clock time; here each start time (on the loop's clock, which the limiter
 * uses, counted from the first start) is a {@code time: } line, and the example checks what the limiter
 * promises instead: any 5 consecutive starts span 2 s at least (less the moment between a permit and
 * its callback), so 15 requests take 4 s at least. A few requests first warm client and server up.
 * Permits are granted first come, first served, so items start in order. Deviation: the seed's
 * {@code __aexit__} releases its semaphore after the body, so at most 5 requests also run at once; a
 * sliding window counts starts only (they end within the window here).
 */
public final class RateLimitWindow extends ExampleBase {
    public RateLimitWindow() {
        super("rate-limit-window", "001 \"Limitación de tasa para cumplimiento de cuota de API\" (RateLimiter: 5 per 2 s → SlidingWindow)");
    }

    /** Loop time (the limiter's clock) at which each item got its permit. */
    private final double[] started = new double[15];

    private CompletableFuture<String> fetchWithRateLimit(ClientSession session, RateLimiter limiter, int itemId, String url) {
        return limiter.withPermit(() -> {
            started[itemId] = getRunningLoop().time();
            out.println("Fetching item " + itemId);
            printTime("item %d started at %.2f s", itemId, pace.tutorialSeconds(started[itemId] - started[0]));
            return session.get(url)
                    .thenCompose(response -> using(response, r -> r.text()))
                    .thenApply(body -> "Item " + itemId);
        });
    }

    @Override
    protected void main() {
        String url = serverUrl(HttpPaths.delay(seconds(0.5)));
        List<String> warmUp = Collections.nCopies(5, serverUrl("/delay/0"));
        long start = System.nanoTime();
        List<String> results = run(() -> using(ClientSession.create(), session -> HttpPaths.warmUp(session, warmUp).thenCompose(warm -> {
            RateLimiter limiter = new SlidingWindow(5, seconds(2));   // allow 5 requests per 2 seconds
            List<CompletableFuture<String>> tasks = new ArrayList<>();
            for (int i = 0; i < 15; i++) {
                tasks.add(fetchWithRateLimit(session, limiter, i, url));
            }
            return gather(tasks);
        })));
        out.println("Completed " + results.size() + " requests");
        printTime("in %.2f s", pace.tutorialSeconds(System.nanoTime() - start));
        double shortest = Double.MAX_VALUE;
        for (int i = 0; i + 5 < started.length; i++) {
            shortest = Math.min(shortest, pace.tutorialSeconds(started[i + 5] - started[i]));
        }
        printTime("shortest span of 5 consecutive starts: %.2f s", shortest);
        // A start is taken when its callback runs, a little after the permit: 0.25 s of slack (12.5 ms
        // at speed 20). Without the limiter the span would be about 0.
        out.println("Any 5 consecutive starts span about 2 s or more: " + (shortest >= 1.75));
    }
}

package dev.aio4j.demo.examples;

import static dev.aio4j.Asyncio.*;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aio4j.TimeoutError;
import dev.aio4j.demo.ExampleBase;
import dev.aio4j.http.ClientError;
import dev.aio4j.http.ClientResponse;
import dev.aio4j.http.ClientSession;
import dev.aio4j.http.ClientTimeout;
import dev.aio4j.http.HttpRetry;
import dev.aio4j.http.RequestOptions;
import dev.aio4j.resilience.RetriedResultError;
import dev.aio4j.resilience.Retry;
import dev.aio4j.resilience.RetryError;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * 001 "Ejemplo práctico con manejo de errores y reintentos" (fetch_with_retry): up to three attempts
 * with exponential backoff (1 s, 2 s), a 404 given up at once, a 10 s timeout per attempt, and a
 * count of the URLs that succeeded. The loop of the seed is {@link HttpRetry} (a {@link Retry} preset
 * to retry 429/5xx responses, connection errors and timeouts), and its prints are the retry's
 * {@code onRetry} events.
 *
 * <pre>
 * for attempt in range(max_retries):
 *     try:
 *         async with session.get(url, timeout=aiohttp.ClientTimeout(total=10)) as response:
 *             if response.status == 200: return await response.json()
 *             elif response.status == 404: print(f"URL not found: {url}"); return None
 *             else: print(f"Unexpected status {response.status} for {url}")
 *     except asyncio.TimeoutError: print(f"Timeout on attempt {attempt + 1} for {url}")
 *     except aiohttp.ClientError as e: print(f"Client error on attempt {attempt + 1} for {url}: {e}")
 *     if attempt < max_retries - 1: await asyncio.sleep(2 ** attempt)
 * print(f"Failed to fetch {url} after {max_retries} attempts")
 * </pre>
 *
 * <p>On the tour's server: {@code /users/1} succeeds, {@code /users/999} is a 404, and
 * {@code /site/flaky/KEY?failures=2} answers 503 twice (each after half a second) and then 200 —
 * the seed's list has no URL that recovers, which is what a retry is for. {@code /delay/5} with the
 * timeout cut to 3 s (from 10: the tour must be quick) times out on every attempt. At the tutorial's
 * pace the lines fall at 0, 0.5, 2, 3, 7 and 12 s, half a second apart at least, so their order is
 * fixed. At high {@code --speed} the timeout is kept at 1.5 s of real time at least (a request to a
 * busy machine must not time out by accident), the server's delay at twice the timeout, and the
 * flaky URL's half second at 0.2 s at least: the lines keep their order. One request per route warms
 * client and server up unseen, so the printed ones are not slowed by class loading.
 */
public final class FetchWithRetry extends ExampleBase {
    private static final int MAX_RETRIES = 3;

    public FetchWithRetry() {
        super("fetch-with-retry", "001 \"Ejemplo práctico con manejo de errores y reintentos\" (fetch_with_retry, HttpRetry)");
    }

    /** What one attempt's failure prints, as the seed's except clauses do. */
    private void report(String url, int attempt, Throwable cause) {
        if (cause instanceof RetriedResultError retried && retried.result() instanceof ClientResponse response) {
            out.println("Unexpected status " + response.status() + " for " + url);
        } else if (cause instanceof TimeoutError) {
            out.println("Timeout on attempt " + attempt + " for " + url);
        } else if (cause instanceof ClientError) {
            out.println("Client error on attempt " + attempt + " for " + url + ": " + cause.getMessage());
        }
    }

    /** The per-attempt timeout: the tutorial's (shortened) 3 s, at least 1.5 s of real time. */
    private Duration timeout() {
        return Collections.max(List.of(seconds(3), Duration.ofMillis(1500)));
    }

    private CompletableFuture<JsonNode> fetchWithRetry(ClientSession session, String label, String url) {
        Retry<ClientResponse> retry = HttpRetry.builder()
                .maxAttempts(MAX_RETRIES)
                .backoff(seconds(1), 2.0, seconds(30))   // sleep(2 ** attempt): 1 s, then 2 s
                .onRetry(event -> report(label, event.attempt(), event.cause()))
                .build();
        RequestOptions options = RequestOptions.create().timeout(ClientTimeout.ofTotal(timeout()));
        return retry.call(() -> session.get(url, options))
                .thenCompose(response -> using(response, r -> {
                    if (r.status() == 200) {
                        return r.json();
                    }
                    out.println(r.status() == 404 ? "URL not found: " + label : "Unexpected status " + r.status() + " for " + label);
                    return CompletableFuture.<JsonNode>completedFuture(null);
                }))
                .exceptionally(error -> {
                    if (unwrap(error) instanceof RetryError gaveUp) {
                        List<Throwable> attempts = gaveUp.attempts();
                        report(label, attempts.size(), attempts.get(attempts.size() - 1));
                        out.println("Failed to fetch " + label + " after " + MAX_RETRIES + " attempts");
                        return null;
                    }
                    throw error instanceof CompletionException ce ? ce : new CompletionException(error);
                });
    }

    @Override
    protected void main() {
        long flakyDelayMs = Math.max(HttpPaths.millis(seconds(0.5)), 200);
        String flaky = "/site/flaky/" + UUID.randomUUID() + "?failures=2&delayMs=" + flakyDelayMs;
        Duration slow = Collections.min(List.of(Collections.max(List.of(seconds(5), timeout().multipliedBy(2))), Duration.ofSeconds(10)));
        List<String> labels = List.of("/users/1", "/users/999", "/site/flaky/KEY?failures=2", "/delay/5");
        List<String> urls = List.of(serverUrl("/users/1"), serverUrl("/users/999"), serverUrl(flaky), serverUrl(HttpPaths.delay(slow)));
        List<JsonNode> results = run(() -> using(ClientSession.create(), session -> HttpPaths.warmUp(session, List.of(serverUrl("/users/1"), serverUrl("/users/999"),
                serverUrl("/site/flaky/warm-up-" + UUID.randomUUID() + "?failures=1"), serverUrl("/delay/0"))).thenCompose(warm -> {
            List<CompletableFuture<JsonNode>> tasks = new ArrayList<>();
            for (int i = 0; i < urls.size(); i++) {
                tasks.add(fetchWithRetry(session, labels.get(i), urls.get(i)));
            }
            return gather(tasks);
        })));
        long successful = results.stream().filter(Objects::nonNull).count();
        out.println();
        out.println("Successfully fetched " + successful + "/" + urls.size() + " URLs");
        JsonNode user = results.get(0);
        JsonNode flakyAnswer = results.get(2);
        out.println("/users/1 is " + (user == null ? "missing" : user.get("name").asText())
                + "; the flaky URL answered on attempt " + (flakyAnswer == null ? "none" : flakyAnswer.get("attempt").asText()));
    }
}

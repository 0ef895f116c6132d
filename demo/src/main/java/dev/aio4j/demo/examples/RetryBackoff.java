package dev.aio4j.demo.examples;

import static dev.aio4j.Asyncio.*;

import dev.aio4j.demo.ExampleBase;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Retry with exponential backoff, written inline with {@code sleep} (aio4j has no retry helper yet).
 *
 * <p>Seed bug: 000's {@code retry_with_backoff(coro, ...)} awaits the same coroutine object on every
 * attempt, which Python refuses the second time ("cannot reuse already awaited coroutine"). Like 003's
 * decorator, this takes the operation itself — a {@code Supplier} of a fresh stage per attempt.
 * A cancellation is never retried.
 */
public final class RetryBackoff extends ExampleBase {
    public RetryBackoff() {
        super("retry-backoff", "000 \"Error handling robusto\" (retry_with_backoff) + 003 §10 \"Async Retry con Backoff\" (async_retry)");
    }

    /**
     * Retries {@code operation} up to {@code maxRetries} times, sleeping {@code baseDelay * 2^attempt}
     * (times a factor in [0.5, 1.5) with {@code jitter}) between attempts; fails with the last error.
     */
    private <T> CompletableFuture<T> retryWithBackoff(
            Supplier<? extends CompletionStage<T>> operation, int maxRetries, double baseDelay, Random jitter) {
        return attempt(operation, 0, maxRetries, baseDelay, jitter);
    }

    private <T> CompletableFuture<T> attempt(
            Supplier<? extends CompletionStage<T>> operation, int attempt, int maxRetries, double baseDelay, Random jitter) {
        return operation.get().toCompletableFuture().exceptionallyCompose(error -> {
            rethrowIfCancelled(error);
            Throwable cause = unwrap(error);
            if (attempt == maxRetries) {
                out.println("Attempt " + (attempt + 1) + " failed (" + cause.getMessage() + "); giving up");
                return CompletableFuture.failedFuture(cause);
            }
            double delay = baseDelay * Math.pow(2, attempt);
            if (jitter != null) {
                delay *= 0.5 + jitter.nextDouble();
            }
            out.printf(java.util.Locale.ROOT, "Attempt %d failed (%s); retrying in %.2f s%n", attempt + 1, cause.getMessage(), delay);
            return sleep(seconds(delay)).thenCompose(v -> attempt(operation, attempt + 1, maxRetries, baseDelay, jitter));
        });
    }

    /** Fails {@code failures} times with a 503, then answers. */
    private Supplier<CompletableFuture<String>> flakyApi(int failures) {
        AtomicInteger calls = new AtomicInteger();
        return () -> sleep(seconds(0.1)).thenApply(v -> {
            int call = calls.incrementAndGet();
            if (call <= failures) {
                throw new IllegalStateException("503 Service Unavailable");
            }
            return "{\"status\": \"ok\", \"calls\": " + call + "}";
        });
    }

    @Override
    protected void main() {
        // 000: max_retries=3, base_delay=1 -> waits 1 s, 2 s.
        String result = run(() -> retryWithBackoff(flakyApi(2), 3, 1.0, null));
        out.println("Result: " + result);
        // 003: max_attempts=3 (2 retries), base_delay=0.5, jitter (seeded, so the output is repeatable).
        try {
            run(() -> retryWithBackoff(flakyApi(5), 2, 0.5, new Random(42)));
        } catch (IllegalStateException e) {
            out.println("Gave up: " + e.getMessage());
        }
    }
}

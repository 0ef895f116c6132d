package dev.aio4j.demo.examples;

import static dev.aio4j.Asyncio.*;

import dev.aio4j.TimeoutError;
import dev.aio4j.demo.ExampleBase;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;

/**
 * {@code async with asyncio.timeout(d)}: the body is cancelled, its cleanup runs, then
 * {@code TimeoutError} — never a bare cancellation (DESIGN.md, decision 5). The deadline can move.
 */
public final class Timeouts extends ExampleBase {
    public Timeouts() {
        super("timeout", "002 \"Timeouts\" (main_timeout) + 003 §5 \"asyncio.timeout\" (fetch_with_timeout)");
    }

    private CompletableFuture<Map<String, String>> slowExternalApi() {
        return sleep(seconds(10), Map.of("data", "ok")).whenComplete((v, error) -> {
            if (unwrap(error) instanceof CancellationException) {
                out.println("slow_external_api: cancelled, cleaning up");
            }
        });
    }

    private CompletableFuture<Map<String, String>> fetchWithTimeout() {
        return timeout(seconds(5), this::slowExternalApi).exceptionally(error -> {
            // The timeout's own future fails with TimeoutError itself, not wrapped.
            if (error instanceof TimeoutError) {
                return Map.of("error", "Request timed out");
            }
            throw new IllegalStateException(error);
        });
    }

    @Override
    protected void main() {
        try {
            run(() -> timeout(seconds(2), () -> sleep(seconds(10))));
        } catch (TimeoutError e) {
            out.println("Operation timed out!");
        }
        // 003: fetch_with_timeout returns an error value instead.
        out.println(run(this::fetchWithTimeout));
        // Not in the seeds: the scope's handle moves the deadline (asyncio.Timeout.reschedule).
        String late = run(() -> timeout(seconds(1), t -> {
            t.reschedule(t.when() + pace.loopSeconds(4));   // deadline now at 5 s
            return sleep(seconds(2)).thenApply(v -> "finished after the first deadline; expired: " + t.expired());
        }));
        out.println(late);
    }
}

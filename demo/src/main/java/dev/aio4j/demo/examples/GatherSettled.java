package dev.aio4j.demo.examples;

import static dev.aio4j.Asyncio.*;

import dev.aio4j.Outcome;
import dev.aio4j.demo.ExampleBase;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

/**
 * Errors in concurrent work, three ways: try/except around one await, a wrapper that turns errors
 * into values, and {@code gather(..., return_exceptions=True)} — {@code gatherSettled} in aio4j, typed
 * as {@link Outcome}s.
 */
public final class GatherSettled extends ExampleBase {
    public GatherSettled() {
        super("gather-settled", "001 \"Manejo de Errores en Código Async\" (risky_operation, safe_operation, return_exceptions=True)");
    }

    /** The wrapper's result: Python's {@code {"success": ..., "result"/"error": ...}} dict. */
    private record SafeResult(boolean success, int itemId, String result, String error) {}

    private CompletableFuture<String> riskyOperation(int itemId) {
        return sleep(seconds(1)).thenApply(v -> {
            if (itemId % 2 == 0) {
                throw new IllegalArgumentException("Item " + itemId + " caused an error");
            }
            return "Item " + itemId + " processed";
        });
    }

    private CompletableFuture<SafeResult> safeOperation(int itemId) {
        // handle() on a thenApply stage sees a CompletionException: unwrap it to get the ValueError.
        return riskyOperation(itemId).handle((result, error) -> error == null
                ? new SafeResult(true, itemId, result, null)
                : new SafeResult(false, itemId, null, unwrap(error).getMessage()));
    }

    @Override
    protected void main() {
        // handle_with_try_except(): the failure reaches the caller of run() as itself.
        try {
            out.println(run(() -> riskyOperation(2)));
        } catch (IllegalArgumentException e) {
            out.println("Error caught: " + e.getMessage());
        }
        // safe_operation(): errors become values.
        List<SafeResult> safe = run(() -> gather(IntStream.range(0, 5)
                .mapToObj(this::safeOperation)
                .toList()));
        for (SafeResult result : safe) {
            if (result.success()) {
                out.println("Success: " + result.result());
            } else {
                out.println("Failed: Item " + result.itemId() + " - " + result.error());
            }
        }
        // gather(*tasks, return_exceptions=True)
        List<Outcome<String>> results = run(() -> gatherSettled(IntStream.range(0, 5)
                .mapToObj(this::riskyOperation)
                .toList()));
        for (int i = 0; i < results.size(); i++) {
            Outcome<String> result = results.get(i);
            if (result.isSuccess()) {
                out.println("Task " + i + " succeeded: " + result.value());
            } else {
                out.println("Task " + i + " failed: " + result.exception().getMessage());
            }
        }
    }
}

package dev.aio4j.demo.examples;

import static dev.aio4j.Asyncio.*;

import dev.aio4j.Outcome;
import dev.aio4j.Task;
import dev.aio4j.demo.ExampleBase;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * gather and errors: by default the first failure fails the gather; with {@code return_exceptions=True}
 * ({@code gatherSettled}) every outcome comes back.
 *
 * <p>The seed says gather "raises that exception immediately and cancels the remaining tasks". That is
 * not what CPython does — its gather leaves {@code successful_task} running — but it is what aio4j
 * does (DESIGN.md, decision 3: gather cancels the rest on the first failure and waits for their
 * cleanup), so the seed's comment "The successful_task is cancelled" holds here, and this port prints it.
 */
public final class GatherErrors extends ExampleBase {
    public GatherErrors() {
        super("gather-errors", "001 \"Manejo de Errores con gather()\" (failing_task, return_exceptions=True)");
    }

    // ValueError -> IllegalArgumentException
    private CompletableFuture<String> failingTask() {
        return sleep(seconds(1)).thenApply(v -> {
            throw new IllegalArgumentException("Task failed!");
        });
    }

    private CompletableFuture<String> successfulTask() {
        return sleep(seconds(2), "success");
    }

    @Override
    protected void main() {
        run(() -> {
            Task<String> failing = createTask(this::failingTask, "failing_task");
            Task<String> successful = createTask(this::successfulTask, "successful_task");
            // handle() on the gather itself sees the exception as itself (no CompletionException).
            return gather(failing, successful).handle((results, error) -> {
                if (error instanceof IllegalArgumentException e) {
                    out.println("Error caught: " + e.getMessage());
                    out.println("successful_task cancelled: " + successful.cancelled());
                }
                return results;
            });
        });
        // return_exceptions=True
        List<Outcome<String>> results = run(() -> gatherSettled(failingTask(), successfulTask()));
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

package dev.aio4j.demo.examples;

import static dev.aio4j.Asyncio.*;

import dev.aio4j.Task;
import dev.aio4j.demo.ExampleBase;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;

/**
 * {@code task.cancel()}: the task sees the cancellation at its next await, runs its cleanup, and
 * ends cancelled.
 *
 * <p>Java: the {@code while True: await sleep(1)} loop is a recursive {@code thenCompose} chain; every
 * sleep in it belongs to the task (DESIGN.md, decision 7), so cancelling the task stops the chain. The
 * {@code except CancelledError: cleanup; raise} is a {@code whenComplete}, which passes the
 * cancellation on by itself. Never swallow a cancellation in {@code exceptionally}; see
 * {@code Asyncio.rethrowIfCancelled}.
 */
public final class Cancellation extends ExampleBase {
    public Cancellation() {
        super("cancellation", "003 §5 \"Cancelación Manual\" (long_running_task) + 001 \"No manejar cancelación\" (try/finally)");
    }

    private CompletableFuture<Void> workForever() {
        return sleep(seconds(1)).thenCompose(v -> {
            out.println("Working...");
            return workForever();
        });
    }

    private CompletableFuture<Void> longRunningTask() {
        return workForever().whenComplete((v, error) -> {
            if (unwrap(error) instanceof CancellationException) {
                out.println("Task cancelled, cleaning up...");
            }
        });
    }

    // 001: "resource = await acquire_resource(); try: await long_operation() finally: await release_resource(resource)"
    private CompletableFuture<Void> properCleanup() {
        return sleep(seconds(0.1), "db-connection").thenCompose(resource -> {
            out.println("acquired " + resource);
            return sleep(seconds(10)).whenComplete((v, error) -> out.println("released " + resource));
        });
    }

    @Override
    protected void main() {
        run(() -> {
            Task<Void> task = createTask(this::longRunningTask);
            return sleep(seconds(3)).thenCompose(v -> {
                task.cancel();
                return task.handle((result, error) -> {
                    if (error instanceof CancellationException) {
                        out.println("Task was cancelled");
                    }
                    return null;
                });
            });
        });
        // 001: try/finally around the awaited operation.
        run(() -> {
            Task<Void> task = createTask(this::properCleanup, "proper_cleanup");
            return sleep(seconds(1)).thenCompose(v -> {
                task.cancel();
                return task.handle((result, error) -> {
                    out.println("proper_cleanup cancelled: " + task.cancelled());
                    return null;
                });
            });
        });
    }
}

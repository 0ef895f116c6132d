package dev.aio4j.demo.examples;

import static dev.aio4j.Asyncio.*;

import dev.aio4j.Asyncio;
import dev.aio4j.ReturnWhen;
import dev.aio4j.Task;
import dev.aio4j.WaitResult;
import dev.aio4j.demo.ExampleBase;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * {@code asyncio.wait}: ALL_COMPLETED, then FIRST_COMPLETED and cancelling the rest.
 *
 * <p>Java note: {@code wait} must be written {@code Asyncio.wait}: every class inherits
 * {@code Object.wait()}, which hides a statically imported {@code wait}.
 *
 * <p>Difference from Python: {@code done} and {@code pending} keep the input order (Python returns
 * sets, printed in arbitrary order).
 */
public final class WaitFirstCompleted extends ExampleBase {
    public WaitFirstCompleted() {
        super("wait-first-completed", "001 \"asyncio.wait()\" (ALL_COMPLETED, FIRST_COMPLETED)");
    }

    private CompletableFuture<String> task(double delay, String name) {
        return sleep(seconds(delay), name + " completed");
    }

    @Override
    protected void main() {
        run(() -> {
            List<Task<String>> tasks = List.of(
                    createTask(() -> task(1, "Task 1")),
                    createTask(() -> task(2, "Task 2")),
                    createTask(() -> task(3, "Task 3")));
            return Asyncio.wait(tasks, ReturnWhen.ALL_COMPLETED).thenAccept(result -> {
                for (Task<String> task : result.done()) {
                    out.println(task.result());
                }
            });
        });
        // FIRST_COMPLETED, then cancel the rest.
        run(() -> {
            List<Task<String>> tasks = List.of(
                    createTask(() -> task(1, "Fast"), "Fast"),
                    createTask(() -> task(3, "Slow"), "Slow"),
                    createTask(() -> task(2, "Medium"), "Medium"));
            return Asyncio.wait(tasks, ReturnWhen.FIRST_COMPLETED).thenCompose(result -> {
                out.println("First completed: " + result.done().iterator().next().result());
                out.println("Still pending: " + result.pending().size() + " tasks");
                for (Task<String> task : result.pending()) {
                    task.cancel();
                }
                // Not in the seed: wait for the cancelled ones, to show they are done and cancelled.
                return Asyncio.wait(result.pending());
            }).thenAccept((WaitResult<Task<String>> cancelled) -> {
                for (Task<String> task : cancelled.done()) {
                    out.println(task.getName() + " cancelled: " + task.cancelled());
                }
            });
        });
    }
}

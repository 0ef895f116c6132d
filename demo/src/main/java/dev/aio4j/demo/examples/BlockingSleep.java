package dev.aio4j.demo.examples;

import static dev.aio4j.Asyncio.*;

import dev.aio4j.demo.ExampleBase;
import java.util.concurrent.CompletableFuture;

/**
 * {@code time.sleep} vs {@code asyncio.sleep}: a blocking sleep on the loop thread stops every task;
 * a non-blocking one pauses only its own. Third part (not in the seed, its advice put to work): the
 * same blocking call moved off the loop with {@code toThread} no longer blocks anything.
 */
public final class BlockingSleep extends ExampleBase {
    public BlockingSleep() {
        super("blocking-sleep", "001 \"asyncio.sleep() vs time.sleep()\" (+ the blocking call via to_thread)");
    }

    private CompletableFuture<Void> blockingExample() {
        out.println("Starting blocking sleep");
        try {
            pace.sleepBlocking(2);   // WRONG: blocks the loop thread, so every task waits
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        out.println("Finished blocking sleep");
        return CompletableFuture.completedFuture(null);
    }

    private CompletableFuture<Void> nonBlockingExample() {
        out.println("Starting non-blocking sleep");
        return sleep(seconds(2)).thenRun(() -> out.println("Finished non-blocking sleep"));
    }

    private CompletableFuture<Void> toThreadExample() {
        out.println("Starting blocking sleep in a worker thread");
        // Callable, not Runnable: toThread's Runnable overload cannot throw InterruptedException.
        return toThread(() -> {
            pace.sleepBlocking(2);
            return null;
        }).thenRun(() -> out.println("Finished blocking sleep in a worker thread"));
    }

    private CompletableFuture<Void> concurrentTask() {
        return concurrentTask(0);
    }

    private CompletableFuture<Void> concurrentTask(int i) {
        if (i == 3) {
            return CompletableFuture.completedFuture(null);
        }
        out.println("Concurrent task running: " + i);
        return sleep(seconds(0.5)).thenCompose(v -> concurrentTask(i + 1));
    }

    @Override
    protected void main() {
        out.println();
        out.println("=== Blocking example (BAD) ===");
        run(() -> gather(blockingExample(), concurrentTask()));
        out.println();
        out.println("=== Non-blocking example (GOOD) ===");
        run(() -> gather(nonBlockingExample(), concurrentTask()));
        out.println();
        out.println("=== Blocking call in a thread (GOOD) ===");
        run(() -> gather(toThreadExample(), concurrentTask()));
    }
}

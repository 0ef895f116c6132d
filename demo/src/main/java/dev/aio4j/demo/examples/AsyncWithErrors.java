package dev.aio4j.demo.examples;

import static dev.aio4j.Asyncio.*;

import dev.aio4j.AsyncCloseable;
import dev.aio4j.demo.ExampleBase;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Cleanup with an async context manager: the body fails, {@code __aexit__} still runs, sees the
 * exception, and lets it propagate ({@code return False}); then the caller catches it.
 *
 * <pre>
 * class AsyncResource:
 *     async def __aexit__(self, exc_type, exc_val, exc_tb):
 *         print("Cleaning up resource")
 *         await asyncio.sleep(0.5)
 *         if exc_type is not None:
 *             print(f"Exception during resource use: {exc_val}")
 *         return False                 # propagate the exception
 *     async def do_work(self):
 *         await asyncio.sleep(1)
 *         raise ValueError("Something went wrong")
 *
 * try:
 *     async with AsyncResource() as resource:
 *         await resource.do_work()
 * except ValueError as e:
 *     print(f"Caught error: {e}")
 * </pre>
 *
 * <p>Java: {@code __aexit__} is {@link AsyncCloseable#aexit(Throwable)} (the failure, or null); its
 * {@code true} would suppress the failure, {@code false} propagates it. {@code ValueError} is
 * {@code IllegalArgumentException}. Not in the seed: a second run in which the resource's body is
 * cancelled; the cleanup runs all the same, and cannot suppress a cancellation.
 */
public final class AsyncWithErrors extends ExampleBase {
    public AsyncWithErrors() {
        super("async-with-errors", "001 \"Limpieza con gestores de contexto async\" (AsyncResource, __aexit__ sees the error)");
    }

    final class AsyncResource implements AsyncCloseable {
        CompletableFuture<AsyncResource> open() {
            out.println("Acquiring resource");
            return sleep(seconds(0.5), this);
        }

        @Override
        public CompletionStage<Boolean> aexit(Throwable failure) {
            out.println("Cleaning up resource");
            return sleep(seconds(0.5)).thenApply(v -> {
                if (failure != null) {
                    out.println("Exception during resource use: " + describe(failure));
                }
                return false;   // propagate the exception
            });
        }

        @Override
        public CompletionStage<Void> aclose() {
            return aexit(null).thenApply(suppressed -> null);
        }

        CompletableFuture<Void> doWork() {
            return sleep(seconds(1)).thenRun(() -> {
                throw new IllegalArgumentException("Something went wrong");
            });
        }
    }

    private static String describe(Throwable failure) {
        Throwable e = unwrap(failure);
        return e instanceof java.util.concurrent.CancellationException ? "cancelled" : e.getMessage();
    }

    @Override
    protected void main() {
        try {
            run(() -> new AsyncResource().open().thenCompose(resource -> using(resource, AsyncResource::doWork)));
        } catch (IllegalArgumentException e) {
            out.println("Caught error: " + e.getMessage());
        }
        // Not in the seed: cancel the task while the body runs.
        run(() -> {
            var task = createTask(() -> new AsyncResource().open().thenCompose(resource -> using(resource, AsyncResource::doWork)));
            return sleep(seconds(1)).thenCompose(v -> {
                task.cancel();
                return task.handle((value, error) -> {
                    out.println("Task cancelled: " + task.cancelled());
                    return null;
                });
            });
        });
    }
}

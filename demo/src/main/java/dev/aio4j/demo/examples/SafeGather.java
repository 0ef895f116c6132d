package dev.aio4j.demo.examples;

import static dev.aio4j.Asyncio.*;

import dev.aio4j.Outcome;
import dev.aio4j.Task;
import dev.aio4j.demo.ExampleBase;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * {@code safe_gather}: a gather that separates the successful results from the errors.
 *
 * <p>The seed tests {@code isinstance(r, Exception)}; since Python 3.8 a cancelled awaitable's
 * {@code CancelledError} is not an {@code Exception}, so the seed files cancellations under
 * "successes". With typed {@link Outcome}s that mistake cannot happen: a cancellation is not a value.
 */
public final class SafeGather extends ExampleBase {
    public SafeGather() {
        super("safe-gather", "000 \"Error handling robusto\" (safe_gather)");
    }

    /** Python's {@code (successes, errors)} tuple. */
    public record Results<T>(List<T> successes, List<Throwable> errors) {}

    /** Never fails because an input failed; cancelling it cancels every input. */
    public static <T> CompletableFuture<Results<T>> safeGather(List<? extends CompletionStage<? extends T>> stages) {
        return gatherSettled(stages).thenApply(outcomes -> {
            List<T> successes = new ArrayList<>();
            List<Throwable> errors = new ArrayList<>();
            for (Outcome<? extends T> outcome : outcomes) {
                if (outcome.isSuccess()) {
                    successes.add(outcome.value());
                } else {
                    errors.add(outcome.exception());
                }
            }
            return new Results<>(successes, errors);
        });
    }

    private CompletableFuture<String> fetchUser(int id) {
        return sleep(seconds(1)).thenApply(v -> {
            if (id == 2) {
                throw new IllegalArgumentException("user " + id + " not found");
            }
            return "user " + id;
        });
    }

    @Override
    protected void main() {
        Results<String> results = run(() -> {
            Task<String> superseded = createTask(() -> fetchUser(4), "fetch_user_4");
            superseded.cancel("superseded by a newer request");
            return safeGather(List.of(fetchUser(1), fetchUser(2), fetchUser(3), superseded));
        });
        out.println("Successes: " + results.successes());
        for (Throwable error : results.errors()) {
            out.println("Error: " + error.getClass().getSimpleName() + ": " + error.getMessage());
        }
    }
}

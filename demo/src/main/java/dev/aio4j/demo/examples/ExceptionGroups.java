package dev.aio4j.demo.examples;

import static dev.aio4j.Asyncio.*;

import dev.aio4j.ExceptionGroup;
import dev.aio4j.demo.ExampleBase;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;

/**
 * A failing TaskGroup raises one {@link ExceptionGroup}; Java has no {@code except*}, so
 * {@code split(Type)} takes each branch's share and hands on the rest.
 *
 * <p>ValueError is {@code IllegalArgumentException} here and TypeError {@code ClassCastException}.
 * The seed does not show {@code might_fail_1..3}. In asyncio and in aio4j alike, the first failure
 * cancels the other tasks, so a second exception appears only when a task fails while it is being
 * cancelled — here {@code might_fail_2}'s cleanup fails — and {@code might_fail_3} is simply cancelled.
 *
 * <p>The task whose cleanup fails ends with that failure, not cancelled, as in asyncio, so the
 * group holds both: "(2 sub-exceptions)".
 */
public final class ExceptionGroups extends ExampleBase {
    public ExceptionGroups() {
        super("exception-group", "003 §4 \"Manejo de ExceptionGroup\" (except* ValueError / except* TypeError)");
    }

    private CompletableFuture<Void> mightFail1() {
        return sleep(seconds(0.1)).thenRun(() -> {
            throw new IllegalArgumentException("invalid literal for int() with base 10: 'abc'");
        });
    }

    private CompletableFuture<Void> mightFail2() {
        return sleep(seconds(10)).handle((v, error) -> {
            if (unwrap(error) instanceof CancellationException) {
                throw new ClassCastException("cleanup expected str, got NoneType");
            }
            return v;
        });
    }

    private CompletableFuture<Void> mightFail3() {
        return sleep(seconds(10)).whenComplete((v, error) -> {
            if (unwrap(error) instanceof CancellationException) {
                out.println("might_fail_3: cancelled, cleaned up");
            }
        });
    }

    @Override
    protected void main() {
        try {
            run(() -> taskGroup(tg -> {
                tg.createTask(this::mightFail1, "might_fail_1");
                tg.createTask(this::mightFail2, "might_fail_2");
                tg.createTask(this::mightFail3, "might_fail_3");
                return null;
            }));
        } catch (ExceptionGroup eg) {
            out.println("Caught: " + eg.getMessage());
            // except* ValueError as eg:
            ExceptionGroup.Split valueErrors = eg.split(IllegalArgumentException.class);
            if (valueErrors.match() != null) {
                for (Throwable exc : valueErrors.match().exceptions()) {
                    out.println("ValueError: " + exc.getMessage());
                }
            }
            // except* TypeError as eg:  (on what the first branch did not take)
            ExceptionGroup rest = valueErrors.rest();
            if (rest != null) {
                ExceptionGroup.Split typeErrors = rest.split(ClassCastException.class);
                if (typeErrors.match() != null) {
                    for (Throwable exc : typeErrors.match().exceptions()) {
                        out.println("TypeError: " + exc.getMessage());
                    }
                }
                rest = typeErrors.rest();
            }
            // What no branch matched propagates, as with except*.
            if (rest != null) {
                throw rest;
            }
            // subgroup: only the matching part, or null when nothing matches.
            out.println("subgroup(IllegalArgumentException): " + eg.subgroup(IllegalArgumentException.class).exceptions().size());
            out.println("subgroup(ArithmeticException): " + eg.subgroup(ArithmeticException.class));
        }
    }
}

package dev.aio4j.demo.examples;

import static dev.aio4j.Asyncio.*;

import dev.aio4j.demo.ExampleBase;
import java.util.concurrent.CompletableFuture;

/**
 * try/except around an await. aio4j's errors surface as themselves (DESIGN.md, decision 6):
 * {@code run} throws the task's exception, not an {@code ExecutionException}.
 *
 * <p>Java trap shown in the second half: a stage <em>derived</em> with {@code thenApply}/{@code thenRun}
 * hands its dependents a {@code CompletionException} around the real error — that is the JDK, not
 * aio4j; unwrap it, or attach the handler to the aio4j future itself.
 */
public final class Errors extends ExampleBase {
    public Errors() {
        super("errors", "004 §5.9.5 \"Manejar Excepciones\" (faulty_task)");
    }

    private CompletableFuture<Void> faultyTask() {
        return sleep(seconds(1)).thenRun(() -> {
            throw new IllegalArgumentException("¡Ocurrió un error!");
        });
    }

    @Override
    protected void main() {
        try {
            run(this::faultyTask);
        } catch (IllegalArgumentException e) {
            out.println("Excepción capturada: " + e.getMessage());
        }
        // The same try/except inside the loop, in CompletableFuture style.
        run(() -> faultyTask().exceptionally(error -> {
            out.println("exceptionally sees: " + error.getClass().getSimpleName());
            if (unwrap(error) instanceof IllegalArgumentException e) {
                out.println("Excepción capturada: " + e.getMessage());
            }
            return null;
        }));
    }
}

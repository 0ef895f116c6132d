package dev.aio4j.demo.examples;

import static dev.aio4j.Asyncio.*;

import dev.aio4j.TimeoutError;
import dev.aio4j.demo.ExampleBase;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;

/**
 * {@code asyncio.wait_for(coro, timeout)}: after the timeout the work is cancelled, its cleanup runs,
 * and only then does {@code TimeoutError} reach the caller.
 *
 * <p>Java note: pass the work as a supplier ({@code waitFor(this::longTask, ...)}), as Python passes the
 * coroutine; a stage created before the call ({@code waitFor(longTask(), ...)}) is only the tail of the
 * chain, and the sleep under it would not be cancelled by the timeout.
 */
public final class WaitFor extends ExampleBase {
    public WaitFor() {
        super("wait-for", "004 §5.9.6 \"Gestionar el Tiempo de Ejecución\" (wait_for) + 003 §5 (wait_for legacy)");
    }

    private CompletableFuture<Void> longTask() {
        return sleep(seconds(5))
                .thenRun(() -> out.println("Tarea larga completada"))
                .whenComplete((v, error) -> {
                    if (unwrap(error) instanceof CancellationException) {
                        out.println("long_task: cancelada, limpieza hecha");
                    }
                });
    }

    @Override
    protected void main() {
        run(() -> waitFor(this::longTask, seconds(3)).exceptionally(error -> {
            if (error instanceof TimeoutError) {
                out.println("La tarea excedió el límite de tiempo y fue cancelada");
                return null;
            }
            throw new IllegalStateException(error);
        }));
        // In time: the result passes through.
        out.println(run(() -> waitFor(() -> sleep(seconds(1), "a tiempo"), seconds(3))));
    }
}

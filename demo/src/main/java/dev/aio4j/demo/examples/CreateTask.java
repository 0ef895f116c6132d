package dev.aio4j.demo.examples;

import static dev.aio4j.Asyncio.*;

import dev.aio4j.Task;
import dev.aio4j.demo.ExampleBase;
import java.util.concurrent.CompletableFuture;

/** {@code asyncio.create_task}: two tasks start at once and are awaited one after the other. */
public final class CreateTask extends ExampleBase {
    public CreateTask() {
        super("create-task", "004 §5.3.2 \"Creando una Tarea\" (say_after)");
    }

    private CompletableFuture<Void> sayAfter(double delay, String message) {
        return sleep(seconds(delay)).thenRun(() -> out.println(message));
    }

    @Override
    protected void main() {
        run(() -> {
            Task<Void> task1 = createTask(() -> sayAfter(1, "Tarea 1 completada"));
            Task<Void> task2 = createTask(() -> sayAfter(2, "Tarea 2 completada"));
            out.println("Tareas creadas");
            // await task1; await task2
            return task1.thenCompose(v -> task2).thenRun(() -> out.println("Todas las tareas completadas"));
        });
    }
}

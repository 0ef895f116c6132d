package dev.aio4j.demo.examples;

import static dev.aio4j.Asyncio.*;

import dev.aio4j.Task;
import dev.aio4j.demo.ExampleBase;
import java.util.concurrent.CompletableFuture;

/**
 * A task runs "in the background" as soon as the creating code yields to the loop; like
 * {@code asyncio.create_task}, {@code createTask} schedules the body for the next loop iteration.
 */
public final class BackgroundTask extends ExampleBase {
    public BackgroundTask() {
        super("background-task", "001 \"Tareas\" (background_work; salida: Task created, doing other work ...)");
    }

    private CompletableFuture<Void> backgroundWork() {
        out.println("Starting background work");
        return sleep(seconds(2)).thenRun(() -> out.println("Background work completed"));
    }

    @Override
    protected void main() {
        run(() -> {
            Task<Void> task = createTask(this::backgroundWork);
            out.println("Task created, doing other work");
            return sleep(seconds(1))
                    .thenRun(() -> out.println("Other work done"))
                    .thenCompose(v -> task);
        });
    }
}

package dev.aio4j.demo.examples;

import static dev.aio4j.Asyncio.*;

import dev.aio4j.demo.ExampleBase;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** {@code asyncio.gather}: results in input order, whatever order the work finishes in. */
public final class GatherOrder extends ExampleBase {
    public GatherOrder() {
        super("gather-order", "001 \"asyncio.gather()\" (orden preservado; gather dinámico) + 004 §5.3.2 \"asyncio.gather\"");
    }

    private <T> CompletableFuture<T> taskWithDelay(double delay, T value) {
        return sleep(seconds(delay), value);
    }

    private CompletableFuture<Integer> processItem(int item) {
        return sleep(seconds(1)).thenApply(v -> item * 2);
    }

    private CompletableFuture<Void> task1() {
        return sleep(seconds(1)).thenRun(() -> out.println("Tarea 1 completada"));
    }

    private CompletableFuture<Void> task2() {
        return sleep(seconds(2)).thenRun(() -> out.println("Tarea 2 completada"));
    }

    @Override
    protected void main() {
        List<String> results = run(() -> gather(
                taskWithDelay(3, "slow"),
                taskWithDelay(1, "fast"),
                taskWithDelay(2, "medium")));
        out.println(results);
        // gather(*[process_item(item) for item in items])
        List<Integer> doubled = run(() -> {
            List<CompletableFuture<Integer>> work = List.of(1, 2, 3, 4, 5).stream().map(this::processItem).toList();
            return gather(work);
        });
        out.println(doubled);
        // 004 §5.3.2
        run(() -> gather(task1(), task2()).thenRun(() -> out.println("Todas las tareas completadas")));
    }
}

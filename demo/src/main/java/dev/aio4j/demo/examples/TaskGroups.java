package dev.aio4j.demo.examples;

import static dev.aio4j.Asyncio.*;

import dev.aio4j.Task;
import dev.aio4j.demo.ExampleBase;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * {@code async with asyncio.TaskGroup() as tg}: every task is done when the group is; results are read
 * with {@code task.result()} afterwards.
 */
public final class TaskGroups extends ExampleBase {
    public TaskGroups() {
        super("task-group", "000 \"Task Groups (Python 3.11+)\" + 002 \"Tasks y TaskGroups\" (process_item)");
    }

    private CompletableFuture<String> fetchUserData(int userId) {
        return sleep(seconds(1), "Data for user " + userId);
    }

    private CompletableFuture<String> processItem(String item, double delay) {
        return sleep(seconds(delay), "Processed: " + item);
    }

    @Override
    protected void main() {
        run(() -> taskGroup(tg -> List.of(
                        tg.createTask(() -> fetchUserData(1)),
                        tg.createTask(() -> fetchUserData(2)),
                        tg.createTask(() -> fetchUserData(3))))
                // All tasks are done here.
                .thenAccept(tasks -> out.println("Results: "
                        + tasks.get(0).result() + ", " + tasks.get(1).result() + ", " + tasks.get(2).result())));
        // 002: plain tasks awaited one by one ...
        run(() -> {
            Task<String> task1 = createTask(() -> processItem("A", 2));
            Task<String> task2 = createTask(() -> processItem("B", 1));
            Task<String> task3 = createTask(() -> processItem("C", 3));
            return task1.thenCompose(result1 -> task2.thenCompose(result2 -> task3.thenAccept(result3 ->
                    out.println(result1 + " " + result2 + " " + result3))));
        });
        // ... and the same with a TaskGroup.
        run(() -> taskGroup(tg -> List.of(
                        tg.createTask(() -> processItem("A", 2)),
                        tg.createTask(() -> processItem("B", 1)),
                        tg.createTask(() -> processItem("C", 3))))
                .thenAccept(tasks -> out.println(
                        tasks.get(0).result() + " " + tasks.get(1).result() + " " + tasks.get(2).result())));
    }
}

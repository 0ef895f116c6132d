package dev.aio4j.demo.examples;

import static dev.aio4j.Asyncio.*;

import dev.aio4j.Task;
import dev.aio4j.demo.ExampleBase;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Task names for debugging, {@code asyncio.all_tasks()}, {@code current_task()} and the "pending tasks"
 * monitor.
 *
 * <p>Differences from Python: the task {@code asyncio.run} creates for main is named "main" (Python:
 * "Task-1"); {@code allTasks()} is a set, printed here sorted by name; booleans print as Java's.
 */
public final class NamedTasks extends ExampleBase {
    public NamedTasks() {
        super("named-tasks", "001 \"nombrar tareas\" + 003 §9 \"Logging de Tasks\" + 000 \"Monitoring del event loop\"");
    }

    private CompletableFuture<String> longRunningOperation() {
        return sleep(seconds(1), "long operation result");
    }

    private void printAllTasks() {
        List<Task<?>> tasks = allTasks().stream().sorted(Comparator.comparing(Task::getName)).toList();
        for (Task<?> task : tasks) {
            out.println("Task: " + task.getName() + ", Done: " + task.done());
        }
        out.println("Pending tasks: " + tasks.size());
    }

    @Override
    protected void main() {
        run(() -> {
            out.println("Current task: " + currentTask().getName());
            Task<String> task = createTask(this::longRunningOperation, "long-operation-task");
            out.println("Task name: " + task.getName());
            Task<String> fetch = createTask(() -> sleep(seconds(0.5), "user 1"), "fetch_user_1");
            printAllTasks();
            return gather(task, fetch).thenAccept(results -> {
                out.println("Results: " + results);
                out.println(task.getName() + " done: " + task.done());
                printAllTasks();
            });
        });
    }
}

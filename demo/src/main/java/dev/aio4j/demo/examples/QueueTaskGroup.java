package dev.aio4j.demo.examples;

import static dev.aio4j.Asyncio.*;

import dev.aio4j.Queue;
import dev.aio4j.QueueShutDown;
import dev.aio4j.demo.ExampleBase;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * One producer and three consumers in a {@code TaskGroup}, over a {@code Queue(maxsize=10)}: the
 * producer outruns the consumers until the queue is full, then {@code put} waits for room.
 *
 * <pre>
 * async def producer(queue, items):
 *     for item in items:
 *         await queue.put(item)
 *         print(f"Produced: {item}")
 *     await queue.put(None)              # Señal de fin
 *
 * async def consumer(queue, name):
 *     while True:
 *         item = await queue.get()
 *         if item is None:
 *             queue.task_done()
 *             break
 *         print(f"[{name}] Processing: {item}")
 *         await asyncio.sleep(0.1)
 *         queue.task_done()
 *
 * async def main():
 *     queue = asyncio.Queue(maxsize=10)
 *     items = [{"id": i} for i in range(20)]
 *     async with asyncio.TaskGroup() as tg:
 *         tg.create_task(producer(queue, items))
 *         for i in range(3):
 *             tg.create_task(consumer(queue, f"consumer-{i}"))
 * </pre>
 *
 * <p>The seed never ends: one {@code None} stops one consumer, the other two wait in {@code get()}
 * forever, and so does the TaskGroup. The port sends one end signal per consumer, the usual fix. The
 * second run uses Python 3.13's {@code queue.shutdown()} instead: consumers drain the queue, then their
 * {@code get()} fails with {@code QueueShutDown}. Python prints the items as {@code {'id': 0}}; Java's
 * {@code Map} prints {@code {id=0}}. On the virtual clock ({@link #runOnVirtualClock}): the three
 * consumers' sleeps end together, and the producer refills the queue in between.
 */
public final class QueueTaskGroup extends ExampleBase {
    private static final int CONSUMERS = 3;

    public QueueTaskGroup() {
        super("queue-task-group", "003 §10 \"Async Queue (Producer-Consumer)\" (TaskGroup, 3 consumers; + queue.shutdown())");
    }

    private List<Map<String, Integer>> items() {
        List<Map<String, Integer>> items = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            items.add(Map.of("id", i));
        }
        return items;
    }

    // The seed's producer; what it does after the last item is the difference between the two runs.
    private CompletableFuture<Void> producer(Queue<Map<String, Integer>> queue, List<Map<String, Integer>> items, int i,
            Function<Queue<Map<String, Integer>>, CompletableFuture<Void>> finish) {
        if (i == items.size()) {
            return finish.apply(queue);
        }
        Map<String, Integer> item = items.get(i);
        return queue.put(item).thenCompose(v -> {
            out.println("Produced: " + item);
            return producer(queue, items, i + 1, finish);
        });
    }

    private CompletableFuture<Void> endSignals(Queue<Map<String, Integer>> queue, int left) {
        return left == 0 ? CompletableFuture.completedFuture(null) : queue.put(null).thenCompose(v -> endSignals(queue, left - 1));
    }

    private CompletableFuture<Void> consumer(Queue<Map<String, Integer>> queue, String name) {
        return queue.get().thenCompose(item -> {
            if (item == null) {
                queue.taskDone();
                return CompletableFuture.completedFuture(null);
            }
            out.println("[" + name + "] Processing: " + item);
            return sleep(seconds(0.1)).thenCompose(v -> {
                queue.taskDone();
                return consumer(queue, name);
            });
        });
    }

    // The 3.13 variant: the producer shuts the queue down after the last item; no sentinel.
    private CompletableFuture<Void> shutDown(Queue<Map<String, Integer>> queue) {
        queue.shutdown();
        return CompletableFuture.completedFuture(null);
    }

    private CompletableFuture<Void> drainingConsumer(Queue<Map<String, Integer>> queue, String name) {
        return queue.get().handle((item, error) -> {
            if (error instanceof QueueShutDown) {
                out.println("[" + name + "] queue shut down");
                return CompletableFuture.<Void>completedFuture(null);
            }
            if (error != null) {
                return CompletableFuture.<Void>failedFuture(error);
            }
            out.println("[" + name + "] Processing: " + item);
            return sleep(seconds(0.1)).thenCompose(v -> {
                queue.taskDone();
                return drainingConsumer(queue, name);
            });
        }).thenCompose(next -> next);
    }

    private void producerAndConsumers(Function<Queue<Map<String, Integer>>, CompletableFuture<Void>> finish,
            BiFunction<Queue<Map<String, Integer>>, String, CompletableFuture<Void>> consumer) {
        runOnVirtualClock(() -> {
            Queue<Map<String, Integer>> queue = new Queue<>(10);
            return taskGroup(tg -> {
                tg.createTask(() -> producer(queue, items(), 0, finish));
                for (int i = 0; i < CONSUMERS; i++) {
                    String name = "consumer-" + i;
                    tg.createTask(() -> consumer.apply(queue, name));
                }
                return null;
            });
        });
    }

    @Override
    protected void main() {
        producerAndConsumers(queue -> endSignals(queue, CONSUMERS), this::consumer);
        out.println("--- with queue.shutdown() ---");
        producerAndConsumers(this::shutDown, this::drainingConsumer);
    }
}

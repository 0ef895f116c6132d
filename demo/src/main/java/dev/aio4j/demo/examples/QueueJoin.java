package dev.aio4j.demo.examples;

import static dev.aio4j.Asyncio.*;

import dev.aio4j.Queue;
import dev.aio4j.Task;
import dev.aio4j.demo.ExampleBase;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;

/**
 * Producers and consumers without a sentinel: wait for the producers, then {@code queue.join()} until
 * every item was marked {@code task_done}, then cancel the consumers, which loop forever.
 *
 * <pre>
 * async def consumer(queue, consumer_id):
 *     while True:
 *         item = await queue.get()
 *         print(f"Consumer {consumer_id} consuming: {item}")
 *         await asyncio.sleep(random.uniform(0.2, 0.8))
 *         queue.task_done()
 *
 * async def main():
 *     queue = asyncio.Queue(maxsize=10)
 *     producers = [asyncio.create_task(producer(queue, i)) for i in range(2)]
 *     consumers = [asyncio.create_task(consumer(queue, i)) for i in range(3)]
 *     await asyncio.gather(*producers)
 *     await queue.join()
 *     for consumer_task in consumers:
 *         consumer_task.cancel()
 * </pre>
 *
 * <p>Cancelling a consumer cancels the {@code queue.get()} it waits in, which takes no item. The
 * random delays come from a seeded {@code Random} and the example runs on the virtual clock
 * ({@link #runOnVirtualClock}), so the interleaving is the same every run. Not in the seed: the last
 * line, which waits for the cancelled consumers.
 */
public final class QueueJoin extends ExampleBase {
    private final Random random = new Random(7);

    public QueueJoin() {
        super("queue-join", "001 \"asyncio.Queue para Patrones Productor-Consumidor\" (join, then cancel the consumers)");
    }

    private double uniform(double a, double b) {
        return a + (b - a) * random.nextDouble();
    }

    private CompletableFuture<Void> producer(Queue<String> queue, int producerId, int i) {
        if (i == 5) {
            return CompletableFuture.completedFuture(null);
        }
        return sleep(seconds(uniform(0.1, 0.5))).thenCompose(v -> {
            String item = "Item-" + producerId + "-" + i;
            return queue.put(item).thenRun(() -> out.println("Producer " + producerId + " produced: " + item));
        }).thenCompose(v -> producer(queue, producerId, i + 1));
    }

    private CompletableFuture<Void> consumer(Queue<String> queue, int consumerId) {
        return queue.get().thenCompose(item -> {
            out.println("Consumer " + consumerId + " consuming: " + item);
            return sleep(seconds(uniform(0.2, 0.8)));
        }).thenCompose(v -> {
            queue.taskDone();
            return consumer(queue, consumerId);
        });
    }

    @Override
    protected void main() {
        runOnVirtualClock(() -> {
            Queue<String> queue = new Queue<>(10);
            List<Task<Void>> producers = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                int id = i;
                producers.add(createTask(() -> producer(queue, id, 0)));
            }
            List<Task<Void>> consumers = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                int id = i;
                consumers.add(createTask(() -> consumer(queue, id)));
            }
            return gather(producers)
                    .thenCompose(v -> queue.join())   // every item processed
                    .thenCompose(v -> {
                        consumers.forEach(Task::cancel);
                        return gatherSettled(consumers);
                    })
                    .thenAccept(outcomes -> out.println("Consumers cancelled: "
                            + consumers.stream().filter(Task::cancelled).count() + " of " + consumers.size()));
        });
    }
}

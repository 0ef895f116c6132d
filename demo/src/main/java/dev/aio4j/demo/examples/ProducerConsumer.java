package dev.aio4j.demo.examples;

import static dev.aio4j.Asyncio.*;

import dev.aio4j.Queue;
import dev.aio4j.demo.ExampleBase;
import java.util.Random;
import java.util.concurrent.CompletableFuture;

/**
 * Two producers and two consumers on a bounded {@code asyncio.Queue(maxsize=3)}: a full queue makes
 * {@code put} wait; each producer ends with a {@code None} (here {@code null}), which stops one
 * consumer; {@code task_done} after every item.
 *
 * <pre>
 * async def producer(queue, name):
 *     for i in range(5):
 *         item = f"{name}-item-{i}"
 *         await queue.put(item)
 *         print(f"Producer {name}: agregó {item}")
 *         await asyncio.sleep(random.uniform(0.5, 1.5))
 *     await queue.put(None)
 *
 * async def consumer(queue, name):
 *     while True:
 *         item = await queue.get()
 *         if item is None:
 *             queue.task_done()
 *             break
 *         print(f"Consumer {name}: procesando {item}")
 *         await asyncio.sleep(random.uniform(0.5, 2.0))
 *         queue.task_done()
 * </pre>
 *
 * <p>The seed's delays are random; here they come from a {@code Random} with a fixed seed, and the
 * example runs on the virtual clock ({@link #runOnVirtualClock}), so the tour prints the same
 * interleaving every time. Not in the seed: the last two lines, which show every item was processed.
 */
public final class ProducerConsumer extends ExampleBase {
    private final Random random = new Random(2024);
    private int processed;

    public ProducerConsumer() {
        super("producer-consumer", "000 \"Queues para productor-consumidor\" (P1, P2, C1, C2, maxsize=3)");
    }

    private double uniform(double a, double b) {
        return a + (b - a) * random.nextDouble();
    }

    private CompletableFuture<Void> producer(Queue<String> queue, String name, int i) {
        if (i == 5) {
            return queue.put(null);   // end signal
        }
        String item = name + "-item-" + i;
        return queue.put(item).thenCompose(v -> {
            out.println("Producer " + name + ": agregó " + item);
            return sleep(seconds(uniform(0.5, 1.5)));
        }).thenCompose(v -> producer(queue, name, i + 1));
    }

    private CompletableFuture<Void> consumer(Queue<String> queue, String name) {
        return queue.get().thenCompose(item -> {
            if (item == null) {
                queue.taskDone();
                return CompletableFuture.completedFuture(null);
            }
            out.println("Consumer " + name + ": procesando " + item);
            return sleep(seconds(uniform(0.5, 2.0))).thenCompose(v -> {
                processed++;
                queue.taskDone();
                return consumer(queue, name);
            });
        });
    }

    @Override
    protected void main() {
        runOnVirtualClock(() -> {
            Queue<String> queue = new Queue<>(3);   // bounded buffer
            return gather(
                    producer(queue, "P1", 0),
                    producer(queue, "P2", 0),
                    consumer(queue, "C1"),
                    consumer(queue, "C2"))
                    .thenRun(() -> {
                        out.println("Items processed: " + processed);
                        out.println("Queue empty: " + queue.empty());
                    });
        });
    }
}

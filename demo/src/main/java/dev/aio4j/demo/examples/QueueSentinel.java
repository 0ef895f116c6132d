package dev.aio4j.demo.examples;

import static dev.aio4j.Asyncio.*;

import dev.aio4j.Queue;
import dev.aio4j.demo.ExampleBase;
import java.util.concurrent.CompletableFuture;

/**
 * {@code asyncio.Queue} between one producer and one consumer; {@code None} (here {@code null}; an
 * aio4j queue takes nulls, unlike a {@code BlockingQueue}) tells the consumer to stop.
 *
 * <pre>
 * async def producer(queue, n):
 *     for i in range(n):
 *         item = f"item_{i}"
 *         await queue.put(item)
 *         print(f"Productor añadió: {item}")
 *         await asyncio.sleep(1)
 *     await queue.put(None)  # Señal de terminación
 *
 * async def consumer(queue):
 *     while True:
 *         item = await queue.get()
 *         if item is None:
 *             break
 *         print(f"Consumidor procesó: {item}")
 *         await asyncio.sleep(2)
 *     print("El consumidor ha terminado de trabajar")
 * </pre>
 *
 * <p>Java: the {@code while True} loops are methods that call themselves from {@code thenCompose}.
 *
 * <p>The seed's "Salida" is wrong for asyncio at t=2 s and t=4 s, where the consumer's two-second
 * sleep and the producer's one-second sleep end at the same moment: the consumer's timer was set
 * first, so asyncio runs the consumer first ("Consumidor procesó: item_1" before "Productor añadió:
 * item_2"); the seed prints the producer first. The example runs on the virtual clock
 * ({@link #runOnVirtualClock}) so these ties resolve the same way every time.
 */
public final class QueueSentinel extends ExampleBase {
    public QueueSentinel() {
        super("queue-sentinel", "004 §5.5.1 \"Crear y Usar una Cola Asíncrona\" (producer, consumer, None)");
    }

    private CompletableFuture<Void> producer(Queue<String> queue, int i, int n) {
        if (i == n) {
            return queue.put(null);   // the end signal
        }
        String item = "item_" + i;
        return queue.put(item).thenCompose(v -> {
            out.println("Productor añadió: " + item);
            return sleep(seconds(1));
        }).thenCompose(v -> producer(queue, i + 1, n));
    }

    private CompletableFuture<Void> consumer(Queue<String> queue) {
        return queue.get().thenCompose(item -> {
            if (item == null) {
                out.println("El consumidor ha terminado de trabajar");
                return CompletableFuture.completedFuture(null);
            }
            out.println("Consumidor procesó: " + item);
            return sleep(seconds(2)).thenCompose(v -> consumer(queue));
        });
    }

    @Override
    protected void main() {
        runOnVirtualClock(() -> {
            Queue<String> queue = new Queue<>();
            return gather(producer(queue, 0, 5), consumer(queue));
        });
    }
}

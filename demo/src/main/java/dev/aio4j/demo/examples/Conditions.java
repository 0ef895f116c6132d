package dev.aio4j.demo.examples;

import static dev.aio4j.Asyncio.*;

import dev.aio4j.Condition;
import dev.aio4j.demo.ExampleBase;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Not in the seeds (the tour's list of sync primitives names it): {@code asyncio.Condition}. Three
 * consumers wait under the condition's lock until the stock has something; the producer adds items
 * and notifies one waiter, then all of them.
 *
 * <pre>
 * async def consumer(cond, stock, name):
 *     print(f"{name} waits for stock")
 *     async with cond:
 *         await cond.wait_for(lambda: stock)
 *         print(f"{name} took {stock.pop(0)}")
 * </pre>
 *
 * <p>Java: {@code async with cond} is {@code cond.withLock(...)}; {@code wait} and {@code notify} are
 * {@code await} and {@code signal} ({@code Object.wait} and {@code Object.notify} are final in Java).
 * After {@code signalAll()} with one new item, two consumers wake: the first takes it, the second finds
 * the stock empty again, so its {@code waitFor} goes back to waiting.
 */
public final class Conditions extends ExampleBase {
    public Conditions() {
        super("condition", "not in the seeds: asyncio.Condition (wait_for, notify, notify_all)");
    }

    private CompletableFuture<Void> consumer(Condition cond, List<String> stock, String name) {
        out.println(name + " waits for stock");
        return cond.withLock(() -> cond.waitFor(() -> !stock.isEmpty())
                .thenRun(() -> out.println(name + " took " + stock.remove(0))));
    }

    private CompletableFuture<Void> deliver(Condition cond, List<String> stock, String item, boolean all) {
        return cond.withLock(() -> {
            stock.add(item);
            out.println("Producer adds " + item + (all ? ", notify_all()" : ", notify()"));
            if (all) {
                cond.signalAll();
            } else {
                cond.signal();
            }
            return CompletableFuture.completedFuture(null);
        });
    }

    private CompletableFuture<Void> producer(Condition cond, List<String> stock) {
        return sleep(seconds(1))
                .thenCompose(v -> deliver(cond, stock, "apple", false))
                .thenCompose(v -> sleep(seconds(1)))
                .thenCompose(v -> deliver(cond, stock, "pear", true))
                .thenCompose(v -> sleep(seconds(1)))
                .thenCompose(v -> deliver(cond, stock, "plum", false));
    }

    @Override
    protected void main() {
        run(() -> {
            Condition cond = new Condition();
            List<String> stock = new ArrayList<>();
            return gather(
                    consumer(cond, stock, "A"),
                    consumer(cond, stock, "B"),
                    consumer(cond, stock, "C"),
                    producer(cond, stock))
                    .thenRun(() -> out.println("Stock left: " + stock));
        });
    }
}

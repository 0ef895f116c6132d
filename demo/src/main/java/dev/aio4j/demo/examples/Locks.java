package dev.aio4j.demo.examples;

import static dev.aio4j.Asyncio.*;

import dev.aio4j.Lock;
import dev.aio4j.demo.ExampleBase;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * {@code async with lock}: one worker at a time; the second waits until the first releases.
 *
 * <pre>
 * async def worker(name, lock):
 *     print(f"Trabajador {name} está intentando adquirir el lock...")
 *     async with lock:
 *         print(f"Trabajador {name} ha adquirido el lock.")
 *         await asyncio.sleep(2)
 *     print(f"Trabajador {name} ha liberado el lock.")
 * </pre>
 *
 * <p>{@code async with lock:} is {@code lock.withLock(() -> body)}: the lock is released when the
 * body's stage is done, also after a failure or a cancellation.
 */
public final class Locks extends ExampleBase {
    private int counter;

    public Locks() {
        super("lock", "004 §5.7.1 \"Lock\" (worker A acquires, B waits) + a shared counter");
    }

    private CompletableFuture<Void> worker(String name, Lock lock) {
        out.println("Trabajador " + name + " está intentando adquirir el lock...");
        return lock.withLock(() -> {
            out.println("Trabajador " + name + " ha adquirido el lock.");
            return sleep(seconds(2));
        }).thenRun(() -> out.println("Trabajador " + name + " ha liberado el lock."));
    }

    // Not in the seeds: the read-await-write race a lock prevents. Each increment reads the counter,
    // yields to the loop (sleep(0), as an await of I/O would), then writes what it read plus one.
    private CompletableFuture<Void> increment() {
        int read = counter;
        return sleep(seconds(0)).thenRun(() -> counter = read + 1);
    }

    private CompletableFuture<Integer> tenIncrements(Supplier<CompletableFuture<Void>> increment) {
        counter = 0;
        List<CompletableFuture<Void>> tasks = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            tasks.add(createTask(increment));
        }
        return gather(tasks).thenApply(done -> counter);
    }

    @Override
    protected void main() {
        run(() -> {
            Lock lock = new Lock();
            return gather(worker("A", lock), worker("B", lock));
        });
        int unguarded = run(() -> tenIncrements(this::increment));
        out.println("10 increments without a lock: counter = " + unguarded);
        int guarded = run(() -> {
            Lock lock = new Lock();
            return tenIncrements(() -> lock.withLock(this::increment));
        });
        out.println("10 increments under the lock: counter = " + guarded);
    }
}

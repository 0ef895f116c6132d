package dev.aio4j.demo.examples;

import static dev.aio4j.Asyncio.*;

import dev.aio4j.Semaphore;
import dev.aio4j.demo.ExampleBase;
import java.util.concurrent.CompletableFuture;

/**
 * {@code async with semaphore}: at most two workers at a time.
 *
 * <pre>
 * async def worker(name, semaphore):
 *     async with semaphore:
 *         print(f"Trabajador {name} ha obtenido acceso.")
 *         await asyncio.sleep(2)
 *     print(f"Trabajador {name} ha liberado acceso.")
 * </pre>
 *
 * <p>The seed's "Salida" is wrong for asyncio twice: it shows "Trabajador C está intentando obtener
 * acceso..." lines that its code never prints, and it has C acquire between "A ha liberado" and
 * "B ha liberado". A and B sleep until the same moment; both timers fire in the same loop iteration,
 * and a release only schedules the next waiter for a later one, so asyncio prints both releases first.
 * That tie is also why this example runs on the virtual clock ({@link #runOnVirtualClock}): on a real
 * clock its order would depend on microseconds.
 */
public final class SemaphoreWorkers extends ExampleBase {
    public SemaphoreWorkers() {
        super("semaphore-workers", "004 §5.7.2 \"Semáforo\" (Semaphore(2), workers A–D)");
    }

    private CompletableFuture<Void> worker(String name, Semaphore semaphore) {
        return semaphore.withPermit(() -> {
            out.println("Trabajador " + name + " ha obtenido acceso.");
            return sleep(seconds(2));
        }).thenRun(() -> out.println("Trabajador " + name + " ha liberado acceso."));
    }

    @Override
    protected void main() {
        runOnVirtualClock(() -> {
            Semaphore semaphore = new Semaphore(2);   // at most 2 at a time
            return gather(
                    worker("A", semaphore),
                    worker("B", semaphore),
                    worker("C", semaphore),
                    worker("D", semaphore));
        });
    }
}

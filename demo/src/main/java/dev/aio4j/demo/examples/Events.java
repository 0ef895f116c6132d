package dev.aio4j.demo.examples;

import static dev.aio4j.Asyncio.*;

import dev.aio4j.Event;
import dev.aio4j.demo.ExampleBase;
import java.util.concurrent.CompletableFuture;

/**
 * {@code asyncio.Event}: two waiters block until a setter sets the event two seconds later; both wake,
 * first in, first out.
 *
 * <pre>
 * async def waiter(event, name):
 *     print(f"Esperador {name} está esperando el evento...")
 *     await event.wait()
 *     print(f"Esperador {name} ha recibido el evento!")
 * </pre>
 *
 * <p>Java: {@code event.wait()} is {@code event.await()}, since every Java object has a
 * {@code wait()} of its own.
 */
public final class Events extends ExampleBase {
    public Events() {
        super("event", "004 §5.7.3 \"Evento\" (waiters A and B, setter)");
    }

    private CompletableFuture<Void> waiter(Event event, String name) {
        out.println("Esperador " + name + " está esperando el evento...");
        return event.await().thenRun(() -> out.println("Esperador " + name + " ha recibido el evento!"));
    }

    private CompletableFuture<Void> setter(Event event) {
        return sleep(seconds(2)).thenRun(() -> {
            out.println("Estableciendo el evento.");
            event.set();
        });
    }

    @Override
    protected void main() {
        run(() -> {
            Event event = new Event();
            return gather(waiter(event, "A"), waiter(event, "B"), setter(event));
        });
    }
}

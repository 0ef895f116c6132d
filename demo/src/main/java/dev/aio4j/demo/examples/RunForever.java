package dev.aio4j.demo.examples;

import static dev.aio4j.Asyncio.*;

import dev.aio4j.EventLoop;
import dev.aio4j.demo.ExampleBase;
import java.util.concurrent.CompletableFuture;

/**
 * {@code loop.create_task(greet())} then {@code loop.run_forever()}.
 *
 * <p>The seed's program never ends: nothing stops the loop after the greeting, so {@code run_forever}
 * never returns. This port stops the loop when the greeting is done.
 *
 * <p>aio4j today (library issue, reported with the demo): {@code EventLoop.stop()} called before
 * {@code runForever()} is lost, and {@code runForever()} then blocks forever (asyncio runs one
 * iteration and returns). Here the main thread enters {@code runForever()} long before the greeting's
 * one-second sleep ends, so the race needs a stall of that length.
 */
public final class RunForever extends ExampleBase {
    public RunForever() {
        super("run-forever", "004 §5.2.3 \"Reutilización del Bucle de Eventos\" (create_task + run_forever)");
    }

    private CompletableFuture<Void> greet(EventLoop loop) {
        out.println("¡Hola desde el bucle de eventos existente!");
        return sleep(seconds(1)).thenRun(() -> {
            out.println("¡Adiós desde el bucle de eventos existente!");
            loop.stop();
        });
    }

    @Override
    protected void main() {
        try (EventLoop loop = EventLoop.create()) {
            // create_task belongs on the loop thread: hand it over with call_soon_threadsafe.
            loop.callSoonThreadsafe(() -> loop.createTask(() -> greet(loop), "greet"));
            loop.runForever();
        }
    }
}

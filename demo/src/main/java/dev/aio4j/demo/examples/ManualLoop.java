package dev.aio4j.demo.examples;

import static dev.aio4j.Asyncio.*;

import dev.aio4j.EventLoop;
import dev.aio4j.demo.ExampleBase;
import java.util.concurrent.CompletableFuture;

/**
 * Managing the loop by hand: {@code loop.run_until_complete(main())} then {@code loop.close()}; and
 * what happens when {@code asyncio.run} is called inside a running loop.
 */
public final class ManualLoop extends ExampleBase {
    public ManualLoop() {
        super("manual-loop", "004 §5.2.2 \"Gestión Manual del Bucle de Eventos\" + 001 \"Crear conflictos de bucle de eventos\"");
    }

    private CompletableFuture<Void> loopMain() {
        out.println("¡Hola desde el bucle de eventos manual!");
        return sleep(seconds(1)).thenRun(() -> out.println("¡Adiós desde el bucle de eventos manual!"));
    }

    @Override
    protected void main() {
        // loop = asyncio.new_event_loop(); try: loop.run_until_complete(main()) finally: loop.close()
        EventLoop loop = EventLoop.create();
        try {
            loop.runUntilComplete(this::loopMain);
        } finally {
            loop.close();
        }
        // WRONG: asyncio.run() inside a coroutine. Python raises RuntimeError; aio4j IllegalStateException.
        run(() -> {
            try {
                run(() -> sleep(seconds(0.1)));
            } catch (IllegalStateException e) {
                String message = e.getMessage();
                int thread = message.indexOf(" (thread");   // the loop thread's name is numbered
                out.println("Error: " + (thread < 0 ? message : message.substring(0, thread)));
            }
            return sleep(seconds(0.1));
        });
    }
}

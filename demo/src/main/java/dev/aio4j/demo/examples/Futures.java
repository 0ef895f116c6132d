package dev.aio4j.demo.examples;

import static dev.aio4j.Asyncio.*;

import dev.aio4j.Future;
import dev.aio4j.InvalidStateError;
import dev.aio4j.demo.ExampleBase;
import java.util.concurrent.CompletableFuture;

/** Low-level futures: {@code loop.create_future()}, {@code set_result}, {@code add_done_callback}. */
public final class Futures extends ExampleBase {
    public Futures() {
        super("futures", "004 §5.4 \"Futuras y Callbacks\" + 001 \"Futuros\"");
    }

    private CompletableFuture<Void> setFuture(Future<String> fut, String value) {
        return sleep(seconds(1)).thenRun(() -> fut.setResult(value));
    }

    @Override
    protected void main() {
        // 5.4.1: await a future that a task completes.
        run(() -> {
            Future<String> fut = getRunningLoop().createFuture();
            createTask(() -> setFuture(fut, "Resultado del Future"));
            return fut.thenAccept(out::println);
        });
        // 5.4.2: a done callback; it runs on the loop (call_soon), never inline.
        run(() -> {
            Future<String> fut = createFuture();
            fut.addDoneCallback(f -> out.println("Callback: " + f.result()));
            createTask(() -> setFuture(fut, "Resultado del Future con Callback"));
            return fut;
        });
        // Not in the seeds: a future's states, and set_result twice (InvalidStateError, as in asyncio).
        run(() -> {
            Future<String> fut = createFuture();
            out.println("done before set_result: " + fut.done());
            fut.setResult("Future completed");
            out.println("done after set_result: " + fut.done() + ", result: " + fut.result());
            try {
                fut.setResult("again");
            } catch (InvalidStateError e) {
                out.println("set_result again: " + e.getClass().getSimpleName());
            }
            return fut;
        });
    }
}

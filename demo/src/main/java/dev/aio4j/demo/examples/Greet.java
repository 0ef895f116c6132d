package dev.aio4j.demo.examples;

import static dev.aio4j.Asyncio.*;

import dev.aio4j.demo.ExampleBase;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * One coroutine awaited, then three run concurrently with gather: "Total time: ~1 second (not 3 seconds)".
 */
public final class Greet extends ExampleBase {
    public Greet() {
        super("greet", "002 \"Conceptos basicos de async/await\" (greet + gather)");
    }

    private CompletableFuture<String> greet(String name) {
        out.println("Starting to greet " + name);
        return sleep(seconds(1)).thenApply(v -> {
            out.println("Done greeting " + name);
            return "Hello, " + name + "!";
        });
    }

    @Override
    protected void main() {
        run(() -> greet("Alice").thenAccept(out::println));
        // Three at once: ~1 s, not ~3 s.
        long start = System.nanoTime();
        List<String> results = run(() -> gather(greet("Alice"), greet("Bob"), greet("Charlie")));
        for (String result : results) {
            out.println(result);
        }
        printTime("Total time: %.2f s (not 3 s)", pace.tutorialSeconds(System.nanoTime() - start));
    }
}

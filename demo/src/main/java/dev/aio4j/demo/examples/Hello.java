package dev.aio4j.demo.examples;

import static dev.aio4j.Asyncio.*;

import dev.aio4j.demo.ExampleBase;
import java.util.concurrent.CompletableFuture;

/**
 * {@code asyncio.run(main())}: the event loop's entry point, and a coroutine that waits without blocking.
 *
 * <pre>
 * async def main():
 *     print("¡Hola desde asyncio.run!")
 *     await asyncio.sleep(1)
 *     print("¡Adiós desde asyncio.run!")
 * asyncio.run(main())
 * </pre>
 */
public final class Hello extends ExampleBase {
    public Hello() {
        super("hello", "004 §5.2.2 \"Usando asyncio.run\" + §5.3.1 \"Corrutinas\" (say_hello)");
    }

    // async def main(): a method returning a stage; its "await" is the thenRun.
    private CompletableFuture<Void> helloMain() {
        out.println("¡Hola desde asyncio.run!");
        return sleep(seconds(1)).thenRun(() -> out.println("¡Adiós desde asyncio.run!"));
    }

    private CompletableFuture<Void> sayHello() {
        out.println("Hola");
        return sleep(seconds(1)).thenRun(() -> out.println("Mundo"));
    }

    @Override
    protected void main() {
        run(this::helloMain);
        run(this::sayHello);
        // asyncio.run returns main's result (001, "asyncio.run() Punto de Entrada").
        String result = run(() -> sleep(seconds(0.1), "completed"));
        out.println(result);
    }
}

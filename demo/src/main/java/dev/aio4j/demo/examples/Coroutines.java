package dev.aio4j.demo.examples;

import static dev.aio4j.Asyncio.*;

import dev.aio4j.demo.ExampleBase;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A coroutine awaited on its own, then three of it at once with {@code gather}: one second each time,
 * not three.
 *
 * <pre>
 * async def mi_corrutina():
 *     print("Inicio")
 *     await asyncio.sleep(1)  # Simula operación I/O
 *     print("Fin")
 *     return "Resultado"
 *
 * async def main():
 *     resultado = await mi_corrutina()
 *     results = await asyncio.gather(mi_corrutina(), mi_corrutina(), mi_corrutina())
 *     print(f"Resultados: {results}")
 * </pre>
 *
 * <p>Java: a method returning a stage starts its work when called, where calling {@code mi_corrutina()}
 * only makes a coroutine object; here each call is at once passed on, so the order is the same. Python
 * prints the list as {@code ['Resultado', 'Resultado', 'Resultado']}, Java's {@code List} without quotes.
 */
public final class Coroutines extends ExampleBase {
    public Coroutines() {
        super("coroutines", "000 \"Corrutinas y Event Loop\" (mi_corrutina, then gather of three)");
    }

    private CompletableFuture<String> miCorrutina() {
        out.println("Inicio");
        return sleep(seconds(1)).thenApply(v -> {   // simulates an I/O operation
            out.println("Fin");
            return "Resultado";
        });
    }

    private CompletableFuture<Void> coroutinesMain() {
        double start = getRunningLoop().time();
        return miCorrutina()
                .thenCompose(resultado -> gather(miCorrutina(), miCorrutina(), miCorrutina()))
                .thenAccept((List<String> results) -> {
                    out.println("Resultados: " + results);
                    printTime("%.2f s (one second alone, one for the three together)",
                            pace.tutorialSeconds(getRunningLoop().time() - start));
                });
    }

    @Override
    protected void main() {
        run(this::coroutinesMain);
    }
}

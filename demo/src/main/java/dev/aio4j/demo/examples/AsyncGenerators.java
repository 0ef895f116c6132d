package dev.aio4j.demo.examples;

import static dev.aio4j.Asyncio.*;

import dev.aio4j.AsyncIterator;
import dev.aio4j.Yield;
import dev.aio4j.demo.ExampleBase;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Async generators and {@code async for}: a generator that sleeps before each item, and one that
 * sleeps after.
 *
 * <pre>
 * async def async_range(start, stop, step=1):          # 000
 *     current = start
 *     while current &lt; stop:
 *         await asyncio.sleep(0.1)  # Simula I/O
 *         yield current
 *         current += step
 *
 * async def consume_generator():
 *     async for number in async_range(0, 10, 2):
 *         print(f"Procesando: {number}")
 *         await process_number(number)
 *
 * async def async_countdown(n: int):                   # 002
 *     while n &gt; 0:
 *         yield n
 *         await asyncio.sleep(0.5)
 *         n -= 1
 *
 * async for num in async_countdown(5):
 *     print(num)
 * </pre>
 *
 * <p>Java: an {@code async def} with {@code yield} is {@link dev.aio4j.Asyncio#generate}: the body
 * gets a {@link Yield} and returns the stage of its end; {@code out.yield(x)} completes when the
 * consumer asks for the next item, so the loop is a chain of {@code thenCompose}s. {@code async for}
 * is {@link AsyncIterator#forEach}, which waits for the stage each action returns before pulling the
 * next item. The seed leaves {@code process_number} undefined; here it is 0.1 s of simulated work.
 */
public final class AsyncGenerators extends ExampleBase {
    public AsyncGenerators() {
        super("async-generators", "000 \"Generadores asíncronos\" (async_range) + 002 async_countdown");
    }

    /** 000's async_range(start, stop, step). */
    private AsyncIterator<Integer> asyncRange(int start, int stop, int step) {
        return generate(out -> rangeFrom(out, start, stop, step));
    }

    private CompletionStage<Void> rangeFrom(Yield<Integer> out, int current, int stop, int step) {
        if (current >= stop) return CompletableFuture.completedFuture(null);
        return sleep(seconds(0.1))                        // simulated I/O
                .thenCompose(v -> out.yield(current))
                .thenCompose(v -> rangeFrom(out, current + step, stop, step));
    }

    private CompletableFuture<Void> processNumber(int number) {
        return sleep(seconds(0.1));
    }

    private CompletableFuture<Void> consumeGenerator() {
        return asyncRange(0, 10, 2).forEach(number -> {
            out.println("Procesando: " + number);
            return processNumber(number);
        });
    }

    /** 002's async_countdown(n): yields first, then sleeps. */
    private AsyncIterator<Integer> asyncCountdown(int n) {
        return generate(out -> countdownFrom(out, n));
    }

    private CompletionStage<Void> countdownFrom(Yield<Integer> out, int n) {
        if (n <= 0) return CompletableFuture.completedFuture(null);
        return out.yield(n)
                .thenCompose(v -> sleep(seconds(0.5)))
                .thenCompose(v -> countdownFrom(out, n - 1));
    }

    @Override
    protected void main() {
        run(this::consumeGenerator);
        run(() -> asyncCountdown(5).forEach(num -> {
            out.println(num);
            return CompletableFuture.completedFuture(null);
        }));
    }
}

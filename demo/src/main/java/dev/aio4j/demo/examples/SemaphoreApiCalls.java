package dev.aio4j.demo.examples;

import static dev.aio4j.Asyncio.*;

import dev.aio4j.Semaphore;
import dev.aio4j.demo.ExampleBase;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * {@code asyncio.Semaphore(3)} over ten one-second API calls: batches of three, about 4 s in all
 * (about 1 s without the semaphore); then 001's "use a semaphore to limit concurrency" over 100 items.
 *
 * <pre>
 * async def call_api(semaphore, api_id):
 *     async with semaphore:
 *         print(f"API call {api_id} started")
 *         await asyncio.sleep(1)
 *         print(f"API call {api_id} completed")
 *         return f"Result {api_id}"
 * </pre>
 *
 * <p>Runs on the virtual clock ({@link #runOnVirtualClock}): three calls end at the same moment, and
 * the next three start only after all three printed "completed" (a release schedules the next waiter
 * for a later loop iteration) — on a real clock that order would rest on microseconds. The elapsed
 * times are virtual loop times, exact, so those lines are checked too.
 */
public final class SemaphoreApiCalls extends ExampleBase {
    public SemaphoreApiCalls() {
        super("semaphore-api-calls", "001 \"Semáforos para Limitación de Tasa\" (call_api, Semaphore(3)) + \"No limitar concurrencia\"");
    }

    private CompletableFuture<String> callApi(Semaphore semaphore, int apiId) {
        return semaphore.withPermit(() -> {
            out.println("API call " + apiId + " started");
            return sleep(seconds(1)).thenApply(v -> {
                out.println("API call " + apiId + " completed");
                return "Result " + apiId;
            });
        });
    }

    private CompletableFuture<Void> callTenApis() {
        Semaphore semaphore = new Semaphore(3);   // only 3 concurrent API calls
        double start = getRunningLoop().time();
        List<CompletableFuture<String>> tasks = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            tasks.add(callApi(semaphore, i));
        }
        return gather(tasks).thenAccept(results -> {
            double elapsed = getRunningLoop().time() - start;
            out.println();
            out.printf("Completed %d API calls in %.2f seconds%n", results.size(), elapsed);
        });
    }

    // 001 "No limitar concurrencia", the CORRECT version; process_item is the seed's placeholder,
    // here a 0.1 s sleep that counts how many items are in flight.
    private int inFlight;
    private int maxInFlight;

    private CompletableFuture<String> processItem(int item) {
        maxInFlight = Math.max(maxInFlight, ++inFlight);
        return sleep(seconds(0.1), "item " + item).whenComplete((v, error) -> inFlight--);
    }

    private CompletableFuture<List<String>> limitedConcurrency(List<Integer> items) {
        Semaphore semaphore = new Semaphore(10);   // max 10 concurrent
        List<CompletableFuture<String>> tasks = new ArrayList<>();
        for (int item : items) {
            tasks.add(semaphore.withPermit(() -> processItem(item)));
        }
        return gather(tasks);
    }

    @Override
    protected void main() {
        runOnVirtualClock(this::callTenApis);
        runOnVirtualClock(() -> {
            double start = getRunningLoop().time();
            List<Integer> items = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                items.add(i);
            }
            return limitedConcurrency(items).thenAccept(results -> out.printf(
                    "Processed %d items in %.2f seconds, at most %d at a time%n",
                    results.size(), getRunningLoop().time() - start, maxInFlight));
        });
    }
}

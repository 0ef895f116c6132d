package dev.aio4j.demo.examples;

import static dev.aio4j.Asyncio.*;

import dev.aio4j.demo.ExampleBase;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Blocking and CPU-bound work off the loop: {@code loop.run_in_executor(None, f)} (the default
 * executor, same as {@code to_thread}) and {@code run_in_executor(pool, f)} with a pool of our own.
 *
 * <p>The CPU part is the seed's {@code sync_heavy_computation} (rounds of SHA-256 over the hex digest);
 * its result equals Python's for the same input and rounds. Python needs a process pool to escape the
 * GIL; Java threads run it in parallel. CPU work is not scaled by {@code --speed}.
 */
public final class RunInExecutor extends ExampleBase {
    private static final int ROUNDS = 200_000;

    public RunInExecutor() {
        super("run-in-executor", "001 \"loop.run_in_executor\" (cpu_intensive_task) + 003 §7 \"run_in_executor\" (sync_heavy_computation)");
    }

    private String cpuIntensiveTask() throws InterruptedException {
        pace.sleepBlocking(2);   // "Simulate heavy computation"
        return "CPU task completed";
    }

    static String syncHeavyComputation(String data, int rounds) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            HexFormat hex = HexFormat.of();
            for (int i = 0; i < rounds; i++) {
                data = hex.formatHex(sha256.digest(data.getBytes(StandardCharsets.UTF_8)));
            }
            return data;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Counts loop ticks until {@code stop} is set: proof that the loop was free meanwhile. */
    private CompletableFuture<Integer> heartbeat(AtomicBoolean stop, AtomicInteger ticks) {
        if (stop.get()) {
            return CompletableFuture.completedFuture(ticks.get());
        }
        return sleep(Duration.ofMillis(5)).thenCompose(v -> {
            ticks.incrementAndGet();
            return heartbeat(stop, ticks);
        });
    }

    @Override
    protected void main() {
        String result = run(() -> getRunningLoop().runInExecutor(null, this::cpuIntensiveTask));
        out.println(result);
        out.println(run(() -> toThread(this::cpuIntensiveTask)));
        // 003: CPU-bound work on our own pool while the loop keeps ticking.
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            run(() -> {
                AtomicBoolean stop = new AtomicBoolean();
                AtomicInteger ticks = new AtomicInteger();
                CompletableFuture<Integer> beats = heartbeat(stop, ticks);
                long start = System.nanoTime();
                CompletableFuture<List<String>> hashes = gather(
                        runInExecutor(pool, () -> syncHeavyComputation("hello", ROUNDS)),
                        runInExecutor(pool, () -> syncHeavyComputation("world", ROUNDS)));
                return hashes.thenCompose(digests -> {
                    printTime("two hash chains of %d rounds in parallel: %.2f s (real)", ROUNDS,
                            (System.nanoTime() - start) / 1e9);
                    out.println("compute(hello): " + digests.get(0));
                    out.println("compute(world): " + digests.get(1));
                    stop.set(true);
                    return beats;
                }).thenAccept(n -> {
                    printTime("the loop ticked %d times while the pool hashed", n);
                    out.println("The loop stayed responsive: " + (n > 0));
                });
            });
        } finally {
            pool.shutdown();
        }
    }
}

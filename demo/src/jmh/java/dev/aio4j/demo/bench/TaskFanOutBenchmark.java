package dev.aio4j.demo.bench;

import static dev.aio4j.Asyncio.createTask;
import static dev.aio4j.Asyncio.gather;
import static dev.aio4j.Asyncio.sleep;

import dev.aio4j.EventLoop;
import dev.aio4j.Task;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import kotlin.Unit;
import kotlin.coroutines.Continuation;
import kotlin.coroutines.EmptyCoroutineContext;
import kotlin.jvm.functions.Function2;
import kotlinx.coroutines.AwaitKt;
import kotlinx.coroutines.BuildersKt;
import kotlinx.coroutines.CoroutineScope;
import kotlinx.coroutines.CoroutineStart;
import kotlinx.coroutines.Deferred;
import kotlinx.coroutines.ExecutorCoroutineDispatcher;
import kotlinx.coroutines.ExecutorsKt;
import kotlinx.coroutines.YieldKt;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Creating and awaiting N trivial tasks on one single-threaded loop: the aio4j Java facade
 * ({@code createTask} + {@code gather}, on an {@link EventLoop}) against raw kotlinx.coroutines
 * ({@code async} + {@code awaitAll}, in {@code runBlocking} on a single-thread executor dispatcher),
 * both driven from Java. One operation = all N tasks created and awaited.
 *
 * <ul>
 *   <li>{@code facadeCompleted} vs {@code rawAsync}: the task body returns at once
 *       ({@code completedFuture(i)} / a suspend lambda returning {@code i}).</li>
 *   <li>{@code facadeSleepZero} vs {@code rawAsyncYield}: the body yields to the loop once
 *       ({@code sleep(Duration.ZERO, i)} / {@code yield()}; the raw one's value is Unit, since a Java
 *       lambda cannot resume after a suspension).</li>
 *   <li>{@code plainCompletableFuture}: no coroutines at all ({@code supplyAsync} on the same kind of
 *       single-thread executor, then {@code allOf}) — a floor for reference.</li>
 * </ul>
 *
 * The raw lambdas are plain {@code Function2}s, which kotlinx wraps as suspend functions; a suspend
 * lambda compiled by Kotlin would skip that wrapper (a few allocations per task), so raw is, if
 * anything, slightly handicapped here.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5)
@Measurement(iterations = 10)
@Fork(value = 2, jvmArgsAppend = {"-Xms2g", "-Xmx4g"})
public class TaskFanOutBenchmark {
    @Param("1000000")
    public int n;

    private Integer[] values;
    private EventLoop loop;
    private ExecutorService rawThread;
    private ExecutorCoroutineDispatcher rawDispatcher;

    @Setup
    public void setUp() {
        values = new Integer[n];
        for (int i = 0; i < n; i++) {
            values[i] = i;   // boxed once, so neither side measures Integer.valueOf
        }
        loop = EventLoop.create();
        rawThread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "raw-kotlinx-loop");
            t.setDaemon(true);
            return t;
        });
        rawDispatcher = ExecutorsKt.from(rawThread);   // asCoroutineDispatcher()
    }

    @TearDown
    public void tearDown() throws InterruptedException {
        loop.close();
        rawDispatcher.close();
        rawThread.awaitTermination(10, TimeUnit.SECONDS);
    }

    @Benchmark
    public int facadeCompleted() {
        List<Integer> results = loop.runUntilComplete(() -> {
            List<Task<Integer>> tasks = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                Integer v = values[i];
                tasks.add(createTask(() -> CompletableFuture.completedFuture(v)));
            }
            return gather(tasks);
        });
        return check(results.size());
    }

    @Benchmark
    public int facadeSleepZero() {
        List<Integer> results = loop.runUntilComplete(() -> {
            List<Task<Integer>> tasks = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                Integer v = values[i];
                tasks.add(createTask(() -> sleep(Duration.ZERO, v)));
            }
            return gather(tasks);
        });
        return check(results.size());
    }

    @Benchmark
    public int rawAsync() throws InterruptedException {
        Function2<CoroutineScope, Continuation<? super List<? extends Integer>>, Object> main = (scope, cont) -> {
            List<Deferred<Integer>> deferreds = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                Integer v = values[i];
                Function2<CoroutineScope, Continuation<? super Integer>, Object> body = (s, c) -> v;
                deferreds.add(BuildersKt.async(scope, EmptyCoroutineContext.INSTANCE, CoroutineStart.DEFAULT, body));
            }
            // A tail call: awaitAll's result (or COROUTINE_SUSPENDED) is this suspend lambda's.
            return AwaitKt.awaitAll(deferreds, cont);
        };
        List<? extends Integer> results = BuildersKt.runBlocking(rawDispatcher, main);
        return check(results.size());
    }

    @Benchmark
    public int rawAsyncYield() throws InterruptedException {
        Function2<CoroutineScope, Continuation<? super List<? extends Unit>>, Object> main = (scope, cont) -> {
            List<Deferred<Unit>> deferreds = new ArrayList<>(n);
            Function2<CoroutineScope, Continuation<? super Unit>, Object> body = (s, c) -> YieldKt.yield(c);
            for (int i = 0; i < n; i++) {
                deferreds.add(BuildersKt.async(scope, EmptyCoroutineContext.INSTANCE, CoroutineStart.DEFAULT, body));
            }
            return AwaitKt.awaitAll(deferreds, cont);
        };
        List<? extends Unit> results = BuildersKt.runBlocking(rawDispatcher, main);
        return check(results.size());
    }

    @Benchmark
    public int plainCompletableFuture() {
        // Created on the executor's thread, like the tasks above are created on their loop.
        CompletableFuture<?>[] futures = new CompletableFuture<?>[n];
        CompletableFuture.supplyAsync(() -> {
            for (int i = 0; i < n; i++) {
                Integer v = values[i];
                futures[i] = CompletableFuture.supplyAsync(() -> v, rawThread);
            }
            return CompletableFuture.allOf(futures);
        }, rawThread).thenCompose(all -> all).join();
        return check(futures.length);
    }

    private int check(int size) {
        if (size != n) {
            throw new IllegalStateException("expected " + n + " results, got " + size);
        }
        return size;
    }
}

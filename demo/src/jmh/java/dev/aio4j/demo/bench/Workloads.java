package dev.aio4j.demo.bench;

import static dev.aio4j.Asyncio.createTask;
import static dev.aio4j.Asyncio.gather;
import static dev.aio4j.Asyncio.sleep;

import dev.aio4j.Event;
import dev.aio4j.EventLoop;
import dev.aio4j.Task;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import kotlin.coroutines.Continuation;
import kotlin.coroutines.EmptyCoroutineContext;
import kotlin.jvm.functions.Function2;
import kotlinx.coroutines.AwaitKt;
import kotlinx.coroutines.BuildersKt;
import kotlinx.coroutines.CompletableDeferred;
import kotlinx.coroutines.CompletableDeferredKt;
import kotlinx.coroutines.CoroutineScope;
import kotlinx.coroutines.CoroutineStart;
import kotlinx.coroutines.Deferred;
import kotlinx.coroutines.ExecutorCoroutineDispatcher;
import kotlinx.coroutines.ExecutorsKt;

/**
 * The JVM side of the cross-runtime suite (issue 8; driver: {@code demo/bench/run-suite.sh}): runs one
 * workload for one runtime, a few warm-up repetitions and then measured ones, in this process.
 *
 * <pre>java -cp demo/target/benchmarks.jar dev.aio4j.demo.bench.Workloads WORKLOAD RUNTIME WARMUPS REPS</pre>
 *
 * Prints {@code RESULT <workload> <runtime> <metric> <value>} per measured repetition. Runtimes:
 * {@code aio4j} (the Java facade on an {@link EventLoop}; for w1 also {@code aio4j-eager}, with
 * {@link EventLoop#setEagerTasks eager tasks}), {@code kotlinx} (raw kotlinx.coroutines in
 * {@code runBlocking} on a single-thread executor dispatcher — the same loop kind), {@code vthreads}
 * (a virtual thread per task; JDK 21+, run it on the Temurin 25 JDK). Workloads as in
 * {@code workloads.py}: w1 / w1-100k (tasks that yield once, gathered), w2 (bytes per parked task),
 * w3 (1M items through a bounded(1000) queue), w4 (100k tasks through a Semaphore(100)). For aio4j
 * and kotlinx, w3 and w4 run the same code as {@link QueueBenchmark} and {@link SemaphoreBenchmark}.
 */
public final class Workloads {
    private Workloads() {}

    /** One runtime's implementation of one workload: returns the metric's value (ms are measured outside). */
    private interface Run {
        double run(int n) throws Exception;
    }

    public static void main(String[] args) throws Exception {
        String workload = args[0];
        String runtime = args[1];
        int warmups = Integer.parseInt(args[2]);
        int reps = Integer.parseInt(args[3]);
        int n = Map.of("w1", 1_000_000, "w1-100k", 100_000, "w2", 100_000, "w3", 1_000_000, "w4", 100_000)
                .get(workload);
        boolean bytes = workload.equals("w2");
        Run run = pick(workload.replace("-100k", ""), runtime);
        for (int i = 0; i < warmups + reps; i++) {
            System.gc();
            long start = System.nanoTime();
            double value = run.run(n);
            double ms = (System.nanoTime() - start) / 1e6;
            if (i >= warmups) {
                System.out.printf("RESULT %s %s %s %.1f%n", workload, runtime, bytes ? "bytes_per_task" : "ms",
                        bytes ? value : ms);
            }
        }
        System.exit(0);   // the loops and executors are daemons or closed; do not wait for stragglers
    }

    private static Run pick(String workload, String runtime) {
        switch (workload + "/" + runtime) {
            case "w1/aio4j": return n -> aio4jTasks(n, false);
            case "w1/aio4j-eager": return n -> aio4jTasks(n, true);
            case "w1/kotlinx": return Workloads::kotlinxTasks;
            case "w1/vthreads": return Workloads::virtualThreadTasks;
            case "w2/aio4j": return Workloads::aio4jParked;
            case "w2/kotlinx": return Workloads::kotlinxParked;
            case "w2/vthreads": return Workloads::virtualThreadsParked;
            case "w3/aio4j": return n -> jmh(new QueueBenchmark(), "facadeQueue", Map.of("n", n, "capacity", 1000));
            case "w3/kotlinx": return n -> jmh(new QueueBenchmark(), "rawChannel", Map.of("n", n, "capacity", 1000));
            case "w3/vthreads": return Workloads::virtualThreadQueue;
            case "w4/aio4j": return n -> jmh(new SemaphoreBenchmark(), "facadeSemaphore", Map.of("n", n, "permits", 100));
            case "w4/kotlinx": return n -> jmh(new SemaphoreBenchmark(), "rawSemaphore", Map.of("n", n, "permits", 100));
            case "w4/vthreads": return Workloads::virtualThreadSemaphore;
            default: throw new IllegalArgumentException("unknown workload/runtime: " + workload + "/" + runtime);
        }
    }

    // ---- W1: n tasks, each yields once and returns its index, gathered -----------------------------

    private static double aio4jTasks(int n, boolean eager) {
        try (EventLoop loop = EventLoop.create()) {
            loop.setEagerTasks(eager);
            List<Integer> results = loop.runUntilComplete(() -> {
                List<Task<Integer>> tasks = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    Integer index = i;
                    tasks.add(createTask(() -> sleep(Duration.ZERO, index)));
                }
                return gather(tasks);
            });
            return check(results.size(), n);
        }
    }

    private static double kotlinxTasks(int n) throws Exception {
        // The body yields and returns Unit: a Java lambda cannot resume after a suspension (see
        // TaskFanOutBenchmark.rawAsyncYield); returning the index would cost raw one more box, not less.
        return onRawLoop(n, (scope, cont) -> {
            List<Deferred<Object>> deferreds = new ArrayList<>(n);
            Function2<CoroutineScope, Continuation<? super Object>, Object> body =
                    (s, c) -> kotlinx.coroutines.YieldKt.yield(c);
            for (int i = 0; i < n; i++) {
                deferreds.add(BuildersKt.async(scope, EmptyCoroutineContext.INSTANCE, CoroutineStart.DEFAULT, body));
            }
            return AwaitKt.awaitAll(deferreds, cont);
        });
    }

    private static double virtualThreadTasks(int n) throws Exception {
        return onVirtualThreads(n, index -> {
            Thread.yield();
            return index;
        });
    }

    /** Runs {@code job(i)} for i in 0..n-1, a virtual thread each, and waits for all ("gather"). */
    private static double onVirtualThreads(int n, java.util.function.IntFunction<Integer> job) throws Exception {
        ExecutorService pool = virtualThreads();
        try {
            List<java.util.concurrent.Future<Integer>> futures = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                int index = i;
                futures.add(pool.submit((Callable<Integer>) () -> job.apply(index)));
            }
            int last = 0;
            for (java.util.concurrent.Future<Integer> f : futures) {
                last = f.get();
            }
            return check(last + 1, n);
        } finally {
            pool.shutdown();
        }
    }

    // ---- W2: bytes per task while n tasks are parked at once (heap after GC) -------------------------

    private static double aio4jParked(int n) {
        try (EventLoop loop = EventLoop.create()) {
            return loop.runUntilComplete(() -> {
                Event gate = new Event();
                long before = heapAfterGc();
                List<Task<Boolean>> tasks = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    tasks.add(createTask(gate::await));
                }
                // One iteration later every task has run up to its await.
                return sleep(Duration.ZERO).thenCompose(started -> {
                    double perTask = (heapAfterGc() - before) / (double) n;
                    gate.set();
                    return gather(tasks).thenApply(all -> perTask);
                });
            });
        }
    }

    private static double kotlinxParked(int n) throws Exception {
        double[] perTask = new double[1];
        onRawLoop(n, (scope, cont) -> {
            CompletableDeferred<Object> gate = CompletableDeferredKt.CompletableDeferred(null);
            long before = heapAfterGc();
            List<Deferred<Object>> deferreds = new ArrayList<>(n);
            Function2<CoroutineScope, Continuation<? super Object>, Object> body = (s, c) -> gate.await(c);
            for (int i = 0; i < n; i++) {
                // UNDISPATCHED: each body runs at once up to its await, so all are parked when measured.
                deferreds.add(BuildersKt.async(scope, EmptyCoroutineContext.INSTANCE, CoroutineStart.UNDISPATCHED, body));
            }
            perTask[0] = (heapAfterGc() - before) / (double) n;
            gate.complete(kotlin.Unit.INSTANCE);
            return AwaitKt.awaitAll(deferreds, cont);
        });
        return perTask[0];
    }

    private static double virtualThreadsParked(int n) throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        CountDownLatch started = new CountDownLatch(n);
        long before = heapAfterGc();
        List<Thread> threads = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            threads.add(startVirtualThread(() -> {
                started.countDown();
                try {
                    gate.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
        }
        started.await();
        Thread.sleep(200);   // let the last ones reach park()
        double perTask = (heapAfterGc() - before) / (double) n;
        gate.countDown();
        for (Thread t : threads) {
            t.join();
        }
        return perTask;
    }

    // ---- W3 / W4 on virtual threads -----------------------------------------------------------------

    private static double virtualThreadQueue(int n) throws Exception {
        ArrayBlockingQueue<Integer> queue = new ArrayBlockingQueue<>(1000);
        long[] total = new long[1];
        Thread producer = startVirtualThread(() -> {
            try {
                for (int i = 0; i < n; i++) {
                    queue.put(i);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        Thread consumer = startVirtualThread(() -> {
            try {
                for (int i = 0; i < n; i++) {
                    total[0] += queue.take();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        producer.join();
        consumer.join();
        return check(total[0] == (long) n * (n - 1) / 2 ? n : -1, n);
    }

    private static double virtualThreadSemaphore(int n) throws Exception {
        Semaphore semaphore = new Semaphore(100, true);
        return onVirtualThreads(n, index -> {
            semaphore.acquireUninterruptibly();
            try {
                Thread.yield();
                return index;
            } finally {
                semaphore.release();
            }
        });
    }

    // ---- plumbing ---------------------------------------------------------------------------------------

    /** Runs a JMH benchmark method of aio4j's own suite once, as JMH would between setUp and tearDown. */
    private static double jmh(Object benchmark, String method, Map<String, Integer> params) throws Exception {
        Class<?> type = benchmark.getClass();
        for (Map.Entry<String, Integer> param : params.entrySet()) {
            type.getField(param.getKey()).setInt(benchmark, param.getValue());
        }
        type.getMethod("setUp").invoke(benchmark);
        try {
            return ((Number) type.getMethod(method).invoke(benchmark)).doubleValue();
        } finally {
            type.getMethod("tearDown").invoke(benchmark);
        }
    }

    private static double onRawLoop(int n, Function2<CoroutineScope, Continuation<? super Object>, Object> main)
            throws InterruptedException {
        ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "raw-kotlinx-loop");
            t.setDaemon(true);
            return t;
        });
        ExecutorCoroutineDispatcher dispatcher = ExecutorsKt.from(thread);
        try {
            BuildersKt.runBlocking(dispatcher, main);
            return n;
        } finally {
            dispatcher.close();
            thread.awaitTermination(10, TimeUnit.SECONDS);
        }
    }

    private static ExecutorService virtualThreads() {
        try {
            return (ExecutorService) Executors.class.getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("virtual threads need JDK 21 or later (run on the Temurin 25 JDK)", e);
        }
    }

    private static Thread startVirtualThread(Runnable body) {
        try {
            return (Thread) Thread.class.getMethod("startVirtualThread", Runnable.class).invoke(null, body);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("virtual threads need JDK 21 or later (run on the Temurin 25 JDK)", e);
        }
    }

    private static long heapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static double check(int size, int n) {
        if (size != n) {
            throw new IllegalStateException("expected " + n + " results, got " + size);
        }
        return size;
    }
}

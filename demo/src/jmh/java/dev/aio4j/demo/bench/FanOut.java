package dev.aio4j.demo.bench;

import dev.aio4j.Asyncio;
import dev.aio4j.EventLoop;
import dev.aio4j.Outcome;
import dev.aio4j.http.ClientResponse;
import dev.aio4j.http.ClientSession;
import io.ktor.client.HttpClient;
import io.ktor.client.HttpClientKt;
import io.ktor.client.engine.cio.CIO;
import io.ktor.client.engine.cio.CIOEngineConfig;
import io.ktor.client.request.HttpRequestBuilder;
import io.ktor.client.request.HttpRequestKt;
import io.ktor.client.statement.HttpResponse;
import io.ktor.client.statement.HttpStatement;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import kotlin.Unit;
import kotlin.coroutines.EmptyCoroutineContext;
import kotlinx.coroutines.CoroutineScopeKt;
import kotlinx.coroutines.CoroutineStart;
import kotlinx.coroutines.Dispatchers;
import kotlinx.coroutines.future.FutureKt;

/**
 * W5 of the cross-runtime suite, the JVM side (issue 4's "N URLs with a 1 s server delay", issue 8's W5;
 * driver: {@code demo/bench/run-w5.sh}): N concurrent GETs of one URL (the demo server's
 * {@code /delay/1}, in another process), each response read whole, with a fresh client per
 * repetition (cold connection pool: every request opens its connection, as in the seeds' script).
 *
 * <pre>java -cp demo/target/benchmarks.jar dev.aio4j.demo.bench.FanOut RUNTIME URL N WARMUPS REPS</pre>
 *
 * Warm-ups run the same fan-out (the same N) against the URL with {@code /delay/1} replaced by
 * {@code /delay/0}: JIT warm-up without the 1 s wait. A smaller warm-up leaves the JVM clients compiling
 * Ktor's and the JDK's code during the measured run (JFR: C2 was the busiest thread at N = 10,000).
 * {@code run-w5.sh} also asks for more repetitions than it records ({@code DELAYED_WARMUPS}): the first
 * fan-outs of {@code /delay/1} still compile code that {@code /delay/0} does not reach.
 * Prints per measured repetition
 * {@code RESULT w5-<N> <runtime> ms <wall ms> failures <count> cpu_ms <cpu ms>}: the wall time from
 * creating the client to the last body read, how many requests failed (an exception or a status other
 * than 200), and the CPU time the client process used meanwhile (all threads; less sensitive to a
 * loaded machine than the wall time). Runtimes:
 * <ul>
 *   <li>{@code aio4j}: {@link ClientSession} with its defaults, through the Java facade on an
 *       {@link EventLoop}; {@code aio4j-seq} awaits the N requests one after the other (the seeds'
 *       sequential column);</li>
 *   <li>{@code ktor-cio}: raw Ktor CIO {@code HttpClient} with raised limits (20,000 connections in
 *       total and per route, no request or connect timeout), one coroutine per request on
 *       {@code Dispatchers.Default};</li>
 *   <li>{@code jdk-http}: the JDK {@code HttpClient} pinned to HTTP/1.1, a blocking {@code send} per
 *       request on its own virtual thread (JDK 21+: run it on Temurin 25).</li>
 * </ul>
 */
public final class FanOut {
    private FanOut() {}

    /** A fan-out still running after this long is stopped; its unfinished requests count as failures. */
    static final long DEADLINE_SECONDS = 60;

    /** One runtime: N GETs of url at once; returns how many failed. */
    private interface Runtime {
        int fanOut(String url, int n) throws Exception;
    }

    public static void main(String[] args) throws Exception {
        String runtime = args[0];
        String url = args[1];
        int n = Integer.parseInt(args[2]);
        int warmups = Integer.parseInt(args[3]);
        int reps = Integer.parseInt(args[4]);
        Runtime run = pick(runtime);
        String warmUrl = url.replace("/delay/1", "/delay/0");
        for (int i = 0; i < warmups; i++) {
            int failed = run.fanOut(warmUrl, n);
            if (failed > 0) System.err.printf("warm-up %d: %d failures%n", i, failed);
        }
        for (int i = 0; i < reps; i++) {
            System.gc();
            long cpu = processCpuNanos();
            long start = System.nanoTime();
            int failed = run.fanOut(url, n);
            double ms = (System.nanoTime() - start) / 1e6;
            double cpuMs = (processCpuNanos() - cpu) / 1e6;
            System.out.printf("RESULT w5-%d %s ms %.1f failures %d cpu_ms %.0f%n", n, runtime, ms, failed, cpuMs);
        }
        System.exit(0);
    }

    /** CPU time of this process (all threads, user + system), from the platform MXBean. */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static Runtime pick(String runtime) {
        switch (runtime) {
            case "aio4j": return FanOut::aio4j;
            case "aio4j-seq": return FanOut::aio4jSequential;
            case "ktor-cio": return FanOut::ktorCio;
            case "jdk-http": return FanOut::jdkHttpClient;
            default: throw new IllegalArgumentException("unknown runtime: " + runtime);
        }
    }

    // ---- aio4j: ClientSession with its defaults -------------------------------------------------

    private static int aio4j(String url, int n) {
        try (EventLoop loop = EventLoop.create()) {
            return loop.runUntilComplete(() -> {
                ClientSession session = ClientSession.create();
                List<CompletionStage<String>> bodies = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    bodies.add(session.get(url).thenCompose(FanOut::okText));
                }
                return Asyncio.gatherSettled(bodies)
                        .thenCompose(outcomes -> session.aclose().thenApply(v -> failures(outcomes)));
            });
        }
    }

    private static int aio4jSequential(String url, int n) {
        try (EventLoop loop = EventLoop.create()) {
            return loop.runUntilComplete(() -> {
                ClientSession session = ClientSession.create();
                CompletableFuture<Integer> failed = CompletableFuture.completedFuture(0);
                for (int i = 0; i < n; i++) {
                    failed = failed.thenCompose(f -> session.get(url).thenCompose(FanOut::okText)
                            .handle((body, error) -> error == null ? f : f + 1));
                }
                return failed.thenCompose(f -> session.aclose().thenApply(v -> f));
            });
        }
    }

    private static CompletionStage<String> okText(ClientResponse response) {
        if (response.status() != 200) {
            response.release();
            return CompletableFuture.failedFuture(new IllegalStateException("status " + response.status()));
        }
        return response.text();
    }

    private static int failures(List<? extends Outcome<?>> outcomes) {
        int failed = 0;
        for (Outcome<?> o : outcomes) {
            if (!o.isSuccess()) failed++;
        }
        return failed;
    }

    // ---- raw Ktor CIO with raised limits -----------------------------------------------------------

    private static int ktorCio(String url, int n) throws Exception {
        HttpClient client = HttpClientKt.HttpClient(CIO.INSTANCE, config -> {
            config.setExpectSuccess(false);
            config.engine(engine -> {
                CIOEngineConfig cio = (CIOEngineConfig) engine;
                cio.setMaxConnectionsCount(20_000);
                cio.setRequestTimeout(0);
                cio.getEndpoint().setMaxConnectionsPerRoute(20_000);
                cio.getEndpoint().setConnectTimeout(Long.MAX_VALUE);
                cio.getEndpoint().setConnectAttempts(1);
                return Unit.INSTANCE;
            });
            return Unit.INSTANCE;
        });
        try {
            var scope = CoroutineScopeKt.CoroutineScope(Dispatchers.getDefault());
            List<CompletableFuture<HttpResponse>> calls = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                HttpRequestBuilder request = new HttpRequestBuilder();
                HttpRequestKt.url(request, url);
                HttpStatement statement = new HttpStatement(request, client);
                // execute() reads the whole body into memory before it returns the response.
                calls.add(FutureKt.future(scope, EmptyCoroutineContext.INSTANCE, CoroutineStart.DEFAULT,
                        (s, cont) -> statement.execute(cont)));
            }
            List<CompletableFuture<Boolean>> ok = new ArrayList<>(n);
            for (CompletableFuture<HttpResponse> call : calls) ok.add(call.thenApply(r -> r.getStatus().getValue() == 200));
            return failuresWithin(ok, calls);
        } finally {
            client.close();
        }
    }

    // ---- JDK HttpClient, HTTP/1.1, a virtual thread per request ---------------------------------

    private static int jdkHttpClient(String url, int n) throws Exception {
        ExecutorService threads = virtualThreadPerTask();
        java.net.http.HttpClient client = java.net.http.HttpClient.newBuilder()
                .version(java.net.http.HttpClient.Version.HTTP_1_1)
                .executor(threads)
                .build();
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(120)).build();
            List<CompletableFuture<Boolean>> ok = new ArrayList<>(n);
            List<Future<?>> calls = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                CompletableFuture<Boolean> done = new CompletableFuture<>();
                ok.add(done);
                calls.add(threads.submit(() -> {
                    try {
                        var response = client.send(request, java.net.http.HttpResponse.BodyHandlers.ofString());
                        done.complete(response.statusCode() == 200);
                    } catch (Exception e) {
                        done.complete(false);
                    }
                }));
            }
            return failuresWithin(ok, calls);
        } finally {
            threads.shutdown();
        }
    }

    /**
     * How many of [ok] did not complete with true within {@link #DEADLINE_SECONDS} (a hung request is a
     * failure, not a hung benchmark); what is still running then is cancelled.
     */
    private static int failuresWithin(List<CompletableFuture<Boolean>> ok, List<? extends Future<?>> calls) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(DEADLINE_SECONDS);
        int failed = 0;
        for (CompletableFuture<Boolean> f : ok) {
            try {
                if (!f.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) failed++;
            } catch (Exception e) {
                failed++;
            }
        }
        for (Future<?> call : calls) call.cancel(true);
        return failed;
    }

    /** {@code Executors.newVirtualThreadPerTaskExecutor()} (JDK 21+), called reflectively: this module targets 17. */
    private static ExecutorService virtualThreadPerTask() throws Exception {
        return (ExecutorService) Executors.class.getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
    }
}

package dev.aio4j.demo.bench;

import static dev.aio4j.Asyncio.createTask;
import static dev.aio4j.Asyncio.gather;
import static dev.aio4j.Asyncio.sleep;

import dev.aio4j.EventLoop;
import dev.aio4j.Semaphore;
import dev.aio4j.Task;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import kotlin.ResultKt;
import kotlin.Unit;
import kotlin.coroutines.Continuation;
import kotlin.coroutines.EmptyCoroutineContext;
import kotlin.jvm.functions.Function2;
import kotlinx.coroutines.AwaitKt;
import kotlinx.coroutines.BuildersKt;
import kotlinx.coroutines.CoroutineScope;
import kotlinx.coroutines.CoroutineStart;
import kotlinx.coroutines.Deferred;
import kotlinx.coroutines.YieldKt;
import kotlinx.coroutines.sync.SemaphoreKt;
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
 * Issue 3's semaphore proof: N tasks through a semaphore of {@code permits}, each taking a permit,
 * yielding to the loop once and giving it back, on one single-threaded loop. One operation = all N
 * tasks created and awaited.
 *
 * <ul>
 *   <li>{@code facadeSemaphore}: the Java facade — {@code createTask(() -> sem.withPermit(() ->
 *       sleep(Duration.ZERO)))} N times on an {@link EventLoop}, then {@code gather}.</li>
 *   <li>{@code coreSemaphore}: the suspend core {@code dev.aio4j.coroutines.Semaphore} in raw
 *       {@code async} coroutines (acquire, {@code yield()}, release) — the semaphore's own cost.</li>
 *   <li>{@code rawSemaphore}: kotlinx {@code Semaphore(permits)}, the same coroutines.</li>
 * </ul>
 * The task-creation cost of the facade is measured on its own by {@link TaskFanOutBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5)
@Measurement(iterations = 10)
@Fork(value = 2, jvmArgsAppend = {"-Xms1g", "-Xmx2g"})
public class SemaphoreBenchmark {
    @Param("100000")
    public int n;

    @Param("100")
    public int permits;

    private Loops loops;

    @Setup
    public void setUp() {
        loops = new Loops();
    }

    @TearDown
    public void tearDown() throws InterruptedException {
        loops.close();
    }

    @Benchmark
    public int facadeSemaphore() {
        List<Void> results = loops.loop.runUntilComplete(() -> {
            Semaphore sem = new Semaphore(permits);
            List<Task<Void>> tasks = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                tasks.add(createTask(() -> sem.withPermit(() -> sleep(Duration.ZERO))));
            }
            return gather(tasks);
        });
        return check(results.size());
    }

    @Benchmark
    public int coreSemaphore() throws InterruptedException {
        dev.aio4j.coroutines.Semaphore sem = new dev.aio4j.coroutines.Semaphore(permits);
        return check(runTasks(sem::acquire, c -> sem.release()));
    }

    @Benchmark
    public int rawSemaphore() throws InterruptedException {
        kotlinx.coroutines.sync.Semaphore sem = SemaphoreKt.Semaphore(permits, 0);
        return check(runTasks(sem::acquire, c -> sem.release()));
    }

    private int runTasks(Function<Continuation<Object>, Object> acquire, Consumer<Object> release)
            throws InterruptedException {
        Function2<CoroutineScope, Continuation<? super List<? extends Object>>, Object> main = (scope, cont) -> {
            List<Deferred<Object>> deferreds = new ArrayList<>(n);
            Function2<CoroutineScope, Continuation<? super Object>, Object> body =
                    (s, c) -> new PermitHolder(c, acquire, release).start();
            for (int i = 0; i < n; i++) {
                deferreds.add(BuildersKt.async(scope, EmptyCoroutineContext.INSTANCE, CoroutineStart.DEFAULT, body));
            }
            return AwaitKt.awaitAll(deferreds, cont);
        };
        List<? extends Object> results = BuildersKt.runBlocking(loops.rawDispatcher, main);
        return results.size();
    }

    /** {@code sem.acquire(); try { yield() } finally { sem.release() }}. */
    private static final class PermitHolder extends SuspendMachine {
        private final Function<Continuation<Object>, Object> acquire;
        private final Consumer<Object> release;

        PermitHolder(Continuation<?> completion, Function<Continuation<Object>, Object> acquire, Consumer<Object> release) {
            super(completion);
            this.acquire = acquire;
            this.release = release;
        }

        @Override
        protected Object invokeSuspend(Object result) {
            switch (label) {
                case 0:
                    ResultKt.throwOnFailure(result);
                    label = 1;
                    if (acquire.apply(this) == SUSPENDED) return SUSPENDED;
                    // fall through: the permit was free
                case 1:
                    ResultKt.throwOnFailure(result);
                    label = 2;
                    try {
                        if (YieldKt.yield(this) == SUSPENDED) return SUSPENDED;
                    } catch (RuntimeException | Error e) {
                        release.accept(null);
                        throw e;
                    }
                    // fall through: yield did not suspend
                case 2:
                    release.accept(null);
                    ResultKt.throwOnFailure(result);
                    return Unit.INSTANCE;
                default:
                    throw new IllegalStateException("resumed at label " + label);
            }
        }
    }

    private int check(int size) {
        if (size != n) {
            throw new IllegalStateException("expected " + n + " results, got " + size);
        }
        return size;
    }
}

package dev.aio4j.demo.bench;

import static dev.aio4j.Asyncio.createTask;

import dev.aio4j.EventLoop;
import dev.aio4j.Queue;
import dev.aio4j.Task;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import kotlin.ResultKt;
import kotlin.Unit;
import kotlin.coroutines.Continuation;
import kotlin.coroutines.EmptyCoroutineContext;
import kotlin.jvm.functions.Function2;
import kotlinx.coroutines.BuildersKt;
import kotlinx.coroutines.CoroutineScope;
import kotlinx.coroutines.CoroutineStart;
import kotlinx.coroutines.Deferred;
import kotlinx.coroutines.channels.BufferOverflow;
import kotlinx.coroutines.channels.Channel;
import kotlinx.coroutines.channels.ChannelKt;
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
 * Issue 3's queue proof: N items through a bounded queue of {@code capacity} slots, one producer task
 * and one consumer task on one single-threaded loop. One operation = all N items put, taken and summed.
 *
 * <ul>
 *   <li>{@code facadeQueue}: the Java facade — {@code new Queue<>(capacity)} on an {@link EventLoop},
 *       a producer task looping {@code queue.put(v)} and a consumer task looping {@code queue.get()}, each
 *       continuing synchronously while the future is already done and from its callback when not (the
 *       usual CompletableFuture loop).</li>
 *   <li>{@code coreQueue}: the suspend core {@code dev.aio4j.coroutines.Queue} with the same producer and
 *       consumer as {@code rawChannel} — separates the queue's own cost from the facade's.</li>
 *   <li>{@code rawChannel}: kotlinx {@code Channel(capacity)}, {@code send}/{@code receive} in two
 *       coroutines of {@code runBlocking} on a single-thread executor dispatcher.</li>
 * </ul>
 * The suspend producer and consumer are hand-written state machines ({@link SuspendMachine}), which is
 * what kotlinc generates for {@code for (v in values) channel.send(v)}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5)
@Measurement(iterations = 10)
@Fork(value = 2, jvmArgsAppend = {"-Xms1g", "-Xmx2g"})
public class QueueBenchmark {
    @Param("1000000")
    public int n;

    @Param("1000")
    public int capacity;

    private Integer[] values;
    private long expectedSum;
    private Loops loops;

    @Setup
    public void setUp() {
        values = new Integer[n];
        for (int i = 0; i < n; i++) {
            values[i] = i;   // boxed once, so no side measures Integer.valueOf
            expectedSum += i;
        }
        loops = new Loops();
    }

    @TearDown
    public void tearDown() throws InterruptedException {
        loops.close();
    }

    @Benchmark
    public long facadeQueue() {
        long sum = loops.loop.runUntilComplete(() -> {
            Queue<Integer> queue = new Queue<>(capacity);
            createTask(() -> {
                CompletableFuture<Void> done = new CompletableFuture<>();
                produce(queue, 0, done);
                return done;
            });
            Task<Long> consumer = createTask(() -> {
                CompletableFuture<Long> done = new CompletableFuture<>();
                consume(queue, 0, 0L, done);
                return done;
            });
            return consumer;
        });
        return check(sum);
    }

    private void produce(Queue<Integer> queue, int from, CompletableFuture<Void> done) {
        for (int i = from; i < n; i++) {
            CompletableFuture<Void> put = queue.put(values[i]);
            if (!put.isDone()) {
                int next = i + 1;
                put.whenComplete((v, e) -> {
                    if (e != null) done.completeExceptionally(e);
                    else produce(queue, next, done);
                });
                return;
            }
        }
        done.complete(null);
    }

    private void consume(Queue<Integer> queue, int from, long sum, CompletableFuture<Long> done) {
        long total = sum;
        for (int i = from; i < n; i++) {
            CompletableFuture<Integer> get = queue.get();
            if (!get.isDone()) {
                int next = i + 1;
                long before = total;
                get.whenComplete((v, e) -> {
                    if (e != null) done.completeExceptionally(e);
                    else consume(queue, next, before + v, done);
                });
                return;
            }
            total += get.join();
        }
        done.complete(total);
    }

    @Benchmark
    public long coreQueue() throws InterruptedException {
        dev.aio4j.coroutines.Queue<Integer> queue = new dev.aio4j.coroutines.Queue<>(capacity);
        return check(runPipe(new Pipe() {
            @Override
            public Object send(Integer v, Continuation<? super Unit> c) {
                return queue.put(v, c);
            }

            @Override
            public Object receive(Continuation<? super Integer> c) {
                return queue.get(c);
            }
        }));
    }

    @Benchmark
    public long rawChannel() throws InterruptedException {
        Channel<Integer> channel = ChannelKt.Channel(capacity, BufferOverflow.SUSPEND, null);
        return check(runPipe(new Pipe() {
            @Override
            public Object send(Integer v, Continuation<? super Unit> c) {
                return channel.send(v, c);
            }

            @Override
            public Object receive(Continuation<? super Integer> c) {
                return channel.receive(c);
            }
        }));
    }

    /** Suspend send/receive of a kotlinx channel or the aio4j core queue. */
    private interface Pipe {
        Object send(Integer v, Continuation<? super Unit> c);

        Object receive(Continuation<? super Integer> c);
    }

    private long runPipe(Pipe pipe) throws InterruptedException {
        Function2<CoroutineScope, Continuation<? super Long>, Object> main = (scope, cont) -> {
            Function2<CoroutineScope, Continuation<? super Unit>, Object> producer = (s, c) -> new Producer(c, pipe).start();
            Function2<CoroutineScope, Continuation<? super Long>, Object> consumer = (s, c) -> new Consumer(c, pipe).start();
            BuildersKt.launch(scope, EmptyCoroutineContext.INSTANCE, CoroutineStart.DEFAULT, producer);
            Deferred<Long> sum = BuildersKt.async(scope, EmptyCoroutineContext.INSTANCE, CoroutineStart.DEFAULT, consumer);
            return sum.await(cont);
        };
        return BuildersKt.runBlocking(loops.rawDispatcher, main);
    }

    /** {@code for (v in values) pipe.send(v)}. */
    private final class Producer extends SuspendMachine {
        private final Pipe pipe;
        private int i;

        Producer(Continuation<?> completion, Pipe pipe) {
            super(completion);
            this.pipe = pipe;
        }

        @Override
        protected Object invokeSuspend(Object result) {
            ResultKt.throwOnFailure(result);
            if (label == 1) i++;   // resumed after a send that suspended
            label = 1;
            for (; i < n; i++) {
                if (pipe.send(values[i], this) == SUSPENDED) return SUSPENDED;
            }
            return Unit.INSTANCE;
        }
    }

    /** {@code repeat(n) { sum += pipe.receive() }; sum}. */
    private final class Consumer extends SuspendMachine {
        private final Pipe pipe;
        private int i;
        private long sum;

        Consumer(Continuation<?> completion, Pipe pipe) {
            super(completion);
            this.pipe = pipe;
        }

        @Override
        protected Object invokeSuspend(Object result) {
            ResultKt.throwOnFailure(result);
            if (label == 1) {   // resumed with the item of a receive that suspended
                sum += (Integer) result;
                i++;
            }
            label = 1;
            for (; i < n; i++) {
                Object item = pipe.receive(this);
                if (item == SUSPENDED) return SUSPENDED;
                sum += (Integer) item;
            }
            return sum;
        }
    }

    private long check(long sum) {
        if (sum != expectedSum) {
            throw new IllegalStateException("expected the sum " + expectedSum + ", got " + sum);
        }
        return sum;
    }
}

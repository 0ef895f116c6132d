package dev.aio4j;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * Shared fixture of the Java tests: a fresh virtual-time loop per test whose clock jumps to the next
 * timer whenever it is idle, so seconds of sleeps and timeouts take no real time and are exact.
 *
 * <p>Every loop report (a callback that threw, an unhandled coroutine failure) fails the test unless
 * the test takes it out of {@link #reports} (STYLE.md §3: unhandled exceptions fail the test). A JUnit
 * timeout guards against hangs; no test relies on it.
 */
@org.junit.jupiter.api.Timeout(30)
abstract class JavaLoopTestBase {
    protected EventLoop loop;
    /** The loop's one thread, where every task and callback runs. */
    protected Thread loopThread;
    protected final List<LoopReport> reports = new CopyOnWriteArrayList<>();
    protected final EventLog log = new EventLog();

    @BeforeEach
    void openVirtualLoop() {
        loop = EventLoop.createWithVirtualTime();
        loop.setExceptionHandler(reports::add);
        loopThread = loop.runUntilComplete(() -> CompletableFuture.completedFuture(Thread.currentThread()));
    }

    @AfterEach
    void closeLoopAndCheckReports() {
        loop.close();
        List<String> unexpected = new ArrayList<>();
        for (LoopReport r : reports) unexpected.add(r.toString());
        assertEquals(List.of(), unexpected, "the loop reported errors nobody expected");
    }

    /**
     * Registers {@code cleanup} on the operation's own future and returns that same future: a
     * finally-like callback that runs when the task awaiting it is cancelled, before that task is done.
     *
     * <p>Tests use this rather than the more natural {@code return op.whenComplete(cleanup)} because
     * of a bug in the main code: when a task (or a timeout / task-group body) is cancelled, the facade
     * cancels the plain dependent stage the body returned, so a cleanup chained on it never runs. The
     * tests marked "BUG(main)" in CancellationJavaTest, TimeoutJavaTest and TaskGroupJavaTest show it.
     */
    static <T> CompletableFuture<T> withCleanup(CompletableFuture<T> operation, BiConsumer<? super T, ? super Throwable> cleanup) {
        operation.whenComplete(cleanup);
        return operation;
    }

    /**
     * Checkpoints after kotlinx's {@code expect(n)}/{@code finish(n)}: every step must be reached in
     * order, from any thread. A step out of order throws and is remembered, so an {@link AssertionError}
     * swallowed by a callback still fails {@link #finish}.
     */
    static final class Steps {
        private final AtomicInteger next = new AtomicInteger(1);
        private final AtomicReference<AssertionError> firstError = new AtomicReference<>();

        void expect(int n) {
            int due = next.getAndIncrement();
            if (due != n) {
                AssertionError e = new AssertionError("reached step " + n + " while step " + due + " was due");
                firstError.compareAndSet(null, e);
                throw e;
            }
        }

        void finish(int n) {
            AssertionError earlier = firstError.get();
            if (earlier != null) throw earlier;
            expect(n);
            next.set(Integer.MIN_VALUE);
        }

        <T> T unreachable() {
            AssertionError e = new AssertionError("must not run (next step was " + next.get() + ")");
            firstError.compareAndSet(null, e);
            throw e;
        }
    }

    /** A thread-safe event log, compared as a whole (Trio's {@code record}, OkHttp's {@code log}). */
    static final class EventLog {
        private final List<String> events = new CopyOnWriteArrayList<>();

        void add(String event) {
            events.add(event);
        }

        List<String> events() {
            return List.copyOf(events);
        }

        void assertEvents(String... expected) {
            assertEquals(List.of(expected), events());
        }

        void clear() {
            events.clear();
        }
    }
}

package dev.aio4j;

import static dev.aio4j.Asyncio.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * {@code Asyncio.run}: a fresh real-time loop per call (DESIGN.md, decisions 2 and 6). Sleeps are kept
 * to a few milliseconds and nothing asserts on wall-clock durations.
 */
@org.junit.jupiter.api.Timeout(30)
class RunJavaTest {
    private final JavaLoopTestBase.EventLog log = new JavaLoopTestBase.EventLog();

    static final class AppException extends RuntimeException {
        AppException(String message) {
            super(message);
        }
    }

    @Test
    void runReturnsMainsValue() {
        String v = run(() -> sleep(Duration.ofMillis(5), "done"));
        assertEquals("done", v);
        Integer n = run(() -> gather(sleep(Duration.ofMillis(2), 1), sleep(Duration.ofMillis(1), 2))
                .thenApply(list -> list.get(0) + list.get(1)));
        assertEquals(3, n);
    }

    @Test
    void runThrowsMainsCheckedExceptionAsItself() {
        IOException e = assertThrows(IOException.class, () -> run(() -> sleep(Duration.ofMillis(1))
                .thenCompose(v -> CompletableFuture.failedFuture(new IOException("disk full")))));
        assertSame(IOException.class, e.getClass());
        assertEquals("disk full", e.getMessage());
    }

    /** BUG(main) with -ea: see TaskJavaTest#aFailedTaskGivesItsExceptionAsItself (kotlinx stack-trace recovery). */
    @Test
    @DisplayName("BUG(main): run throws the very exception instance main failed with")
    void runThrowsTheVeryInstanceMainFailedWith() {
        // Any exception class with a public (String) or (String, Throwable) constructor is copied.
        IllegalArgumentException original = new IllegalArgumentException("mine");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> run(() -> sleep(Duration.ofMillis(1))
                .thenCompose(v -> CompletableFuture.<String>failedFuture(original))));
        assertSame(original, e, "got a copy whose cause is " + e.getCause());
    }

    @Test
    void runUnwrapsAnExceptionThrownInAJdkCallback() {
        // The JDK wraps what thenApply throws in its own wrapper exception; run must not show the wrapper.
        AppException e = assertThrows(AppException.class, () -> run(() -> sleep(Duration.ofMillis(1)).thenApply(v -> {
            throw new AppException("from thenApply");
        })));
        assertSame(AppException.class, e.getClass());
        assertEquals("from thenApply", e.getMessage());
    }

    @Test
    void runThrowsAnExceptionOfTheSupplierItselfAsItself() {
        AppException e = assertThrows(AppException.class, () -> run(() -> {
            throw new AppException("before any stage");
        }));
        assertEquals("before any stage", e.getMessage());
    }

    @Test
    void runThrowsTimeoutErrorAndCancellationAsThemselves() {
        assertThrows(TimeoutError.class, () -> run(() -> timeout(Duration.ofMillis(5), () -> sleep(Duration.ofDays(1)))));
        CancellationException c = assertThrows(CancellationException.class, () -> run(() -> {
            currentTask().cancel("main cancelled itself");
            return sleep(Duration.ofDays(1));
        }));
        assertEquals("main cancelled itself", c.getMessage());
    }

    @Test
    void runRefusesToNestInsideARunningLoop() {
        List<String> seen = run(() -> {
            List<String> events = new ArrayList<>();
            IllegalStateException inMain = assertThrows(IllegalStateException.class, () -> run(() -> sleep(Duration.ZERO)));
            events.add("main: " + inMain.getClass().getSimpleName());
            Task<String> child = createTask(() -> {
                IllegalStateException inTask = assertThrows(IllegalStateException.class,
                        () -> run(() -> CompletableFuture.completedFuture("nested")));
                events.add("task: " + inTask.getClass().getSimpleName());
                return CompletableFuture.completedFuture("child");
            });
            return child.thenApply(v -> events);
        });
        assertEquals(List.of("main: IllegalStateException", "task: IllegalStateException"), seen);
    }

    @Test
    void runCancelsLeftoverTasksAndWaitsForTheirCleanupBeforeReturning() {
        List<Task<String>> leftovers = new ArrayList<>();
        String v = run(() -> {
            for (String name : List.of("left-1", "left-2")) {
                leftovers.add(createTask(() -> JavaLoopTestBase.withCleanup(sleep(Duration.ofDays(1), name), (x, e) ->
                        log.add(name + " cleanup, cancelled " + (e instanceof CancellationException))), name));
            }
            return sleep(Duration.ofMillis(5)).thenApply(x -> {
                log.add("main returns");
                return "main value";
            });
        });
        // Checked right after run returned: the cleanup already happened.
        assertEquals("main value", v);
        assertEquals("main returns", log.events().get(0));
        assertEquals(List.of("left-1 cleanup, cancelled true", "left-2 cleanup, cancelled true"),
                log.events().subList(1, log.events().size()).stream().sorted().toList());
        assertTrue(leftovers.get(0).cancelled() && leftovers.get(1).cancelled());
        assertTrue(leftovers.get(0).getLoop().isClosed(), "run closes its loop");
    }

    @Test
    void runWithDebugTurnsDebugModeOn() {
        Boolean on = run(() -> CompletableFuture.completedFuture(getRunningLoop().getDebug()), true);
        Boolean off = run(() -> CompletableFuture.completedFuture(getRunningLoop().getDebug()), false);
        assertTrue(on);
        assertFalse(off);
    }

    @Test
    void eachRunHasItsOwnLoopThread() {
        Thread first = run(() -> CompletableFuture.completedFuture(Thread.currentThread()));
        Thread second = run(() -> CompletableFuture.completedFuture(Thread.currentThread()));
        assertFalse(first == second);
        assertFalse(first.isAlive(), "the loop thread ended with run");
        assertTrue(first != Thread.currentThread());
    }

    @Test
    void theFacadeRefusesToWorkOffTheLoop() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> sleep(Duration.ofSeconds(1)));
        assertTrue(e.getMessage().contains("no running event loop"), e.getMessage());
        assertThrows(IllegalStateException.class, Asyncio::getRunningLoop);
        assertThrows(IllegalStateException.class, () -> createTask(() -> sleep(Duration.ZERO)));
    }
}

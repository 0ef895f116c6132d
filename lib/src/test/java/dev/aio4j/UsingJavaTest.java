package dev.aio4j;

import static dev.aio4j.Asyncio.createTask;
import static dev.aio4j.Asyncio.sleep;
import static dev.aio4j.Asyncio.using;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;

/** asyncio's {@code async with}, as a Java caller writes it: {@link Asyncio#using}. */
class UsingJavaTest extends JavaLoopTestBase {

    /** A resource whose close takes a second of loop time and logs what it saw. */
    final class Connection implements AsyncCloseable {
        private final boolean suppress;

        Connection(boolean suppress) {
            this.suppress = suppress;
        }

        @Override
        public CompletionStage<Void> aclose() {
            return sleep(Duration.ofSeconds(1)).thenRun(() -> log.add("closed at " + loop.time()));
        }

        @Override
        public CompletionStage<Boolean> aexit(Throwable failure) {
            log.add("aexit saw " + (failure == null ? "success" : failure.getClass().getSimpleName()));
            return aclose().thenApply(v -> suppress);
        }
    }

    @Test
    void closesAfterTheBodySucceedsAndReturnsItsValue() {
        String result = loop.runUntilComplete(() -> using(new Connection(false), c -> sleep(Duration.ofSeconds(2), "rows")));
        assertEquals("rows", result);
        log.assertEvents("aexit saw success", "closed at 3.0");
    }

    @Test
    void closesAfterAFailureThatItSeesAndTheFailureStaysItself() {
        IOException boom = new IOException("boom");
        IOException thrown = assertThrows(IOException.class, () -> loop.runUntilComplete(() ->
                using(new Connection(false), c -> CompletableFuture.failedFuture(boom))));
        assertSame(boom, thrown);
        log.assertEvents("aexit saw IOException", "closed at 1.0");
    }

    @Test
    void aexitMaySuppressAFailureThenTheResultIsNull() {
        Object result = loop.runUntilComplete(() -> using(new Connection(true), c -> CompletableFuture.failedFuture(new IOException("x"))));
        assertNull(result);
        log.assertEvents("aexit saw IOException", "closed at 1.0");
    }

    @Test
    void aCancelledBodyStillClosesTheResourceAndTheCancellationIsNotSuppressed() {
        assertThrows(CancellationException.class, () -> loop.runUntilComplete(() -> {
            Task<Object> user = createTask(() -> using(new Connection(true), c -> sleep(Duration.ofHours(1))));
            return sleep(Duration.ofSeconds(5)).thenCompose(v -> {
                user.cancel();
                return user;
            });
        }));
        log.assertEvents("aexit saw CancellationException", "closed at 6.0");
    }

    @Test
    void aFailingCloseWinsAndCarriesTheBodysFailure() {
        IOException bodyFailure = new IOException("body");
        AsyncCloseable broken = () -> CompletableFuture.failedFuture(new IllegalStateException("close failed"));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> loop.runUntilComplete(() ->
                using(broken, c -> CompletableFuture.failedFuture(bodyFailure))));
        assertEquals("close failed", e.getMessage());
        assertSame(bodyFailure, e.getSuppressed()[0]);
    }

    @Test
    void acquireAndReleaseWorkAsAnAsyncContextManager() {
        String result = loop.runUntilComplete(() -> using(
                () -> sleep(Duration.ofSeconds(1), "conn").thenApply(c -> { log.add("acquired " + c); return c; }),
                c -> sleep(Duration.ofSeconds(1)).thenRun(() -> log.add("released " + c + " at " + loop.time())),
                c -> CompletableFuture.<String>failedFuture(new IOException("query failed"))
                        .exceptionally(e -> "recovered from " + e.getMessage())));
        assertEquals("recovered from query failed", result);
        log.assertEvents("acquired conn", "released conn at 2.0");
    }
}

package dev.aio4j;

import static dev.aio4j.Asyncio.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** asyncio's Future from Java: settled by callbacks, done callbacks on the loop, InvalidStateError. */
class FutureJavaTest extends JavaLoopTestBase {

    @Test
    void aFutureCompletedByACallLaterCallback() {
        String v = loop.runUntilComplete(() -> {
            Future<String> f = createFuture();
            getRunningLoop().callLater(Duration.ofSeconds(1), () -> f.setResult("hello at " + loop.time()));
            return f;
        });
        assertEquals("hello at 1.0", v);
        assertEquals(1.0, loop.time(), 0.01);
    }

    @Test
    void doneCallbacksRunOnTheLoopThreadAndNeverInline() {
        Steps steps = new Steps();
        String v = loop.runUntilComplete(() -> {
            Future<String> f = createFuture();
            f.addDoneCallback(done -> {
                steps.expect(3);
                log.add("callback 1: " + done.result() + ", on loop thread " + (Thread.currentThread() == loopThread));
            });
            f.addDoneCallback(done -> {
                steps.expect(4);
                log.add("callback 2: same future " + (done == f));
            });
            loop.callLater(Duration.ofSeconds(1), () -> {
                steps.expect(1);
                f.setResult("x");
                steps.expect(2);
                log.add("setResult returned");
            });
            return f.thenCompose(x -> sleep(Duration.ofSeconds(1), x));
        });
        steps.finish(5);
        assertEquals("x", v);
        log.assertEvents("setResult returned", "callback 1: x, on loop thread true", "callback 2: same future true");
    }

    @Test
    void aFutureSetFromAForeignThreadRunsItsCallbacksOnTheLoop() {
        String v = loop.runUntilComplete(() -> {
            Future<String> f = createFuture();
            f.addDoneCallback(done -> log.add("callback on loop thread " + (Thread.currentThread() == loopThread)));
            toThread(() -> {
                f.setResult("from " + (Thread.currentThread() == loopThread ? "loop" : "worker"));
                return null;
            });
            // f completes on the worker, where plain dependents would run; wait() hops back to the loop.
            return Asyncio.wait(List.of(f)).thenCompose(r -> sleep(Duration.ofSeconds(1), f.result()));
        });
        assertEquals("from worker", v);
        log.assertEvents("callback on loop thread true");
    }

    @Test
    void aCallbackAddedToADoneFutureIsScheduledNotRunInline() {
        loop.runUntilComplete(() -> {
            Future<String> f = createFuture();
            f.setResult("done already");
            f.addDoneCallback(done -> log.add("callback"));
            log.add("after addDoneCallback");
            return sleep(Duration.ofSeconds(1));
        });
        log.assertEvents("after addDoneCallback", "callback");
    }

    @Test
    void removeDoneCallbackRemovesEveryRegistration() {
        loop.runUntilComplete(() -> {
            Future<String> f = createFuture();
            Consumer<Future<String>> removed = done -> log.add("removed callback ran");
            Consumer<Future<String>> kept = done -> log.add("kept callback ran");
            f.addDoneCallback(removed);
            f.addDoneCallback(kept);
            f.addDoneCallback(removed);
            log.add("removed " + f.removeDoneCallback(removed));
            log.add("removed again " + f.removeDoneCallback(removed));
            f.setResult("v");
            return sleep(Duration.ofSeconds(1));
        });
        log.assertEvents("removed 2", "removed again 0", "kept callback ran");
    }


    @Test
    void doneCallbacksAndTheAdoptingTaskObserveTheSameFutureInEitherOrder() {
        // A task whose body returns the future of its own operation adopts it through the future's one
        // internal listener, kept in the same field as the done callbacks: each must survive the other
        // being added first, and a callback added after the callbacks ran is scheduled anew.
        Steps steps = new Steps();
        java.util.concurrent.atomic.AtomicReference<Future<String>> adoptedFirst = new java.util.concurrent.atomic.AtomicReference<>();
        List<String> results = loop.runUntilComplete(() -> {
            Task<String> callbackFirst = createTask(() -> {
                Future<String> nap = sleep(Duration.ofSeconds(1), "a");
                nap.addDoneCallback(done -> {
                    steps.expect(1);
                    log.add("callback added before adoption: " + done.result());
                });
                return nap;
            });
            Task<String> listenerFirst = createTask(() -> {
                Future<String> nap = sleep(Duration.ofSeconds(2), "b");
                adoptedFirst.set(nap);
                return nap;
            });
            return sleep(Duration.ofMillis(500)).thenCompose(v -> {
                adoptedFirst.get().addDoneCallback(done -> {
                    steps.expect(2);
                    log.add("callback added after adoption: " + done.result());
                });
                return gather(callbackFirst, listenerFirst);
            }).thenCompose(values -> {
                steps.expect(3);
                adoptedFirst.get().addDoneCallback(done -> {
                    steps.expect(4);
                    log.add("late callback: " + done.result());
                });
                return sleep(Duration.ofSeconds(1), values);
            });
        });
        steps.finish(5);
        assertEquals(List.of("a", "b"), results);
        log.assertEvents("callback added before adoption: a", "callback added after adoption: b", "late callback: b");
    }

    @Test
    void invalidStateErrorOnDoubleSetAndOnReadingAPendingFuture() {
        List<String> seen = loop.runUntilComplete(() -> {
            Future<String> f = createFuture();
            InvalidStateError pendingResult = assertThrows(InvalidStateError.class, f::result);
            InvalidStateError pendingException = assertThrows(InvalidStateError.class, f::exception);
            f.setResult("first");
            InvalidStateError again = assertThrows(InvalidStateError.class, () -> f.setResult("second"));
            InvalidStateError exceptionAfter = assertThrows(InvalidStateError.class, () -> f.setException(new IOException("late")));
            return CompletableFuture.completedFuture(List.of(
                    f.result(),
                    String.valueOf(f.exception()),
                    pendingResult.getClass().getSimpleName(),
                    pendingException.getClass().getSimpleName(),
                    again.getClass().getSimpleName(),
                    exceptionAfter.getClass().getSimpleName()));
        });
        assertEquals(List.of("first", "null", "InvalidStateError", "InvalidStateError", "InvalidStateError", "InvalidStateError"), seen);
    }

    @Test
    void aFailedFutureGivesItsExceptionAsItself() {
        IOException failure = new IOException("broken");
        Future<String> f = loop.runUntilComplete(() -> {
            Future<String> ff = createFuture();
            loop.callLater(Duration.ofSeconds(1), () -> ff.setException(failure));
            return Asyncio.wait(List.of(ff)).thenApply(r -> ff);
        });
        assertSame(failure, f.exception());
        assertSame(failure, assertThrows(IOException.class, f::result));
        assertSame(failure, assertThrows(IOException.class, () -> loop.runUntilComplete(f)));
        assertEquals(true, f.done());
        assertEquals(false, f.cancelled());
    }

    @Test
    void gatherAndTasksSeeEveryWayAFutureCanBeCompleted() {
        // Each future is settled a different way; gather and a task awaiting one must see all of them.
        IOException failure = new IOException("failed from outside");
        List<Outcome<String>> outcomes = loop.runUntilComplete(() -> {
            List<Future<String>> futures = List.of(createFuture(), createFuture(), createFuture(),
                    createFuture(), createFuture(), createFuture(), createFuture());
            Task<String> awaitingFirst = createTask(() -> futures.get(0));
            EventLoop running = getRunningLoop();
            running.callLater(Duration.ofSeconds(1), () -> {
                futures.get(0).setResult("setResult");
                futures.get(1).complete("complete");
                futures.get(2).completeAsync(() -> "completeAsync", Runnable::run);
                futures.get(3).setException(failure);
                futures.get(4).completeExceptionally(failure);
                futures.get(5).cancel("cancel");
            });
            futures.get(6).orTimeout(2, java.util.concurrent.TimeUnit.MILLISECONDS);
            return gatherSettled(futures).thenCombine(awaitingFirst, (all, first) -> {
                log.add("task saw " + first);
                return all;
            });
        });
        log.assertEvents("task saw setResult");
        assertEquals("setResult", outcomes.get(0).value());
        assertEquals("complete", outcomes.get(1).value());
        assertEquals("completeAsync", outcomes.get(2).value());
        assertSame(failure, outcomes.get(3).exception());
        assertSame(failure, outcomes.get(4).exception());
        assertEquals(true, outcomes.get(5) instanceof Outcome.Cancelled);
        assertEquals(java.util.concurrent.TimeoutException.class, outcomes.get(6).exception().getClass());
    }

    @Test
    void aFutureCannotBeObtrudedAndKnowsItsLoop() {
        Future<String> f = loop.runUntilComplete(() -> {
            Future<String> ff = loop.createFuture();
            ff.setResult("v");
            return CompletableFuture.completedFuture(ff);
        });
        assertSame(loop, f.getLoop());
        assertThrows(UnsupportedOperationException.class, () -> f.obtrudeValue("other"));
        assertThrows(UnsupportedOperationException.class, () -> f.obtrudeException(new IOException("other")));
        assertEquals("v", f.result());
        assertNull(f.exception());
    }

    @Test
    void completingAnOperationsFutureFromOutsideCancelsTheWork() {
        String v = loop.runUntilComplete(() -> {
            CompletableFuture<String> s = sleep(Duration.ofSeconds(10), "slept");
            loop.callLater(Duration.ofSeconds(1), () -> s.complete("completed from outside"));
            return s.thenCompose(x -> sleep(Duration.ZERO, x + " at " + loop.time()));
        });
        assertEquals("completed from outside at 1.0", v);
        assertEquals(1.0, loop.time(), 0.01, "the 10 s sleep was cancelled, so the main task did not wait for it");
    }
}

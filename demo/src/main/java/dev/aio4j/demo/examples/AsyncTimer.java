package dev.aio4j.demo.examples;

import static dev.aio4j.Asyncio.*;

import dev.aio4j.EventLoop;
import dev.aio4j.Future;
import dev.aio4j.TimerHandle;
import dev.aio4j.demo.ExampleBase;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * The {@code @async_timer} decorator (timing an awaited call with the loop's clock) and the loop's
 * timers: {@code call_soon}, {@code call_later}, a cancelled {@code TimerHandle}, a repeating timer.
 */
public final class AsyncTimer extends ExampleBase {
    public AsyncTimer() {
        super("async-timer", "000 \"Profiling asíncrono\" (async_timer) + 003 §2 \"Comparativa de Event Loops\" (Timers: call_later)");
    }

    /** {@code @async_timer}: prints how long the call took (a "time:" line: not deterministic). */
    private <T> CompletableFuture<T> timed(String name, Supplier<? extends CompletionStage<T>> call) {
        EventLoop loop = getRunningLoop();
        double start = loop.time();
        return call.get().toCompletableFuture().whenComplete((result, error) ->
                printTime("%s took %.2fs", name, pace.tutorialSeconds(loop.time() - start)));
    }

    private CompletableFuture<String> slowOperation() {
        return sleep(seconds(1), "Done");
    }

    /** A timer that fires {@code times} times, every {@code interval}, then completes {@code done}. */
    private void tick(EventLoop loop, int n, int times, double interval, Future<Void> done) {
        out.println("tick " + n);
        if (n == times) {
            done.setResult(null);
            return;
        }
        loop.callLater(seconds(interval), () -> tick(loop, n + 1, times, interval, done));
    }

    @Override
    protected void main() {
        out.println(run(() -> timed("slow_operation", this::slowOperation)));
        // The loop's own timers.
        run(() -> {
            EventLoop loop = getRunningLoop();
            Future<Void> done = createFuture();
            // Timers fire by deadline, not in the order they were scheduled.
            loop.callLater(seconds(3), () -> out.println("call_later after 3 s"));
            loop.callLater(seconds(1), () -> out.println("call_later after 1 s"));
            TimerHandle never = loop.callLater(seconds(2), () -> out.println("never printed"));
            never.cancel();
            loop.callSoon(() -> out.println("call_soon runs first"));
            loop.callLater(seconds(4), () -> tick(loop, 1, 3, 1, done));
            out.println("scheduled; the cancelled handle says cancelled=" + never.cancelled());
            return done;
        });
    }
}

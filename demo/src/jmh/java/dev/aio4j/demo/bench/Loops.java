package dev.aio4j.demo.bench;

import dev.aio4j.EventLoop;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import kotlinx.coroutines.ExecutorCoroutineDispatcher;
import kotlinx.coroutines.ExecutorsKt;

/**
 * The two single-threaded loops a benchmark compares: an aio4j {@link EventLoop}, and a single-thread
 * executor as a kotlinx dispatcher ({@code asCoroutineDispatcher()}) for the raw side.
 */
final class Loops implements AutoCloseable {
    final EventLoop loop = EventLoop.create();
    final ExecutorService rawThread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "raw-kotlinx-loop");
        t.setDaemon(true);
        return t;
    });
    final ExecutorCoroutineDispatcher rawDispatcher = ExecutorsKt.from(rawThread);

    @Override
    public void close() throws InterruptedException {
        loop.close();
        rawDispatcher.close();
        rawThread.awaitTermination(10, TimeUnit.SECONDS);
    }
}

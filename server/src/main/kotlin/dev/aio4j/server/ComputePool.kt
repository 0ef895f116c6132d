package dev.aio4j.server

import kotlinx.coroutines.ExecutorCoroutineDispatcher
import kotlinx.coroutines.asCoroutineDispatcher
import java.util.concurrent.Executors
import java.util.concurrent.ThreadFactory
import java.util.concurrent.atomic.AtomicInteger

/**
 * The bounded pool that runs CPU-bound work (`POST /compute`) off the request-handling threads, so
 * a long hash chain never delays `/health` or `/delay`. It has [threads] daemon threads named
 * `aio4j-compute-N`; excess work queues. The application closes it when it stops.
 *
 * The route hands work to it through aio4j's `runInExecutor` (asyncio's `loop.run_in_executor`).
 */
internal fun newComputeDispatcher(threads: Int): ExecutorCoroutineDispatcher {
    val counter = AtomicInteger()
    val factory = ThreadFactory { task ->
        Thread(task, "aio4j-compute-${counter.incrementAndGet()}").apply { isDaemon = true }
    }
    return Executors.newFixedThreadPool(threads, factory).asCoroutineDispatcher()
}

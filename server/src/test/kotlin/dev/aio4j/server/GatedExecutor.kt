package dev.aio4j.server

import kotlinx.coroutines.CompletableDeferred
import java.util.concurrent.CountDownLatch
import java.util.concurrent.Executor
import java.util.concurrent.ExecutorService
import java.util.concurrent.Executors

/**
 * A one-thread executor standing in for the compute pool: each task, once on its thread, reports
 * [started] and then waits for [release] before running. So a test can hold CPU-bound work "running"
 * for as long as it likes, without timing. Close it to free the thread.
 */
internal class GatedExecutor : Executor, AutoCloseable {
    private val pool: ExecutorService = Executors.newSingleThreadExecutor { task ->
        Thread(task, THREAD_NAME).apply { isDaemon = true }
    }
    private val gate = CountDownLatch(1)

    /** Completed with the thread's name when the first task reaches the thread. */
    val started: CompletableDeferred<String> = CompletableDeferred()

    fun release(): Unit = gate.countDown()

    override fun execute(command: Runnable) {
        pool.execute {
            started.complete(Thread.currentThread().name)
            gate.await()
            command.run()
        }
    }

    override fun close() {
        release()
        pool.shutdown()
    }

    companion object {
        const val THREAD_NAME: String = "gated-compute"
    }
}

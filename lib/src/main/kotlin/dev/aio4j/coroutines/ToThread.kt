package dev.aio4j.coroutines

import dev.aio4j.internal.loopCoreOrNull
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.asExecutor
import kotlinx.coroutines.currentCoroutineContext
import kotlinx.coroutines.suspendCancellableCoroutine
import java.util.concurrent.Callable
import java.util.concurrent.Executor
import java.util.concurrent.RejectedExecutionException
import java.util.concurrent.atomic.AtomicInteger
import kotlin.coroutines.resume
import kotlin.coroutines.resumeWithException

/**
 * asyncio's `to_thread`: runs blocking [block] on the loop's default executor (virtual threads on JDK
 * 21+, else a bounded pool) so the loop stays free, and returns its result on the loop.
 *
 * Cancellation is asyncio's: if [block] has not started it never will; if it runs, the caller is
 * released at once and the thread finishes on its own (nothing is interrupted). The loop waits for
 * such threads when it closes, so none outlives `Asyncio.run`.
 *
 * ```kotlin
 * val text = toThread { Files.readString(path) }
 * ```
 */
public suspend fun <T> toThread(block: () -> T): T = runInExecutor(null, block)

/**
 * asyncio's `loop.run_in_executor`: like [toThread] on [executor] (null = the loop's default executor,
 * or `Dispatchers.IO` off an aio4j loop).
 */
public suspend fun <T> runInExecutor(executor: Executor?, block: () -> T): T {
    val core = currentCoroutineContext().loopCoreOrNull()
    val target = executor ?: core?.loop?.defaultExecutor() ?: Dispatchers.IO.asExecutor()
    val inFlight: AtomicInteger? = core?.foreignInFlight
    return suspendCancellableCoroutine { cont ->
        val started = java.util.concurrent.atomic.AtomicBoolean()
        cont.invokeOnCancellation { started.set(true) }
        inFlight?.incrementAndGet()
        val job = Runnable {
            try {
                if (!started.compareAndSet(false, true)) return@Runnable
                val result = try {
                    Result.success(block())
                } catch (e: Throwable) {
                    Result.failure(e)
                }
                result.fold({ cont.resume(it) }, { cont.resumeWithException(it) })
            } finally {
                // After the resume is queued, so a virtual clock never jumps past work about to arrive.
                inFlight?.decrementAndGet()
                core?.wakeUp()
            }
        }
        try {
            target.execute(job)
        } catch (e: RejectedExecutionException) {
            inFlight?.decrementAndGet()
            throw e
        }
    }
}

/** [runInExecutor] for Java's [Callable], which may throw checked exceptions. */
internal suspend fun <T> runCallableInExecutor(executor: Executor?, block: Callable<T>): T =
    runInExecutor(executor) { block.call() }

package dev.aio4j.coroutines.files

import dev.aio4j.internal.loopCoreOrNull
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.asExecutor
import kotlinx.coroutines.currentCoroutineContext
import kotlinx.coroutines.suspendCancellableCoroutine
import java.util.concurrent.RejectedExecutionException
import kotlin.coroutines.resumeWithException

/**
 * Runs blocking file [work] off the loop thread (the loop's default executor, as `toThread` does, or
 * `Dispatchers.IO` off an aio4j loop) and returns its result to the caller.
 *
 * Unlike `toThread`, the work always runs once submitted, and two hooks see its end whatever happened
 * to the caller: [finished] runs on the worker thread right after [work] (a file releases its
 * one-operation-at-a-time lock there, so a cancelled caller never lets the next operation overlap
 * with work still running), and [abandoned] gets a result the cancelled caller will never see (an
 * open channel to close). A cancelled caller is released at once, as with `toThread` (DESIGN-NOTES 13).
 */
internal suspend fun <T> fileWork(finished: () -> Unit = {}, abandoned: (T) -> Unit = {}, work: () -> T): T {
    val core = currentCoroutineContext().loopCoreOrNull()
    val target = core?.loop?.defaultExecutor() ?: Dispatchers.IO.asExecutor()
    val inFlight = core?.foreignInFlight
    return suspendCancellableCoroutine { cont ->
        inFlight?.incrementAndGet()
        val job = Runnable {
            try {
                val outcome = try {
                    Result.success(work())
                } catch (e: Throwable) {
                    Result.failure(e)
                } finally {
                    finished()
                }
                outcome.fold(
                    { value -> cont.resume(value) { _, lost, _ -> abandoned(lost) } },
                    { cont.resumeWithException(it) },
                )
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
            finished()
            throw e
        }
    }
}

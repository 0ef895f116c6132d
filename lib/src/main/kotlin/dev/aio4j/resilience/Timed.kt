package dev.aio4j.resilience

import dev.aio4j.Future
import dev.aio4j.internal.Owner
import dev.aio4j.internal.loopNanos
import dev.aio4j.internal.runOwnedBody
import dev.aio4j.internal.startOperation
import kotlinx.coroutines.CancellationException
import kotlinx.coroutines.currentCoroutineContext
import org.slf4j.LoggerFactory
import java.time.Duration
import java.util.concurrent.CompletionStage
import java.util.function.BiConsumer
import java.util.function.Supplier

/**
 * Measures an asynchronous call: the seeds' `@timed` / `async_timed` decorator. The duration is measured
 * on the event loop's clock (exact under virtual time) from the call to the completion of its stage,
 * and reported to a callback or logged through SLF4J (logger `dev.aio4j.resilience.Timed`, INFO on
 * success, WARN on failure; a cancellation is logged at INFO as "cancelled"). The returned future
 * mirrors the call's outcome and completes on the loop thread; cancelling it cancels the call.
 *
 * ```java
 * Timed.call("fetch users", () -> session.get("/users").thenCompose(ClientResponse::json));
 * Timed.call(() -> fetch(url), (took, error) -> metrics.record(took));
 * ```
 */
public object Timed {
    private val log = LoggerFactory.getLogger(Timed::class.java)

    /** Runs [call] and logs "[name] took N ms" (or "failed after N ms: error") through SLF4J. */
    @JvmStatic
    public fun <T> call(name: String, call: Supplier<out CompletionStage<out T>>): Future<T> =
        call(call) { took, error ->
            val ms = took.toNanos() / 1e6
            when (error) {
                null -> log.info("{} took {} ms", name, String.format(java.util.Locale.ROOT, "%.1f", ms))
                is CancellationException -> log.info("{} cancelled after {} ms", name, String.format(java.util.Locale.ROOT, "%.1f", ms))
                else -> log.warn("{} failed after {} ms: {}", name, String.format(java.util.Locale.ROOT, "%.1f", ms), error.toString())
            }
        }

    /**
     * Runs [call] and reports its duration and its exception (null on success; a cancellation too) to
     * [report], on the loop thread, before the returned future completes.
     */
    @JvmStatic
    public fun <T> call(call: Supplier<out CompletionStage<out T>>, report: BiConsumer<Duration, Throwable?>): Future<T> {
        val owner = Owner.current()
        return owner.startOperation {
            val start = currentCoroutineContext().loopNanos()
            val value = try {
                runOwnedBody(owner) { call.get() }
            } catch (e: Throwable) {
                report.accept(Duration.ofNanos(currentCoroutineContext().loopNanos() - start), e)
                throw e
            }
            report.accept(Duration.ofNanos(currentCoroutineContext().loopNanos() - start), null)
            value
        }
    }
}

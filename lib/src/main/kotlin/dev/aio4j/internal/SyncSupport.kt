package dev.aio4j.internal

import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.job
import java.util.concurrent.CompletionStage

/**
 * Runs a Java body (of `withLock`, `withPermit`) as owned by the operation running it, so cancelling the
 * operation cancels what the body starts (DESIGN.md, decision 7), then awaits the body's stage.
 * Must run on the loop thread.
 */
internal suspend fun <T> CoroutineScope.runOwnedBody(parent: Owner, body: () -> CompletionStage<out T>?): T {
    val owner = Owner(parent.core, parent.task, coroutineContext.job)
    return owner.runAsCurrent(body).awaitStage("the body")
}

/** A core semaphore handed to the facade's constructor; a value class keeps that constructor out of Java's view. */
@JvmInline
internal value class SemaphoreRef(val core: dev.aio4j.coroutines.Semaphore)

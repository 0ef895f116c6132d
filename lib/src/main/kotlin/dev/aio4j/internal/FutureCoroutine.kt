package dev.aio4j.internal

import dev.aio4j.Future
import kotlinx.coroutines.AbstractCoroutine
import kotlinx.coroutines.InternalCoroutinesApi
import kotlin.coroutines.CoroutineContext

/**
 * The coroutine behind a [Future] that does work: a task ([TaskCoroutine]) or an operation such as
 * `sleep` or `gather`.
 *
 * Its outcome goes to the future and nowhere else: like a scoped coroutine it never cancels its parent
 * on failure (asyncio tasks fail alone; the awaiting code decides), while the parent's cancellation
 * still cancels it and the parent still waits for it to finish.
 *
 * [owner] is the owner whose code this coroutine runs for: the one that started an operation, or the
 * task itself ([startedBy] null).
 */
@OptIn(InternalCoroutinesApi::class)
internal open class FutureCoroutine<T>(context: CoroutineContext, @JvmField val future: Future<T>, startedBy: Owner?) :
    AbstractCoroutine<T>(context, initParentJob = true, active = true) {

    @JvmField val owner: Owner = startedBy ?: this as Owner

    override val isScopedCoroutine: Boolean get() = true

    override fun onCompleted(value: T) {
        future.settle(value, null)
    }

    override fun onCancelled(cause: Throwable, handled: Boolean) {
        future.settle(null, cause.unwrapRecovered())
    }
}

package dev.aio4j.coroutines

import dev.aio4j.EventLoop
import dev.aio4j.internal.Owner
import dev.aio4j.internal.startOperation
import kotlinx.coroutines.CoroutineScope
import java.util.function.Supplier

/**
 * asyncio's `run` for Kotlin callers: runs [block] as the main task of [loop] and blocks until it is
 * done. Without a [loop], a fresh one is created and closed afterwards (cancelling and awaiting every
 * task left), exactly as `Asyncio.run` does. Refuses to run on an event loop thread.
 *
 * ```kotlin
 * fun main() = runEventLoop { gather(async { fetch(1) }, async { fetch(2) }).forEach(::println) }
 * ```
 */
public fun <T> runEventLoop(loop: EventLoop? = null, block: suspend CoroutineScope.() -> T): T {
    val target = loop ?: EventLoop.create()
    try {
        return target.runUntilComplete(Supplier { Owner.current().startOperation(block) })
    } finally {
        if (loop == null) target.close()
    }
}

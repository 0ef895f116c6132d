package dev.aio4j

import dev.aio4j.coroutines.runEventLoop
import dev.aio4j.internal.loopNanos
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.currentCoroutineContext

/**
 * Runs [block] as the main task of a fresh loop with an autojumping virtual clock (the loop is closed
 * afterwards, cancelling whatever is left). Sleeps and timeouts take no real time.
 */
fun <T> runVirtual(block: suspend CoroutineScope.() -> T): T =
    EventLoop.createWithVirtualTime().use { loop -> runEventLoop(loop, block) }

/** The loop clock in seconds, as `loop.time()` reads it. */
suspend fun loopTime(): Double = currentCoroutineContext().loopNanos() / 1e9

/** Collects loop reports instead of logging them, so tests can assert on them. */
class Reports {
    val list: MutableList<LoopReport> = java.util.Collections.synchronizedList(ArrayList())
    fun install(loop: EventLoop) = loop.setExceptionHandler { list.add(it) }
}

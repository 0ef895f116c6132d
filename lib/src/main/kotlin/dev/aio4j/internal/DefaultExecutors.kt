package dev.aio4j.internal

import java.lang.invoke.MethodHandles
import java.lang.invoke.MethodType
import java.util.concurrent.ExecutorService
import java.util.concurrent.LinkedBlockingQueue
import java.util.concurrent.ThreadFactory
import java.util.concurrent.ThreadPoolExecutor
import java.util.concurrent.TimeUnit
import java.util.concurrent.atomic.AtomicInteger

/**
 * The default executor of `toThread` / `runInExecutor`: a virtual thread per task where the JDK has
 * them (21+; looked up at run time because the bytecode targets 17), otherwise a pool bounded like
 * asyncio's (min(32, cores + 4) threads) whose idle threads exit after a minute.
 */
internal object DefaultExecutors {
    fun create(name: String): ExecutorService = virtualThreadExecutor() ?: boundedPool(name)

    private fun virtualThreadExecutor(): ExecutorService? = try {
        val factory = MethodHandles.publicLookup().findStatic(
            java.util.concurrent.Executors::class.java,
            "newVirtualThreadPerTaskExecutor",
            MethodType.methodType(ExecutorService::class.java),
        )
        factory.invoke() as ExecutorService
    } catch (_: NoSuchMethodException) {
        null
    } catch (_: IllegalAccessException) {
        null
    }

    private fun boundedPool(name: String): ExecutorService {
        val size = minOf(32, Runtime.getRuntime().availableProcessors() + 4)
        val counter = AtomicInteger()
        val factory = ThreadFactory { r -> Thread(r, "$name-executor-${counter.incrementAndGet()}").apply { isDaemon = true } }
        return ThreadPoolExecutor(size, size, 60, TimeUnit.SECONDS, LinkedBlockingQueue(), factory)
            .apply { allowCoreThreadTimeOut(true) }
    }

    fun usesVirtualThreads(executor: ExecutorService): Boolean = executor !is ThreadPoolExecutor
}

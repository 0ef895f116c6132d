package dev.aio4j.internal

import kotlin.coroutines.ContinuationInterceptor
import kotlin.coroutines.CoroutineContext

/** The loop's clock where this context runs on an aio4j loop (virtual or real), else the JVM's. */
internal fun CoroutineContext.loopNanos(): Long = (this[ContinuationInterceptor] as? LoopCore)?.now() ?: System.nanoTime()

internal fun CoroutineContext.loopCoreOrNull(): LoopCore? = this[ContinuationInterceptor] as? LoopCore

package dev.aio4j.internal

/** A core queue handed to the facade's constructor; a value class keeps that constructor out of Java's view. */
@JvmInline
internal value class QueueRef(val core: dev.aio4j.coroutines.Queue<*>)

/** What `Queue.tryGetAtOnce` returns for "no item now" (an item may itself be null). */
internal val NO_ITEM: Any = Any()

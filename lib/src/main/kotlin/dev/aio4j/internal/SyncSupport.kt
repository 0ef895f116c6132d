package dev.aio4j.internal

/** A core semaphore handed to the facade's constructor; a value class keeps that constructor out of Java's view. */
@JvmInline
internal value class SemaphoreRef(val core: dev.aio4j.coroutines.Semaphore)

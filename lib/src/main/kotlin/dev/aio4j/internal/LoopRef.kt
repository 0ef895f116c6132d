package dev.aio4j.internal

/**
 * A loop handed to a public type's constructor. Being an inline value class, it makes that
 * constructor invisible to Java (Kotlin compiles it to a synthetic one), so Java sees no `LoopCore`.
 */
@JvmInline
internal value class LoopRef(val core: LoopCore)

package dev.aio4j.internal

/**
 * The last parameter of an `internal` constructor of a public type, which keeps that constructor out
 * of Java's sight. Kotlin compiles `internal` as public bytecode, so Java would see constructors such
 * as `ClientResponse(dev.aio4j.coroutines.http.ClientResponse)`; a parameter of an inline value class
 * makes Kotlin compile the constructor as private plus a synthetic bridge, which Java does not see.
 * Kotlin callers inside the library leave it to its default; where it is the only parameter it has no
 * default (a constructor whose parameters all have defaults also gets a visible no-argument one) and
 * callers pass [TOKEN].
 *
 * ```kotlin
 * public class Timeout internal constructor(private val core: CoreTimeout, hidden: HiddenFromJava = HiddenFromJava.TOKEN)
 * ```
 */
@JvmInline
internal value class HiddenFromJava private constructor(private val unused: Boolean) {
    companion object {
        val TOKEN = HiddenFromJava(true)
    }
}

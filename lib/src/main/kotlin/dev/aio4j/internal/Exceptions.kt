package dev.aio4j.internal

/**
 * The exception a coroutine really failed with. With assertions on (`-ea`), kotlinx's stack-trace
 * recovery hands a resumed coroutine a *copy* of the exception, with the original as its cause and a
 * `_COROUTINE._BOUNDARY` frame; aio4j promises the original itself (DESIGN.md, decision 6).
 */
internal fun Throwable.unwrapRecovered(): Throwable {
    var e = this
    while (true) {
        val cause = e.cause ?: return e
        if (cause.javaClass != e.javaClass || e.stackTrace.none { it.className.startsWith("_COROUTINE") }) return e
        e = cause
    }
}

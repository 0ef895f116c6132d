package dev.aio4j.internal

import dev.aio4j.Future

/**
 * An internal, allocation-free alternative to `whenComplete` for one party per [Future]: told once the
 * future is done (on whichever thread completed it). See [Future.listen].
 */
internal fun interface SettleListener {
    fun settled(future: Future<*>)

    companion object {
        /** The state of a future's listener slot once its listener was told. */
        val FIRED: Any = Any()
    }
}

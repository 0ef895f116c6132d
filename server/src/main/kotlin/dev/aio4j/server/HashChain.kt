package dev.aio4j.server

import java.security.MessageDigest
import java.util.concurrent.CancellationException

/** How many hashes run between two cancellation checks. */
private const val CHECK_EVERY = 4_096

private val HEX = "0123456789abcdef".toByteArray(Charsets.US_ASCII)

/**
 * The seeds' CPU-bound loop: `for _ in range(n): data = sha256(data.encode()).hexdigest()`, so the
 * result equals Python's for the same input. Asks [keepGoing] every few thousand rounds and stops with a
 * `CancellationException` when it says no, so an abandoned request frees its compute thread.
 */
internal fun sha256HexChain(data: String, iterations: Int, keepGoing: () -> Boolean = { true }): String {
    require(iterations >= 0) { "iterations must not be negative: $iterations" }
    val sha = MessageDigest.getInstance("SHA-256")
    var current = data.toByteArray(Charsets.UTF_8)
    val hex = ByteArray(64)
    for (i in 0 until iterations) {
        if (i % CHECK_EVERY == 0 && !keepGoing()) throw CancellationException("the request was cancelled")
        val digest = sha.digest(current)
        for (j in digest.indices) {
            val b = digest[j].toInt() and 0xff
            hex[2 * j] = HEX[b ushr 4]
            hex[2 * j + 1] = HEX[b and 0x0f]
        }
        current = hex
    }
    return String(current, Charsets.US_ASCII)
}

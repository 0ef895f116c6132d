package dev.aio4j.server

import java.util.concurrent.atomic.AtomicInteger

/** Checkpoints for ordering tests, after kotlinx.coroutines' `expect`/`finish`. */
internal class Steps {
    private val next = AtomicInteger(1)

    fun expect(n: Int) {
        val due = next.getAndIncrement()
        check(due == n) { "reached step $n while step $due was due" }
    }

    fun finish(n: Int) {
        expect(n)
        next.set(Int.MIN_VALUE)
    }
}

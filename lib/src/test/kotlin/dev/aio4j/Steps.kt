package dev.aio4j

import java.util.concurrent.atomic.AtomicInteger

/** kotlinx's expect/finish: asserts that steps happen in exactly this order. */
class Steps {
    private val next = AtomicInteger(1)

    fun expect(n: Int) {
        val due = next.getAndIncrement()
        check(due == n) { "reached step $n while step $due was due" }
    }

    fun finish(n: Int) {
        expect(n)
        next.set(Int.MIN_VALUE)
    }

    fun unreachable(): Nothing = error("must not run (next step was ${next.get()})")
}

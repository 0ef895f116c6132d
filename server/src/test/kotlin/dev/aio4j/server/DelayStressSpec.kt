package dev.aio4j.server

import io.kotest.core.spec.style.FunSpec

/** Run with `-Dstress=true`. In-process, so the 20,000 open-file limit does not apply. */
class DelayStressSpec : FunSpec({
    test("10,000 concurrent /delay calls are all in flight at once and all answer 200")
        .config(enabledIf = { System.getProperty("stress") == "true" }) {
            concurrentDelays(n = 10_000, seconds = 10)
        }
})

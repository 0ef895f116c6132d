package dev.aio4j

import java.util.concurrent.CancellationException

/**
 * Thrown into an async generator that is being closed: Python's `GeneratorExit`. The stage of the
 * `yield` the generator waits at ([Yield.yield]) fails with it when the consumer calls `aclose()` (or a
 * `using` / `forEach` ends early); the body's cleanup (`whenComplete`, `handle`) then runs, and a body
 * that ends with this exception (or normally) has closed cleanly.
 *
 * Like Python's, it is not an ordinary error: it extends `CancellationException`, so
 * [Asyncio.rethrowIfCancelled] passes it on; a body that catches it must not yield again (the close
 * then fails with `IllegalStateException("async generator ignored GeneratorExit")`).
 *
 * ```java
 * Asyncio.generate(out -> openCursor().thenCompose(cursor ->
 *     rows(out, cursor).whenComplete((v, e) -> cursor.close())));   // runs on GeneratorExit too
 * ```
 */
public class GeneratorExit @JvmOverloads constructor(message: String? = "the async generator is being closed") :
    CancellationException(message)

package dev.aio4j

import java.util.concurrent.CancellationException

/**
 * How one awaitable ended, as [Asyncio.gatherSettled] reports it: asyncio's
 * `gather(..., return_exceptions=True)`, typed.
 *
 * ```java
 * for (Outcome<String> o : outcomes) {
 *     if (o.isSuccess()) System.out.println(o.value());
 *     else System.out.println("failed: " + o.exception());
 * }
 * ```
 */
public sealed class Outcome<out T> {
    /** True for [Success]. */
    public abstract fun isSuccess(): Boolean

    /** The value of a [Success]; throws the failure of a [Failure] or [Cancelled] as itself. */
    public abstract fun value(): T

    /** The exception of a [Failure] or [Cancelled], or null for a [Success]. */
    public abstract fun exception(): Throwable?

    /** Finished with a value. */
    public class Success<out T>(private val value: T) : Outcome<T>() {
        override fun isSuccess(): Boolean = true
        override fun value(): T = value
        override fun exception(): Throwable? = null
        override fun toString(): String = "Success($value)"
        override fun equals(other: Any?): Boolean = other is Success<*> && other.value == value
        override fun hashCode(): Int = value.hashCode()
    }

    /** Finished by throwing an exception other than a cancellation. */
    public class Failure<out T>(private val exception: Throwable) : Outcome<T>() {
        override fun isSuccess(): Boolean = false
        override fun value(): T = throw exception
        override fun exception(): Throwable = exception
        override fun toString(): String = "Failure($exception)"
    }

    /** Was cancelled. */
    public class Cancelled<out T>(private val exception: CancellationException) : Outcome<T>() {
        override fun isSuccess(): Boolean = false
        override fun value(): T = throw exception
        override fun exception(): CancellationException = exception
        override fun toString(): String = "Cancelled(${exception.message})"
    }
}

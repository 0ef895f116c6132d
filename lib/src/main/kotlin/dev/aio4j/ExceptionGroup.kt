package dev.aio4j

import dev.aio4j.internal.HiddenFromJava
import java.util.function.Predicate

/**
 * Several exceptions raised together: Python's `ExceptionGroup`, as raised by [TaskGroup].
 *
 * Java has no `except*`; [split] and [subgroup] give the same power. Nested groups keep their shape.
 * Every member is also attached as a suppressed exception, so a stack trace shows them all.
 *
 * ```java
 * try {
 *     Asyncio.run(() -> Asyncio.taskGroup(tg -> { tg.createTask(() -> fail()); return null; }));
 * } catch (ExceptionGroup eg) {
 *     ExceptionGroup.Split split = eg.split(IOException.class);
 *     if (split.match() != null) System.out.println("I/O errors: " + split.match().exceptions());
 *     if (split.rest() != null) throw split.rest();
 * }
 * ```
 */
public open class ExceptionGroup(message: String, exceptions: List<Throwable>) : RuntimeException(message) {
    private val members: List<Throwable> = java.util.List.copyOf(exceptions)

    init {
        require(members.isNotEmpty()) { "an ExceptionGroup needs at least one exception" }
        members.forEach { addSuppressed(it) }
    }

    /** The exceptions of this group, in the order they happened. */
    public fun exceptions(): List<Throwable> = members

    /** The message without the count of sub-exceptions (Python's `eg.message`). */
    public fun groupMessage(): String = super.message ?: ""

    override val message: String
        get() = "${super.message} (${members.size} sub-exception${if (members.size == 1) "" else "s"})"

    /** The members that are instances of [type] (recursively), or null if none: `eg.subgroup(T)`. */
    public fun subgroup(type: Class<out Throwable>): ExceptionGroup? = subgroup { type.isInstance(it) }

    /** The members matching [condition] (recursively), or null if none. */
    public fun subgroup(condition: Predicate<Throwable>): ExceptionGroup? = split(condition).match()

    /** Splits this group in two by type, keeping nesting: `match, rest = eg.split(T)`. */
    public fun split(type: Class<out Throwable>): Split = split { type.isInstance(it) }

    /** Splits this group in two by a condition, keeping nesting. */
    public fun split(condition: Predicate<Throwable>): Split {
        if (condition.test(this)) return Split(this, null)
        val matched = ArrayList<Throwable>()
        val rest = ArrayList<Throwable>()
        for (e in members) {
            if (e is ExceptionGroup) {
                val inner = e.split(condition)
                inner.match()?.let(matched::add)
                inner.rest()?.let(rest::add)
            } else if (condition.test(e)) {
                matched.add(e)
            } else {
                rest.add(e)
            }
        }
        return Split(if (matched.isEmpty()) null else derive(matched), if (rest.isEmpty()) null else derive(rest))
    }

    /** A group with this group's message and the given members (used by [split]). */
    public open fun derive(exceptions: List<Throwable>): ExceptionGroup = ExceptionGroup(groupMessage(), exceptions)

    /** The two halves of a [split]; either may be null. */
    public class Split internal constructor(
        private val match: ExceptionGroup?,
        private val rest: ExceptionGroup?,
        hidden: HiddenFromJava = HiddenFromJava.TOKEN,
    ) {
        /** The members that matched, or null. */
        public fun match(): ExceptionGroup? = match

        /** The members that did not match, or null. */
        public fun rest(): ExceptionGroup? = rest
    }
}

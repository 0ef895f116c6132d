package dev.aio4j.db

import dev.aio4j.internal.HiddenFromJava
import java.math.BigDecimal
import java.math.BigInteger

/**
 * One row of a query result: asyncpg's `Record` for Java, materialized (it stays valid after the query
 * and the connection are gone).
 *
 * Like Python's `asyncpg.Record`: values by column name or by index (0-based here, as in Java), in column
 * order. Names are matched exactly first, then ignoring case (H2 and PostgreSQL fold unquoted names to
 * different cases; pools on `h2:mem:` URLs fold to lower case as PostgreSQL does). Values are the
 * driver's Java types (INTEGER → Integer, BIGINT and COUNT(*) → Long, VARCHAR → String, TIMESTAMP →
 * LocalDateTime, NUMERIC → BigDecimal, BOOLEAN → Boolean, NULL → null).
 *
 * ```java
 * pool.fetch("SELECT id, name FROM users", row -> new User(row.get("id", Integer.class), row.get("name", String.class)));
 * ```
 */
public class Row internal constructor(
    private val names: List<String>,
    private val values: List<Any?>,
    hidden: HiddenFromJava = HiddenFromJava.TOKEN,
) {
    /** The column names, in order. */
    public fun columnNames(): List<String> = names

    /** The number of columns. */
    public fun size(): Int = values.size

    /** The value of column [index] (0-based). */
    public fun get(index: Int): Any? {
        require(index in values.indices) { "column index $index out of range: the row has ${values.size} columns $names" }
        return values[index]
    }

    /** The value of column [name]; fails with IllegalArgumentException naming the columns if there is none. */
    public fun get(name: String): Any? = values[indexOf(name)]

    /**
     * The value of column [name] as [type]: numbers convert between Java's number types when the value
     * fits exactly (a COUNT(*) Long as Integer), anything else must already be a [type].
     */
    public fun <T : Any> get(name: String, type: Class<T>): T? = convert(get(name), type, name)

    /** The value of column [index] as [type], converted as [get] by name does. */
    public fun <T : Any> get(index: Int, type: Class<T>): T? = convert(get(index), type, "#$index")

    /** The row as a map from column name to value, in column order (what `fetch` without a mapper returns). */
    public fun toMap(): Map<String, Any?> {
        val map = LinkedHashMap<String, Any?>(names.size * 2)
        for (i in names.indices) map[names[i]] = values[i]
        return java.util.Collections.unmodifiableMap(map)
    }

    override fun toString(): String = "<Record ${names.indices.joinToString(" ") { "${names[it]}=${values[it]}" }}>"

    private fun indexOf(name: String): Int {
        val exact = names.indexOf(name)
        if (exact >= 0) return exact
        val folded = names.indexOfFirst { it.equals(name, ignoreCase = true) }
        require(folded >= 0) { "no column '$name' in the row; its columns are $names" }
        return folded
    }

    private fun <T : Any> convert(value: Any?, type: Class<T>, column: String): T? {
        if (value == null) return null
        val boxed = boxed(type)
        if (boxed.isInstance(value)) return boxed.cast(value) as T
        if (value is Number) {
            val exact = BigDecimal(value.toString())
            val converted: Any? = try {
                when (boxed) {
                    java.lang.Long::class.java -> exact.longValueExact()
                    java.lang.Integer::class.java -> exact.intValueExact()
                    java.lang.Short::class.java -> exact.shortValueExact()
                    java.lang.Double::class.java -> value.toDouble()
                    java.lang.Float::class.java -> value.toFloat()
                    BigDecimal::class.java -> exact
                    BigInteger::class.java -> exact.toBigIntegerExact()
                    else -> null
                }
            } catch (e: ArithmeticException) {
                throw IllegalArgumentException("column $column: $value does not fit in ${type.simpleName}", e)
            }
            if (converted != null) return boxed.cast(converted) as T
        }
        throw IllegalArgumentException(
            "column $column holds a ${value.javaClass.name} ($value), not a ${type.name}",
        )
    }

    private companion object {
        @Suppress("UNCHECKED_CAST", "PLATFORM_CLASS_MAPPED_TO_KOTLIN")
        fun <T : Any> boxed(type: Class<T>): Class<T> = (if (type.isPrimitive) type.kotlin.javaObjectType else type) as Class<T>
    }
}

/**
 * Turns a [Row] into a value of the caller's type, for `fetch(sql, mapper, args…)`.
 *
 * Runs on the event loop thread as each result is delivered; an exception it throws fails the query.
 *
 * ```java
 * RowMapper<String> names = row -> row.get("name", String.class);
 * ```
 */
public fun interface RowMapper<T> {
    /** The value for [row]. */
    public fun map(row: Row): T
}

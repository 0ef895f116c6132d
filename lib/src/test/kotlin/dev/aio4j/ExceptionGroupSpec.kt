package dev.aio4j

import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldContainExactly
import io.kotest.matchers.shouldBe
import io.kotest.matchers.types.shouldBeInstanceOf
import java.io.FileNotFoundException
import java.io.IOException

class ExceptionGroupSpec : FunSpec({
    val io = IOException("io")
    val fnf = FileNotFoundException("fnf")
    val arg = IllegalArgumentException("arg")
    val inner = ExceptionGroup("inner", listOf(fnf, arg))
    val group = ExceptionGroup("outer", listOf(io, inner))

    test("split by type keeps nesting on both sides, like except*") {
        val split = group.split(IOException::class.java)
        val match = split.match()!!
        match.exceptions()[0] shouldBe io
        match.exceptions()[1].shouldBeInstanceOf<ExceptionGroup>().exceptions() shouldContainExactly listOf(fnf)
        val rest = split.rest()!!
        rest.exceptions().single().shouldBeInstanceOf<ExceptionGroup>().exceptions() shouldContainExactly listOf(arg)
        rest.groupMessage() shouldBe "outer"
    }

    test("subgroup returns null when nothing matches, the whole group when the group itself matches") {
        group.subgroup(IllegalStateException::class.java) shouldBe null
        group.subgroup(ExceptionGroup::class.java) shouldBe group
        group.split(Throwable::class.java).rest() shouldBe null
    }

    test("message counts members; members are suppressed for stack traces; an empty group is refused") {
        group.message shouldBe "outer (2 sub-exceptions)"
        group.suppressed.toList() shouldContainExactly listOf(io, inner)
        shouldThrow<IllegalArgumentException> { ExceptionGroup("none", emptyList()) }
    }
})

package dev.aio4j

import io.kotest.core.spec.style.FunSpec
import java.io.File
import java.lang.reflect.Member
import java.lang.reflect.Modifier
import java.net.URI
import java.util.zip.ZipFile

/**
 * Freezes the Java-visible API of `dev.aio4j` (STYLE.md §4): every public class of the package (not
 * `internal`, not `coroutines`) with every public or protected constructor, method and field, as Java
 * reflection sees them (generic signatures via `toGenericString`), sorted, compared with the committed
 * `lib/api/java-api.txt`.
 *
 * "Java-visible" means what javac lets a Java caller use: synthetic members (`$default` methods,
 * `access$…` accessors, `DefaultConstructorMarker` constructors) and bridge methods are left out,
 * while members Kotlin compiles as public but marks `internal` (`getCore$aio4j_lib()`, internal
 * constructors) are kept — Java can call them, so they are API whether we like it or not.
 *
 * Update after an intended change: `mvn -B -o test -pl lib -Dtest=ApiDumpSpec -DupdateApi=true`, then
 * review the diff of `lib/api/java-api.txt` like any other change.
 */
class ApiDumpSpec : FunSpec({
    val apiFile = File(System.getProperty("basedir") ?: ".", "api/java-api.txt")

    test("the Java-visible API of dev.aio4j matches lib/api/java-api.txt") {
        val actual = JavaApiDump.render()
        if (System.getProperty("updateApi") == "true") {
            apiFile.parentFile.mkdirs()
            apiFile.writeText(actual)
            return@test
        }
        if (!apiFile.isFile) {
            throw AssertionError("${apiFile.absolutePath} is missing; create it with -DupdateApi=true")
        }
        val expected = apiFile.readText()
        if (expected != actual) {
            throw AssertionError(
                "The Java API of dev.aio4j changed (- committed, + now). If intended, rerun with " +
                    "-DupdateApi=true and commit lib/api/java-api.txt.\n" + JavaApiDump.diff(expected, actual),
            )
        }
    }

    // BUG(main), fails today: Future.getWork$aio4j_lib()/setWork$aio4j_lib(kotlinx.coroutines.Job) (an
    // `internal var` of a public class) and the `getEntries()` Kotlin adds to every enum
    // (ReturnWhen, LoopReport.Kind) returning kotlin.enums.EnumEntries.
    test("no Java-visible signature mentions a Kotlin type") {
        // kotlin.Unit, kotlin.jvm.functions.Function1, kotlin.coroutines.Continuation, kotlinx.coroutines.Job …
        val kotlinType = Regex("""(?<![\w.])kotlinx?\.""")
        val offenders = JavaApiDump.lines().filter { kotlinType.containsMatchIn(it) }
        if (offenders.isNotEmpty()) {
            throw AssertionError(
                "Java callers of dev.aio4j must never see Kotlin types (STYLE.md §2); these signatures do:\n" +
                    offenders.joinToString("\n") { "  $it" },
            )
        }
    }

    // BUG(main), fails today: the `internal` constructors of Future, Task, TaskGroup and the internal
    // members getCore$aio4j_lib() / getTimer$aio4j_lib() take or return dev.aio4j.internal types.
    test("no Java-visible signature mentions an internal type of aio4j") {
        val offenders = JavaApiDump.lines().filter { "dev.aio4j.internal." in it }
        if (offenders.isNotEmpty()) {
            throw AssertionError(
                "Implementation types of dev.aio4j.internal are reachable from Java through these public " +
                    "signatures (Kotlin `internal` compiles to public bytecode):\n" +
                    offenders.joinToString("\n") { "  $it" },
            )
        }
    }
})

/** Builds the dump; an object so both tests share one scan. */
private object JavaApiDump {
    private const val PACKAGE = "dev.aio4j"

    /** The Java-facing packages: the facade, its streams (dev.aio4j.net), the HTTP client and resilience. */
    private val PACKAGES = listOf(
        PACKAGE,
        "$PACKAGE.net",
        "$PACKAGE.http",
        "$PACKAGE.resilience",
        "$PACKAGE.cache",
        "$PACKAGE.redis",
        "$PACKAGE.db",
        "$PACKAGE.files",
    )

    /** The dump: one header line per class, then its members indented, all sorted. */
    fun render(): String = lines().joinToString("\n", postfix = "\n")

    fun lines(): List<String> = cached

    private val cached: List<String> by lazy {
        val out = ArrayList<String>()
        for (type in publicClasses()) {
            out += header(type)
            val members = ArrayList<String>()
            type.declaredConstructors.filter { visible(it) }.mapTo(members) { it.toGenericString() }
            type.declaredMethods.filter { visible(it) && !it.isBridge }.mapTo(members) { it.toGenericString() }
            type.declaredFields.filter { visible(it) }.mapTo(members) { it.toGenericString() }
            members.sorted().mapTo(out) { "  $it" }
        }
        out
    }

    private fun visible(member: Member): Boolean {
        val modifiers = member.modifiers
        return (Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers)) && !member.isSynthetic
    }

    private fun header(type: Class<*>): String = buildString {
        append(type.toGenericString())
        val superclass = type.genericSuperclass
        if (superclass != null && superclass != Any::class.java && !type.isEnum) append(" extends ").append(superclass.typeName)
        val interfaces = type.genericInterfaces
        if (interfaces.isNotEmpty()) {
            append(if (type.isInterface) " extends " else " implements ")
            append(interfaces.joinToString(", ") { it.typeName })
        }
    }

    /** Every class file directly in dev/aio4j of the main output (directory or jar), loaded and filtered. */
    private fun publicClasses(): List<Class<*>> {
        val location = EventLoop::class.java.protectionDomain.codeSource.location.toURI()
        val names = PACKAGES.flatMap { pkg ->
            classNamesIn(location, pkg).filter { it.startsWith("$pkg.") && '.' !in it.removePrefix("$pkg.") }
        }
        require(names.isNotEmpty()) { "no classes of $PACKAGE found at $location" }
        return names
            .map { Class.forName(it, false, EventLoop::class.java.classLoader) }
            .filter { exported(it) }
            .sortedBy { it.name }
    }

    private fun exported(type: Class<*>): Boolean {
        var c: Class<*>? = type
        while (c != null) {
            if (!Modifier.isPublic(c.modifiers) || c.isSynthetic || c.isAnonymousClass || c.isLocalClass) return false
            c = c.declaringClass
        }
        return true
    }

    private fun classNamesIn(location: URI, pkg: String): List<String> {
        val file = File(location)
        val paths: List<String> = if (file.isDirectory) {
            File(file, pkg.replace('.', '/')).listFiles().orEmpty()
                .filter { it.isFile }
                .map { "${pkg.replace('.', '/')}/${it.name}" }
        } else {
            ZipFile(file).use { zip -> zip.entries().asSequence().map { it.name }.toList() }
        }
        return paths.filter { it.endsWith(".class") && it != "module-info.class" }
            .map { it.removeSuffix(".class").replace('/', '.') }
    }

    /** A line diff by longest common subsequence: the dump is a few hundred lines. */
    fun diff(expected: String, actual: String): String {
        val a = expected.lines()
        val b = actual.lines()
        val lcs = Array(a.size + 1) { IntArray(b.size + 1) }
        for (i in a.indices.reversed()) for (j in b.indices.reversed()) {
            lcs[i][j] = if (a[i] == b[j]) lcs[i + 1][j + 1] + 1 else maxOf(lcs[i + 1][j], lcs[i][j + 1])
        }
        val out = StringBuilder()
        var i = 0
        var j = 0
        while (i < a.size || j < b.size) {
            when {
                i < a.size && j < b.size && a[i] == b[j] -> { i++; j++ }
                i < a.size && (j == b.size || lcs[i + 1][j] >= lcs[i][j + 1]) -> out.append("- ").append(a[i++]).append('\n')
                else -> out.append("+ ").append(b[j++]).append('\n')
            }
        }
        return out.toString()
    }
}

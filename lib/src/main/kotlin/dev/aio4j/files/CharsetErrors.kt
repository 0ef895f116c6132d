package dev.aio4j.files

import dev.aio4j.internal.HiddenFromJava
import java.nio.charset.CharacterCodingException
import java.nio.charset.Charset
import java.nio.file.Path

/**
 * A file's bytes are not valid in the charset it is read with: Python's `UnicodeDecodeError`. aio4j
 * never replaces bad input silently (Java's `Files.readString` throws too, `new String(bytes)` does
 * not). It is a `CharacterCodingException`, so an `IOException`; the message names the file, the
 * charset and the byte offset of the bad input.
 *
 * ```java
 * AsyncFiles.readText(path).exceptionally(e -> e instanceof UnicodeDecodeError d ? "bad byte at " + d.byteOffset() : null);
 * ```
 */
public class UnicodeDecodeError internal constructor(
    private val path: Path,
    private val charset: Charset,
    private val byteOffset: Long,
    private val length: Int,
    private val unmappable: Boolean,
    hidden: HiddenFromJava = HiddenFromJava.TOKEN,
) : CharacterCodingException() {
    /** The file that was read. */
    public fun path(): Path = path

    /** The charset it was decoded with. */
    public fun charset(): Charset = charset

    /** The offset in the file of the first bad byte. */
    public fun byteOffset(): Long = byteOffset

    /** How many bytes are bad there. */
    public fun length(): Int = length

    override val message: String
        get() = "cannot decode $path as ${charset.name()}: ${if (unmappable) "unmappable" else "malformed"} input of " +
            "$length byte(s) at byte offset $byteOffset"
}

/**
 * Text written to a file has characters its charset cannot encode (or a lone surrogate): Python's
 * `UnicodeEncodeError`. Nothing of that write reaches the file. An `IOException`; the message names the
 * file, the charset and the index of the first bad character in the written text.
 */
public class UnicodeEncodeError internal constructor(
    private val path: Path,
    private val charset: Charset,
    private val charIndex: Int,
    hidden: HiddenFromJava = HiddenFromJava.TOKEN,
) : CharacterCodingException() {
    /** The file being written. */
    public fun path(): Path = path

    /** The charset of the file. */
    public fun charset(): Charset = charset

    /** The index in the written text of the first character that could not be encoded. */
    public fun charIndex(): Int = charIndex

    override val message: String
        get() = "cannot encode the text written to $path as ${charset.name()}: bad character at index $charIndex"
}

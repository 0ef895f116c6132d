package dev.aio4j.server

import java.io.ByteArrayOutputStream
import java.io.InputStream
import java.net.Socket

/**
 * A bare HTTP/1.1 connection to 127.0.0.1, for what a client library hides: sending headers only,
 * reading a chunked stream piece by piece, hanging up mid-response. Every read has a 10 s timeout.
 */
internal class RawHttp(port: Int) : AutoCloseable {
    private val socket = Socket("127.0.0.1", port).apply { soTimeout = 10_000 }
    private val input: InputStream = socket.getInputStream()

    /** Sends [head] (request line and headers, without the blank line) and reads the response head. */
    fun send(head: String): List<String> {
        socket.getOutputStream().apply {
            write("$head\r\nHost: 127.0.0.1\r\n\r\n".toByteArray())
            flush()
        }
        return generateSequence { readLine() }.takeWhile { it.isNotEmpty() }.toList()
    }

    /** Reads one chunk of a chunked body; `null` at the last (empty) chunk. */
    fun readChunk(): String? {
        val size = readLine().substringBefore(';').trim().toInt(16)
        val data = input.readNBytes(size).also { check(it.size == size) { "connection closed mid-chunk" } }
        readLine()
        return if (size == 0) null else String(data)
    }

    /** Reads a body of [length] bytes. */
    fun readBody(length: Int): String = String(input.readNBytes(length))

    private fun readLine(): String {
        val line = ByteArrayOutputStream()
        while (true) {
            val b = input.read()
            check(b >= 0) { "connection closed" }
            if (b == '\n'.code) return line.toString().removeSuffix("\r")
            line.write(b)
        }
    }

    override fun close(): Unit = socket.close()
}

@file:JvmName("Main")

package dev.aio4j.server

import kotlin.system.exitProcess

private const val USAGE = """Usage: java dev.aio4j.server.Main [--host HOST] [--port PORT] [--chat-port PORT]
  --host HOST       interface to bind (env AIO4J_HOST, default 127.0.0.1)
  --port PORT       HTTP port, 0 = ephemeral (env AIO4J_PORT, default 8080)
  --chat-port PORT  TCP chat port, 0 = ephemeral (env AIO4J_CHAT_PORT, default 8888)"""

/**
 * Runs the demo server until the process is stopped (Ctrl-C / SIGTERM shut it down gracefully).
 * Flags win over the environment variables `AIO4J_HOST` / `AIO4J_PORT`; defaults are 127.0.0.1:8080.
 * Prints `Listening on http://HOST:PORT` once the port is bound.
 *
 * ```
 * java -cp aio4j-server.jar:... dev.aio4j.server.Main --port 0
 * ```
 */
public fun main(args: Array<String>) {
    val config = try {
        parseCommandLine(args.toList(), System.getenv())
    } catch (e: IllegalArgumentException) {
        System.err.println("error: ${e.message}\n$USAGE")
        exitProcess(2)
    } ?: run {
        println(USAGE)
        return
    }
    // Before any logger exists: the bundled logging config, unless the user chose one.
    if (System.getProperty("logback.configurationFile") == null) {
        System.setProperty("logback.configurationFile", "dev/aio4j/server/logback-server.xml")
    }
    // Ktor's own hook stops without draining; ours below is the graceful one.
    System.setProperty("io.ktor.server.engine.ShutdownHook", "false")
    val server = DemoServer.start(config)
    Runtime.getRuntime().addShutdownHook(Thread(server::close, "aio4j-server-shutdown"))
    println("Listening on ${server.url()}")
    println("Chat on tcp port ${server.chatPort()}")
    server.awaitClosed()
}

/**
 * The config for [args] and [env]; `null` when help was asked for. Throws [IllegalArgumentException]
 * with a message naming the bad flag or variable.
 */
@JvmSynthetic // keeps it out of the Java view of class Main
internal fun parseCommandLine(args: List<String>, env: Map<String, String>): ServerConfig? {
    var host: String? = null
    var port: String? = null
    var chatPort: String? = null
    val rest = args.iterator()
    while (rest.hasNext()) {
        val arg = rest.next()
        val (name, inline) = arg.split("=", limit = 2).let { it[0] to it.getOrNull(1) }
        fun value(): String = inline ?: rest.takeIf { it.hasNext() }?.next()
            ?: throw IllegalArgumentException("$name needs a value")
        when (name) {
            "--host" -> host = value()
            "--port" -> port = value()
            "--chat-port" -> chatPort = value()
            "-h", "--help" -> return null
            else -> throw IllegalArgumentException("unknown argument '$arg'")
        }
    }
    return ServerConfig(
        host = host ?: env["AIO4J_HOST"] ?: ServerConfig.DEFAULT_HOST,
        port = portOption(port, "--port", env, "AIO4J_PORT") ?: ServerConfig.DEFAULT_PORT,
        chatPort = portOption(chatPort, "--chat-port", env, "AIO4J_CHAT_PORT") ?: ServerConfig.DEFAULT_CHAT_PORT,
    )
}

/** The port from the flag's [value], else from the environment variable [envName]; null if neither is set. */
private fun portOption(value: String?, flag: String, env: Map<String, String>, envName: String): Int? {
    val source = if (value != null) flag else envName
    val text = value ?: env[envName] ?: return null
    return text.toIntOrNull()?.takeIf { it in 0..65_535 }
        ?: throw IllegalArgumentException("$source must be an integer from 0 to 65535, got '$text'")
}

package dev.aio4j.server

/** One parsed Server-Sent Event: its fields in wire order (`event`, `data`, `id`, …). */
internal typealias SseEvent = Map<String, String>

/** Parses an `text/event-stream` body into events; comment lines (`:`) are skipped. */
internal fun parseSse(text: String): List<SseEvent> =
    text.replace("\r\n", "\n").split("\n\n").filter { it.isNotBlank() }.mapNotNull { block ->
        block.lines().filter { it.isNotEmpty() && !it.startsWith(":") }
            .associate { line -> line.substringBefore(":") to line.substringAfter(":").removePrefix(" ") }
            .takeIf { it.isNotEmpty() }
    }

/** What `/events` sends for event [i]. */
internal fun tick(i: Int): SseEvent = mapOf("event" to "tick", "data" to "Event $i", "id" to "$i")

package dev.aio4j.server

import dev.aio4j.TaskInfo
import io.ktor.server.http.content.staticResources
import io.ktor.server.response.respondRedirect
import io.ktor.server.routing.Route
import io.ktor.server.routing.get

/**
 * - `GET /debug/tasks`: the live task tree of the server's aio4j loop (what `python -m asyncio pstree`
 *   shows): `{"loop": name, "count": n, "tasks": [{"name", "state", "ageSeconds", "parent",
 *   "children": [...]}]}`.
 * - `GET /debug/`: a page that shows that tree, refreshed every second.
 */
internal fun Route.debugRoutes(state: ServerState) {
    get("/debug/tasks") {
        val loop = state.aio.loop
        val tree = TaskInfo.tree(loop)
        call.respondJson(
            mapOf(
                "loop" to loop.toString(),
                "count" to countTasks(tree),
                "tasks" to tree.map(::taskJson),
            ),
        )
    }
    get("/debug") { call.respondRedirect("/debug/", permanent = true) }
    staticResources("/debug", "dev/aio4j/server/debug", index = "tasks.html")
}

private fun countTasks(nodes: List<TaskInfo>): Int = nodes.sumOf { 1 + countTasks(it.children()) }

private fun taskJson(node: TaskInfo): Map<String, Any?> = mapOf(
    "name" to node.name(),
    "state" to node.state(),
    "ageSeconds" to Math.round(node.ageSeconds() * 1000) / 1000.0,
    "parent" to node.parent(),
    "children" to node.children().map(::taskJson),
)

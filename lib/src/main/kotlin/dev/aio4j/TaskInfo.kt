package dev.aio4j

import dev.aio4j.internal.FutureCoroutine
import kotlinx.coroutines.Job

/**
 * A snapshot of one live task and its live subtasks: what `python -m asyncio pstree` prints, as data.
 *
 * [tree] walks the loop's ownership tree (DESIGN-NOTES decision 2): a task's children are the tasks
 * started while it was current, including through task groups and operations, e.g. a server's
 * connection tasks. Tasks already done are left out. Like asyncio's `all_tasks`, it may be called
 * from any thread; the snapshot is then approximate (tasks start and finish meanwhile).
 *
 * ```java
 * for (TaskInfo root : TaskInfo.tree(loop)) {
 *     System.out.println(root.name() + " " + root.state() + " " + root.children().size());
 * }
 * ```
 */
public class TaskInfo private constructor(
    private val task: Task<*>,
    private val parentName: String?,
    private val ageNanos: Long,
    private val kids: List<TaskInfo>,
) {
    /** The task's name. */
    public fun name(): String = task.getName()

    /** `pending`, or `cancelling` once a cancellation was requested and the task has not finished. */
    public fun state(): String = if (task.cancelling() > 0) "cancelling" else "pending"

    /** Seconds of loop time since the task was created. */
    public fun ageSeconds(): Double = ageNanos / 1e9

    /** The name of the task that owns this one, or null for a task of the loop itself. */
    public fun parent(): String? = parentName

    /** The live tasks this one owns, oldest first. */
    public fun children(): List<TaskInfo> = kids

    /** The task itself. */
    public fun task(): Task<*> = task

    override fun toString(): String = "<TaskInfo ${name()} ${state()} children=${kids.size}>"

    /** Snapshots. */
    public companion object {
        /** The live tasks of [loop] as a forest: the tasks owned by the loop, each with its subtasks. */
        @JvmStatic
        public fun tree(loop: EventLoop): List<TaskInfo> {
            val core = loop.core
            val now = core.now()
            fun visit(job: Job, parent: String?): List<TaskInfo> {
                val out = ArrayList<TaskInfo>()
                for (child in job.children) {
                    val task = (child as? FutureCoroutine<*>)?.future as? Task<*>
                    if (task != null && !task.isDone) {
                        out += TaskInfo(task, parent, now - task.createdNanos, visit(child, task.getName()))
                    } else {
                        out += visit(child, parent)
                    }
                }
                return out.sortedBy { -it.ageNanos }
            }
            return visit(core.rootJob, null)
        }
    }
}

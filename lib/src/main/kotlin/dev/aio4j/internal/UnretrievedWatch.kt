package dev.aio4j.internal

import dev.aio4j.LoopReport
import dev.aio4j.Task
import java.lang.ref.Cleaner
import java.util.concurrent.CancellationException

/**
 * Debug mode: reports a task that failed while nobody retrieved its exception, once the task is
 * garbage — asyncio's "Task exception was never retrieved". Holds no reference to the task.
 */
internal class UnretrievedWatch private constructor(private val core: LoopCore, private val name: String) : Runnable {
    @Volatile private var failure: Throwable? = null
    @Volatile private var retrieved = false

    fun finished(failure: Throwable?, observed: Boolean) {
        if (failure != null && failure !is CancellationException && !observed) this.failure = failure
    }

    fun retrieved() {
        retrieved = true
    }

    override fun run() {
        val failure = failure ?: return
        if (retrieved) return
        core.loop.report(
            LoopReport(
                LoopReport.Kind.UNRETRIEVED_EXCEPTION,
                "Task exception was never retrieved: task '$name' failed with $failure",
                failure,
                null,
                emptyList(),
            ),
        )
    }

    companion object {
        private val cleaner: Cleaner by lazy { Cleaner.create() }

        fun register(task: Task<*>, core: LoopCore): UnretrievedWatch? {
            if (core.debug == null) return null
            val watch = UnretrievedWatch(core, task.getName())
            cleaner.register(task, watch)
            return watch
        }
    }
}

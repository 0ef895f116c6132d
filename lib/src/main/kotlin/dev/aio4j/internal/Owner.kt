package dev.aio4j.internal

import dev.aio4j.Task
import kotlinx.coroutines.Job
import kotlinx.coroutines.ThreadContextElement
import kotlin.coroutines.CoroutineContext

/**
 * Who owns the aio4j operations started by the code running right now (DESIGN.md, decision 7).
 *
 * A task is an owner; so is the body of a `timeout` or `taskGroup`, whose operations must be
 * cancelled with that scope. The owner rides in the coroutine context of the task and of every
 * operation it starts, so a Java callback run because one of those operations completed still
 * runs "inside" the task, and what it starts becomes the task's child too.
 */
internal class Owner(val core: LoopCore, val task: Task<*>?, initialJob: Job?) : ThreadContextElement<Owner?> {
    private var ownerJob: Job? = initialJob

    var job: Job
        get() = ownerJob!!
        set(value) { ownerJob = value }

    /** The context of an operation this owner starts: its child, on its loop, carrying this owner. */
    val operationContext: CoroutineContext by lazy(LazyThreadSafetyMode.NONE) { core.baseContext + this + job }

    override val key: CoroutineContext.Key<*> get() = Key

    override fun updateThreadContext(context: CoroutineContext): Owner? {
        val thread = Thread.currentThread() as? LoopThread ?: return null
        val previous = thread.owner
        thread.owner = this
        return previous
    }

    override fun restoreThreadContext(context: CoroutineContext, oldState: Owner?) {
        (Thread.currentThread() as? LoopThread)?.owner = oldState
    }

    /** Runs [block] with this owner current, for code invoked directly rather than resumed. */
    inline fun <R> runAsCurrent(block: () -> R): R {
        val thread = Thread.currentThread() as LoopThread
        val previous = thread.owner
        thread.owner = this
        try {
            return block()
        } finally {
            thread.owner = previous
        }
    }

    companion object Key : CoroutineContext.Key<Owner> {
        /** The owner of the running code, or null when this thread runs no event loop. */
        fun currentOrNull(): Owner? {
            val thread = Thread.currentThread() as? LoopThread ?: return null
            return thread.owner ?: thread.core.rootOwner
        }

        fun current(): Owner = currentOrNull() ?: throw noRunningLoop()

        fun noRunningLoop(): IllegalStateException = IllegalStateException(
            "no running event loop in thread '${Thread.currentThread().name}': aio4j operations start on an " +
                "event loop thread (inside Asyncio.run, a task, or a callback of one); from other threads " +
                "use EventLoop.runCoroutineThreadsafe or EventLoop.callSoonThreadsafe",
        )
    }
}

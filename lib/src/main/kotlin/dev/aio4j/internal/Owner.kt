package dev.aio4j.internal

import dev.aio4j.Task
import kotlinx.coroutines.ExperimentalCoroutinesApi
import kotlinx.coroutines.Job
import kotlinx.coroutines.ThreadContextElement
import kotlin.coroutines.CoroutineContext

/**
 * Who owns the aio4j operations started by the code running right now (DESIGN.md, decision 7).
 *
 * A task is an owner (its [TaskCoroutine]); so is the body of a `timeout` or `taskGroup` (a
 * [ScopeOwner]), whose operations must be cancelled with that scope. The loop thread holds the current
 * owner in [LoopThread.owner]; [OwnerSwitch] sets it whenever a coroutine of the loop runs, so a Java
 * callback run because one of a task's operations completed still runs "inside" that task, and what
 * it starts becomes the task's child too.
 */
internal interface Owner {
    val core: LoopCore
    val task: Task<*>?
    val job: Job

    /** The context of an operation this owner starts: a child of [job], on [core]'s loop. */
    val operationContext: CoroutineContext

    companion object {
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

        /**
         * The owner of the coroutine with [context]: the nearest [FutureCoroutine] among its job and the
         * job's ancestors (a plain Kotlin coroutine inside an operation belongs to that operation's owner).
         */
        @OptIn(ExperimentalCoroutinesApi::class) // Job.parent
        fun of(context: CoroutineContext): Owner? {
            var job = context[Job]
            while (job != null) {
                if (job is FutureCoroutine<*>) return job.owner
                job = job.parent
            }
            return null
        }
    }
}

/** Runs [block] with this owner current, for code invoked directly rather than resumed. */
internal inline fun <R> Owner.runAsCurrent(block: () -> R): R = runWithOwner(this, block)

/**
 * Runs [block] with [owner] current on this loop thread (null: plain loop code, owned by the loop), then
 * restores the previous owner. Off a loop thread there is no owner to set and [block] just runs.
 */
internal inline fun <R> runWithOwner(owner: Owner?, block: () -> R): R {
    val thread = Thread.currentThread() as? LoopThread ?: return block()
    val previous = thread.owner
    thread.owner = owner
    try {
        return block()
    } finally {
        thread.owner = previous
    }
}

/** The owner of a scope's body (`timeout`, `taskGroup`, `withLock`, …) or of the loop itself. */
internal class ScopeOwner(override val core: LoopCore, override val task: Task<*>?, override val job: Job) : Owner {
    override val operationContext: CoroutineContext by lazy(LazyThreadSafetyMode.NONE) { core.baseContext + job }
}

/**
 * The one thread-context element of a loop (part of its base context): while a coroutine of the loop
 * runs, the loop thread's current owner is that coroutine's [Owner]. Being one shared element rather
 * than one per task keeps a task's context as small as a plain coroutine's.
 */
internal object OwnerSwitch : ThreadContextElement<Owner?>, CoroutineContext.Key<OwnerSwitch> {
    override val key: CoroutineContext.Key<*> get() = this

    override fun updateThreadContext(context: CoroutineContext): Owner? {
        val thread = Thread.currentThread() as? LoopThread ?: return null
        val previous = thread.owner
        // A coroutine outside any aio4j work (e.g. under `withContext(NonCancellable)`) keeps the owner
        // of the code that resumed it.
        thread.owner = Owner.of(context) ?: previous
        return previous
    }

    override fun restoreThreadContext(context: CoroutineContext, oldState: Owner?) {
        (Thread.currentThread() as? LoopThread)?.owner = oldState
    }
}

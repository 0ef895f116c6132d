package dev.aio4j

import dev.aio4j.internal.DebugMonitor
import dev.aio4j.internal.DefaultExecutors
import dev.aio4j.internal.FutureCoroutine
import dev.aio4j.internal.LoopCore
import dev.aio4j.internal.LoopThread
import dev.aio4j.internal.Owner
import dev.aio4j.internal.startOperation
import dev.aio4j.internal.startTask
import dev.aio4j.coroutines.runInExecutor as coreRunInExecutor
import kotlinx.coroutines.CoroutineStart
import kotlinx.coroutines.Job
import org.slf4j.LoggerFactory
import java.time.Duration
import java.util.concurrent.Callable
import java.util.concurrent.CancellationException
import java.util.concurrent.CompletableFuture
import java.util.concurrent.CompletionException
import java.util.concurrent.CompletionStage
import java.util.concurrent.CountDownLatch
import java.util.concurrent.ExecutionException
import java.util.concurrent.Executor
import java.util.concurrent.ExecutorService
import java.util.concurrent.TimeUnit
import java.util.concurrent.atomic.AtomicInteger
import java.util.function.Consumer
import java.util.function.Supplier
import kotlin.math.roundToLong

/**
 * An event loop: asyncio's loop and `asyncio.Runner`, on one dedicated thread.
 *
 * Every task and callback of the loop runs on its thread, one at a time, so they never race between
 * awaits. [Asyncio.run] creates one per call; create one yourself for long-lived use (a server), then
 * [runUntilComplete] work on it from any other thread and [close] it at the end.
 *
 * Differences from asyncio: the loop's thread serves callbacks from creation to [close], not only
 * while something runs it, so [isRunning] is true until closed; and a loop made with
 * [createWithVirtualTime] has a clock that jumps to the next timer whenever nothing else can run (Trio's
 * autojumping `MockClock`), for fast, deterministic tests.
 *
 * Thread safety: the `…Threadsafe` methods, [runUntilComplete], [runCoroutineThreadsafe], [close],
 * [stop] and the settings may be called from any thread; [callSoon], [callLater], [callAt] and
 * [createTask] belong on the loop thread (debug mode checks).
 *
 * ```java
 * try (EventLoop loop = EventLoop.create()) {
 *     String page = loop.runUntilComplete(() -> fetch("http://127.0.0.1:8080/"));
 *     loop.callSoonThreadsafe(() -> System.out.println("on the loop thread"));
 * }
 * ```
 */
public class EventLoop private constructor(virtualTime: Boolean) : AutoCloseable {
    @get:JvmSynthetic
    internal val core: LoopCore = LoopCore("aio4j-loop-${counter.incrementAndGet()}", virtualTime)

    @Volatile private var handler: Consumer<LoopReport>? = null
    @Volatile private var executor: ExecutorService? = null
    @Volatile private var closed = false
    @Volatile private var debug = false
    @Volatile private var slowCallbackNanos = 100_000_000L
    @Volatile private var eagerTasks = false
    private val stopLatch = java.util.concurrent.atomic.AtomicReference<CountDownLatch?>()
    private val stopRequested = java.util.concurrent.atomic.AtomicBoolean()

    init {
        core.loop = this
        core.start()
    }

    /** Loop time in seconds: monotonic, for [callAt] and `Timeout.when()` (asyncio's `loop.time()`). */
    public fun time(): Double = core.now() / 1e9

    /** Schedules [callback] for the next iteration, after those already scheduled (asyncio's `call_soon`). */
    public fun callSoon(callback: Runnable): Handle {
        checkThread("callSoon")
        val handle = Handle(callback)
        core.callSoon { handle.runIfNotCancelled() }
        return handle
    }

    /** [callSoon] from any thread; wakes the loop (asyncio's `call_soon_threadsafe`). */
    public fun callSoonThreadsafe(callback: Runnable): Handle {
        checkOpen()
        val handle = Handle(callback)
        core.callSoon { handle.runIfNotCancelled() }
        return handle
    }

    /** Runs [callback] once [delay] has passed (asyncio's `call_later`). */
    public fun callLater(delay: Duration, callback: Runnable): TimerHandle = callAt(time() + delay.toNanos() / 1e9, callback)

    /** Runs [callback] at loop time [whenSeconds] (asyncio's `call_at`). */
    public fun callAt(whenSeconds: Double, callback: Runnable): TimerHandle {
        checkThread("callAt")
        val handle = TimerHandle(callback, whenSeconds)
        handle.timer = core.schedule((whenSeconds * 1e9).roundToLong()) { handle.runIfNotCancelled() }
        return handle
    }

    /** A new [Future] bound to this loop (asyncio's `loop.create_future`). */
    public fun <T> createFuture(): Future<T> = Future(this)

    /**
     * Schedules [body] as a task of this loop (asyncio's `loop.create_task`); see [Asyncio.createTask].
     * The task is independent: a child of the loop, not of the calling task.
     */
    @JvmOverloads
    public fun <T> createTask(body: Supplier<out CompletionStage<out T>>, name: String? = null): Task<T> {
        checkOpen()
        return core.startTask(core.rootJob, name, body, taskStart())
    }

    /**
     * Eager tasks (asyncio 3.12's `eager_task_factory`): when on, a task created on the loop thread runs
     * its body at once, inside `createTask`, up to its first suspension, instead of on the next
     * iteration; a body that finishes without suspending returns a task that is already done, with no
     * trip through the loop. Off by default, as in asyncio, because it changes the order of side effects.
     */
    public fun setEagerTasks(enabled: Boolean) {
        eagerTasks = enabled
    }

    /** Whether tasks start eagerly; see [setEagerTasks]. */
    public fun getEagerTasks(): Boolean = eagerTasks

    @JvmSynthetic
    internal fun taskStart(): CoroutineStart =
        if (eagerTasks && core.isLoopThread()) CoroutineStart.UNDISPATCHED else CoroutineStart.DEFAULT

    /**
     * Runs [main] as a task and blocks the calling thread until it is done; returns its result or
     * throws its exception as itself (asyncio's `run_until_complete`). Refuses to run on the loop's own
     * thread. If the calling thread is interrupted the task is cancelled.
     */
    public fun <T> runUntilComplete(main: Supplier<out CompletionStage<out T>>): T {
        checkNotOnLoop("runUntilComplete")
        return waitFor(createTask(main, "main"))
    }

    /** Blocks until [stage] is done; returns its result or throws its exception as itself. */
    public fun <T> runUntilComplete(stage: CompletionStage<T>): T {
        checkNotOnLoop("runUntilComplete")
        return waitFor(stage.toCompletableFuture())
    }

    /**
     * Submits [body] to this loop from any other thread; returns a future of its result (asyncio's
     * `run_coroutine_threadsafe`). Cancelling the returned future cancels the task.
     */
    public fun <T> runCoroutineThreadsafe(body: Supplier<out CompletionStage<out T>>): CompletableFuture<T> {
        checkOpen()
        val result = CompletableFuture<T>()
        val task = core.startTask<T>(core.rootJob, null, body)
        task.whenComplete { value, error -> if (error == null) result.complete(value) else result.completeExceptionally(unwrap(error)) }
        result.whenComplete { _, _ -> if (result.isCancelled) task.cancel() }
        return result
    }

    /**
     * Blocks the calling thread until [stop] is called (asyncio's `run_forever`). A [stop] that came
     * first makes it return at once, as asyncio's loop then runs one iteration and returns.
     */
    public fun runForever() {
        checkNotOnLoop("runForever")
        checkOpen()
        val latch = CountDownLatch(1)
        check(stopLatch.compareAndSet(null, latch)) { "the event loop is already run by runForever()" }
        try {
            if (!stopRequested.getAndSet(false)) latch.await()
        } finally {
            stopLatch.set(null)
            stopRequested.set(false)
        }
    }

    /** Makes [runForever] return, or the next call of it (asyncio's `stop`); other work runs on until [close]. */
    public fun stop() {
        stopRequested.set(true)
        stopLatch.get()?.countDown()
    }

    /** True from creation until [close] (the loop thread serves callbacks all that time). */
    public fun isRunning(): Boolean = !closed

    /** Whether [close] was called. */
    public fun isClosed(): Boolean = closed

    /**
     * Cancels every task still running, waits until they finished their cleanup, waits for the default
     * executor's threads, and stops the loop thread. Idempotent; not from the loop thread.
     */
    override fun close() {
        if (closed) return
        checkNotOnLoop("close")
        val allDone = CountDownLatch(1)
        core.callSoon {
            core.rootJob.cancel(CancellationException("the event loop is closing"))
            core.rootJob.invokeOnCompletion { allDone.countDown() }
        }
        awaitUninterruptibly(allDone)
        closed = true
        shutdownDefaultExecutor()
        core.beginClose()
        core.thread.join()
    }

    /** Shuts the default executor down and waits for its running work (asyncio's `shutdown_default_executor`). */
    public fun shutdownDefaultExecutor() {
        val pool = synchronized(this) { executor.also { executor = null } } ?: return
        pool.shutdown()
        while (!pool.awaitTermination(1, TimeUnit.SECONDS)) { /* running thread work has no deadline, as in asyncio */ }
    }

    /** The executor `toThread` and `runInExecutor(null, …)` use; created on first use. */
    public fun defaultExecutor(): ExecutorService =
        executor ?: synchronized(this) { executor ?: DefaultExecutors.create(core.thread.name).also { executor = it } }

    /** Replaces the default executor (asyncio's `set_default_executor`); the old one is not shut down. */
    public fun setDefaultExecutor(executor: ExecutorService) {
        this.executor = executor
    }

    /** Runs [call] on [executor] (null = the default executor) and completes on the loop (asyncio's `run_in_executor`). */
    public fun <T> runInExecutor(executor: Executor?, call: Callable<T>): Future<T> =
        startOperation { coreRunInExecutor(executor) { call.call() } }

    /** Every task of this loop not yet done (asyncio's `all_tasks`). */
    public fun allTasks(): Set<Task<*>> {
        val tasks = LinkedHashSet<Task<*>>()
        fun visit(job: Job) {
            for (child in job.children) {
                val task = (child as? FutureCoroutine<*>)?.future as? Task<*>
                if (task != null && !task.isDone) tasks.add(task)
                visit(child)
            }
        }
        visit(core.rootJob)
        return tasks
    }

    /** Debug mode (asyncio's `set_debug`): slow-callback reports and unretrieved-exception reports. */
    public fun setDebug(enabled: Boolean) {
        debug = enabled
        if (enabled && core.debug == null) {
            core.debug = DebugMonitor(core, slowCallbackNanos).also { it.start() }
        } else if (!enabled) {
            core.debug?.stop()
            core.debug = null
        }
    }

    /** Whether debug mode is on. */
    public fun getDebug(): Boolean = debug

    /** How long a callback may hold the loop before debug mode reports it (default 100 ms). */
    public fun setSlowCallbackDuration(duration: Duration) {
        require(!duration.isNegative && !duration.isZero) { "slow callback duration must be positive: $duration" }
        slowCallbackNanos = duration.toNanos()
        core.debug?.thresholdNanos = slowCallbackNanos
    }

    /** The slow-callback threshold of debug mode. */
    public fun getSlowCallbackDuration(): Duration = Duration.ofNanos(slowCallbackNanos)

    /** Where reports go (asyncio's `set_exception_handler`); null restores the default, which logs. */
    public fun setExceptionHandler(handler: Consumer<LoopReport>?) {
        this.handler = handler
    }

    /** Hands [report] to the exception handler (asyncio's `call_exception_handler`). */
    public fun callExceptionHandler(report: LoopReport) {
        report(report)
    }

    @JvmSynthetic
    internal fun report(report: LoopReport) {
        val custom = handler
        if (custom == null) {
            defaultReport(report)
            return
        }
        try {
            custom.accept(report)
        } catch (e: Throwable) {
            log.error("the exception handler of {} failed on {}", core, report, e)
        }
    }

    private fun defaultReport(report: LoopReport) {
        when (report.kind()) {
            LoopReport.Kind.SLOW_CALLBACK -> {
                val stack = report.stack().joinToString("") { "\n\tat $it" }
                log.warn("{}{}", report.message(), stack)
            }
            else -> log.error(report.message(), report.exception())
        }
    }

    @JvmSynthetic
    internal fun reportCallbackError(e: Throwable, callback: Any) {
        report(LoopReport(LoopReport.Kind.CALLBACK_ERROR, "Exception in callback $callback", e, Owner.currentOrNull()?.task, emptyList()))
    }

    @JvmSynthetic
    internal fun reportUnhandled(e: Throwable) {
        if (e is CancellationException) return
        report(LoopReport(LoopReport.Kind.UNHANDLED_EXCEPTION, "Unhandled exception in a coroutine of $core", e, Owner.currentOrNull()?.task, emptyList()))
    }

    private fun checkOpen() {
        if (closed) throw IllegalStateException("the event loop is closed")
    }

    private fun checkThread(operation: String) {
        checkOpen()
        if (debug && !core.isLoopThread()) {
            throw IllegalStateException(
                "Non-thread-safe operation $operation invoked on an event loop other than the current one; " +
                    "use callSoonThreadsafe",
            )
        }
    }

    private fun checkNotOnLoop(operation: String) {
        val thread = Thread.currentThread()
        if (thread is LoopThread) {
            throw IllegalStateException(
                "$operation() cannot be called from a running event loop (thread '${thread.name}'): " +
                    "await the stage instead, or use runCoroutineThreadsafe from another thread",
            )
        }
    }

    override fun toString(): String = "<EventLoop ${core.thread.name} ${if (closed) "closed" else "running"}>"

    public companion object {
        private val counter = AtomicInteger()
        private val log = LoggerFactory.getLogger(EventLoop::class.java)

        /** A new loop with a real clock; its thread starts at once. */
        @JvmStatic
        public fun create(): EventLoop = EventLoop(false)

        /**
         * A new loop whose clock starts at 0 and jumps to the next timer whenever no callback is ready
         * and no thread work is outstanding: hours of sleeps and timeouts run in no real time.
         */
        @JvmStatic
        public fun createWithVirtualTime(): EventLoop = EventLoop(true)

        @JvmSynthetic
        internal fun unwrap(error: Throwable): Throwable =
            if ((error is CompletionException || error is ExecutionException) && error.cause != null) error.cause!! else error

        /** Blocks until [future] is done and returns its result, or throws its failure as itself. */
        @JvmSynthetic
        internal fun <T> waitFor(future: CompletableFuture<out T>): T {
            try {
                return future.get()
            } catch (e: ExecutionException) {
                throw unwrap(e)
            } catch (e: InterruptedException) {
                future.cancel(false)
                Thread.currentThread().interrupt()
                throw CancellationException("the waiting thread was interrupted").apply { initCause(e) }
            }
        }

        private fun awaitUninterruptibly(latch: CountDownLatch) {
            var interrupted = false
            while (true) {
                try {
                    latch.await()
                    break
                } catch (_: InterruptedException) {
                    interrupted = true
                }
            }
            if (interrupted) Thread.currentThread().interrupt()
        }
    }
}

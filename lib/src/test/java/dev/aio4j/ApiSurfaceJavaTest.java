package dev.aio4j;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The Java surface of {@code dev.aio4j}, compile-only (STYLE.md §4, after OkHttp's
 * KotlinSourceModernTest): every public facade method and constructor is referenced here with explicit
 * Java types, so a signature that changes shape, needs a Kotlin type ({@code Unit}, {@code Function1},
 * {@code Continuation}, {@code Deferred}, …) or loses an overload breaks this file's compilation.
 * The body never runs; {@code lib/api/java-api.txt} (ApiDumpSpec) freezes the exact signatures.
 *
 * <p>Deliberately not referenced: {@code ReturnWhen.getEntries()} and {@code LoopReport.Kind.getEntries()}
 * (they return {@code kotlin.enums.EnumEntries}), the {@code Companion} object, and the members
 * Kotlin compiles as public but marks internal ({@code getCore$aio4j_lib()} …); see ApiDumpSpec.
 */
class ApiSurfaceJavaTest {

    @Test
    void everyFacadeMethodIsCallableFromJavaWithJavaTypesOnly() {
        Runnable neverRun = ApiSurfaceJavaTest::surface;
        assertNotNull(neverRun);
    }

    @SuppressWarnings({"unused", "UnusedAssignment", "ConstantConditions", "unchecked"})
    private static void surface() {
        try {
            asyncio();
            eventLoop();
            futureAndTask();
            groupsAndErrors();
            smallTypes();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static CompletableFuture<String> stage() {
        return CompletableFuture.completedFuture("x");
    }

    @SuppressWarnings("unused")
    private static void asyncio() throws Exception {
        Supplier<CompletionStage<String>> body = ApiSurfaceJavaTest::stage;
        String r1 = Asyncio.run(body);
        String r2 = Asyncio.run(body, true);
        EventLoop running = Asyncio.getRunningLoop();
        Task<String> t1 = Asyncio.createTask(body);
        Task<String> t2 = Asyncio.createTask(body, "name");
        Task<String> t3 = Asyncio.createTask(body, null);
        Future<String> f = Asyncio.createFuture();
        CompletableFuture<Void> s1 = Asyncio.sleep(Duration.ofSeconds(1));
        CompletableFuture<String> s2 = Asyncio.sleep(Duration.ofSeconds(1), "result");
        CompletableFuture<List<String>> g1 = Asyncio.gather(stage(), stage());
        Collection<CompletionStage<String>> stages = List.of(stage(), stage());
        CompletableFuture<List<String>> g2 = Asyncio.gather(stages);
        CompletableFuture<List<Outcome<String>>> g3 = Asyncio.gatherSettled(stage(), stage());
        CompletableFuture<List<Outcome<String>>> g4 = Asyncio.gatherSettled(stages);
        List<Task<String>> tasks = List.of(t1, t2);
        CompletableFuture<WaitResult<Task<String>>> w1 = Asyncio.wait(tasks);
        CompletableFuture<WaitResult<Task<String>>> w2 = Asyncio.wait(tasks, ReturnWhen.FIRST_COMPLETED);
        CompletableFuture<WaitResult<Task<String>>> w3 = Asyncio.wait(tasks, ReturnWhen.FIRST_EXCEPTION, Duration.ofSeconds(1));
        CompletableFuture<WaitResult<Task<String>>> w4 = Asyncio.wait(tasks, ReturnWhen.ALL_COMPLETED, null);
        List<CompletableFuture<String>> a1 = Asyncio.asCompleted(stages);
        List<CompletableFuture<String>> a2 = Asyncio.asCompleted(stages, Duration.ofSeconds(1));
        CompletableFuture<String> wf1 = Asyncio.waitFor(stage(), Duration.ofSeconds(1));
        CompletableFuture<String> wf2 = Asyncio.waitFor(body, Duration.ofSeconds(1));
        CompletableFuture<String> wf3 = Asyncio.waitFor(stage(), null);
        CompletableFuture<String> to1 = Asyncio.timeout(Duration.ofSeconds(1), body);
        Function<Timeout, CompletionStage<String>> withHandle = t -> stage();
        CompletableFuture<String> to2 = Asyncio.timeout(Duration.ofSeconds(1), withHandle);
        CompletableFuture<String> to3 = Asyncio.timeout(null, body);
        CompletableFuture<String> ta1 = Asyncio.timeoutAt(12.5, withHandle);
        CompletableFuture<String> ta2 = Asyncio.timeoutAt(null, withHandle);
        CompletableFuture<String> sh1 = Asyncio.shield(stage());
        CompletableFuture<String> sh2 = Asyncio.shield(body);
        Callable<String> call = () -> "blocking";
        Runnable run = () -> { };
        CompletableFuture<String> th1 = Asyncio.toThread(call);
        CompletableFuture<Void> th2 = Asyncio.toThread(run);
        Executor executor = Runnable::run;
        CompletableFuture<String> ex1 = Asyncio.runInExecutor(executor, call);
        CompletableFuture<String> ex2 = Asyncio.runInExecutor(null, call);
        Set<Task<?>> all = Asyncio.allTasks();
        Task<?> current = Asyncio.currentTask();
        Function<TaskGroup, String> groupBody = tg -> "value";
        CompletableFuture<String> tg1 = Asyncio.taskGroup(groupBody);
        Function<TaskGroup, CompletionStage<String>> composeBody = tg -> stage();
        CompletableFuture<String> tg2 = Asyncio.taskGroupCompose(composeBody);
        Asyncio.rethrowIfCancelled(new IOException("not a cancellation"));
    }

    @SuppressWarnings("unused")
    private static void eventLoop() throws Exception {
        EventLoop loop = EventLoop.create();
        EventLoop virtual = EventLoop.createWithVirtualTime();
        double now = loop.time();
        Handle h1 = loop.callSoon(() -> { });
        Handle h2 = loop.callSoonThreadsafe(() -> { });
        TimerHandle th1 = loop.callLater(Duration.ofSeconds(1), () -> { });
        TimerHandle th2 = loop.callAt(now + 1.0, () -> { });
        Future<String> f = loop.createFuture();
        Supplier<CompletionStage<String>> body = ApiSurfaceJavaTest::stage;
        Task<String> t1 = loop.createTask(body);
        Task<String> t2 = loop.createTask(body, "name");
        String r1 = loop.runUntilComplete(body);
        String r2 = loop.runUntilComplete(stage());
        CompletableFuture<String> rc = loop.runCoroutineThreadsafe(body);
        loop.runForever();
        loop.stop();
        boolean running = loop.isRunning();
        boolean closed = loop.isClosed();
        ExecutorService pool = loop.defaultExecutor();
        loop.setDefaultExecutor(pool);
        loop.shutdownDefaultExecutor();
        Callable<String> call = () -> "blocking";
        CompletableFuture<String> ex = loop.runInExecutor(null, call);
        Set<Task<?>> all = loop.allTasks();
        loop.setDebug(true);
        boolean debug = loop.getDebug();
        loop.setSlowCallbackDuration(Duration.ofMillis(100));
        Duration slow = loop.getSlowCallbackDuration();
        Consumer<LoopReport> handler = report -> { };
        loop.setExceptionHandler(handler);
        loop.setExceptionHandler(null);
        loop.callExceptionHandler(new LoopReport(LoopReport.Kind.CALLBACK_ERROR, "m", null, null, List.of()));
        String text = loop.toString();
        loop.close();
        try (EventLoop autoClosed = EventLoop.createWithVirtualTime()) {
            AutoCloseable asAutoCloseable = autoClosed;
        }
    }

    @SuppressWarnings("unused")
    private static void futureAndTask() throws Exception {
        Future<String> f = Asyncio.createFuture();
        CompletableFuture<String> asJdk = f;
        CompletionStage<String> asStage = f;
        EventLoop loop = f.getLoop();
        boolean done = f.done();
        boolean cancelled = f.cancelled();
        String result = f.result();
        Throwable exception = f.exception();
        f.setResult("v");
        f.setException(new IOException("e"));
        boolean c1 = f.cancel();
        boolean c2 = f.cancel("message");
        boolean c3 = f.cancel(true);
        boolean completed = f.complete("v");
        boolean failed = f.completeExceptionally(new IOException("e"));
        f.obtrudeValue("v");
        f.obtrudeException(new IOException("e"));
        Consumer<Future<String>> callback = done1 -> { };
        f.addDoneCallback(callback);
        int removed = f.removeDoneCallback(callback);
        Consumer<Object> wideCallback = o -> { };
        f.addDoneCallback(wideCallback);

        Task<String> t = Asyncio.createTask(ApiSurfaceJavaTest::stage);
        Future<String> taskAsFuture = t;
        String name = t.getName();
        t.setName("renamed");
        int cancelling = t.cancelling();
        t.setResult("not allowed");
        t.setException(new IOException("not allowed"));
        Callable<String> bareGet = t::get; // a reference only: tests never block on get() without a timeout
        String got = t.get(5, TimeUnit.SECONDS);
        String joined = t.join();
        BiFunction<String, Throwable, Integer> handleFn = (v, e) -> 1;
        CompletableFuture<Integer> handled = t.handle(handleFn);
        BiConsumer<String, Throwable> action = (v, e) -> { };
        CompletableFuture<String> whenCompleted = t.whenComplete(action);
        Function<Throwable, String> recover = e -> "fallback";
        CompletableFuture<String> recovered = t.exceptionally(recover);
        String text = t.toString();
    }

    @SuppressWarnings("unused")
    private static void groupsAndErrors() {
        Function<TaskGroup, String> body = tg -> {
            Supplier<CompletionStage<String>> child = ApiSurfaceJavaTest::stage;
            Task<String> t1 = tg.createTask(child);
            Task<String> t2 = tg.createTask(child, "child");
            dev.aio4j.coroutines.TaskGroup core = tg.coroutines();
            return t1.getName() + t2.getName();
        };
        CompletableFuture<String> group = Asyncio.taskGroup(body);

        List<Throwable> members = List.of(new IOException("io"), new IllegalStateException("state"));
        ExceptionGroup eg = new ExceptionGroup("message", members);
        RuntimeException asRuntime = eg;
        List<Throwable> exceptions = eg.exceptions();
        String groupMessage = eg.groupMessage();
        String message = eg.getMessage();
        ExceptionGroup sub1 = eg.subgroup(IOException.class);
        Predicate<Throwable> condition = e -> e instanceof IOException;
        ExceptionGroup sub2 = eg.subgroup(condition);
        ExceptionGroup.Split split1 = eg.split(IOException.class);
        ExceptionGroup.Split split2 = eg.split(condition);
        ExceptionGroup match = split1.match();
        ExceptionGroup rest = split1.rest();
        ExceptionGroup derived = eg.derive(members);

        TimeoutError te1 = new TimeoutError();
        TimeoutError te2 = new TimeoutError("message");
        TimeoutError te3 = new TimeoutError("message", new CancellationException("cause"));
        RuntimeException teAsRuntime = te1;
        InvalidStateError ise = new InvalidStateError("message");
        IllegalStateException iseAsIllegalState = ise;
    }

    @SuppressWarnings("unused")
    private static void smallTypes() {
        Outcome.Success<String> success = new Outcome.Success<>("v");
        Outcome<String> asOutcome = success;
        boolean isSuccess = asOutcome.isSuccess();
        String value = asOutcome.value();
        Throwable none = asOutcome.exception();
        Outcome.Failure failure = new Outcome.Failure(new IOException("e"));
        Throwable failureException = failure.exception();
        Object failureValue = failure.value();
        Outcome.Cancelled cancelled = new Outcome.Cancelled(new CancellationException("c"));
        CancellationException cancellation = cancelled.exception();
        boolean cancelledIsSuccess = cancelled.isSuccess();

        WaitResult<Task<String>> waitResult = null;
        Set<Task<String>> done = waitResult.done();
        Set<Task<String>> pending = waitResult.pending();

        ReturnWhen[] all = ReturnWhen.values();
        ReturnWhen first = ReturnWhen.valueOf("FIRST_COMPLETED");
        ReturnWhen exception = ReturnWhen.FIRST_EXCEPTION;
        ReturnWhen allCompleted = ReturnWhen.ALL_COMPLETED;

        LoopReport report = new LoopReport(LoopReport.Kind.SLOW_CALLBACK, "m", new IOException("e"), null, List.of());
        LoopReport.Kind kind = report.kind();
        LoopReport.Kind[] kinds = LoopReport.Kind.values();
        LoopReport.Kind unhandled = LoopReport.Kind.valueOf("UNHANDLED_EXCEPTION");
        LoopReport.Kind unretrieved = LoopReport.Kind.UNRETRIEVED_EXCEPTION;
        String message = report.message();
        Throwable error = report.exception();
        Task<?> task = report.task();
        List<StackTraceElement> stack = report.stack();

        Handle handle = Asyncio.getRunningLoop().callSoon(() -> { });
        handle.cancel();
        boolean handleCancelled = handle.cancelled();
        TimerHandle timer = Asyncio.getRunningLoop().callLater(Duration.ofSeconds(1), () -> { });
        Handle timerAsHandle = timer;
        double when = timer.when();
        timer.cancel();

        Timeout[] holder = new Timeout[1];
        Function<Timeout, CompletionStage<String>> body = t -> {
            Double deadline = t.when();
            t.reschedule(deadline == null ? null : deadline + 1.0);
            t.reschedule(null);
            boolean expired = t.expired();
            dev.aio4j.coroutines.Timeout core = t.coroutines();
            String text = t.toString();
            return stage();
        };
        CompletableFuture<String> timed = Asyncio.timeout(Duration.ofSeconds(1), body);
    }
}

package dev.aio4j.demo;

import dev.aio4j.demo.examples.AioFiles;
import dev.aio4j.demo.examples.ApiPipeline;
import dev.aio4j.demo.examples.AsCompleted;
import dev.aio4j.demo.examples.AsyncFileReaderExample;
import dev.aio4j.demo.examples.AsyncGenerators;
import dev.aio4j.demo.examples.AsyncIterators;
import dev.aio4j.demo.examples.AsyncTimer;
import dev.aio4j.demo.examples.AsyncWith;
import dev.aio4j.demo.examples.AsyncWithErrors;
import dev.aio4j.demo.examples.BackgroundTask;
import dev.aio4j.demo.examples.BlockingSleep;
import dev.aio4j.demo.examples.CachedComputation;
import dev.aio4j.demo.examples.Cancellation;
import dev.aio4j.demo.examples.ChatClient;
import dev.aio4j.demo.examples.ComputeClient;
import dev.aio4j.demo.examples.ConcurrentFiles;
import dev.aio4j.demo.examples.Conditions;
import dev.aio4j.demo.examples.ConnectionPool;
import dev.aio4j.demo.examples.Coroutines;
import dev.aio4j.demo.examples.CreateTask;
import dev.aio4j.demo.examples.DbPool;
import dev.aio4j.demo.examples.DistributedProducerConsumer;
import dev.aio4j.demo.examples.Downloads;
import dev.aio4j.demo.examples.Errors;
import dev.aio4j.demo.examples.Events;
import dev.aio4j.demo.examples.ExceptionGroups;
import dev.aio4j.demo.examples.FetchAll;
import dev.aio4j.demo.examples.FetchAllUrls;
import dev.aio4j.demo.examples.FetchDataAsync;
import dev.aio4j.demo.examples.FetchHtml;
import dev.aio4j.demo.examples.FetchWithRetry;
import dev.aio4j.demo.examples.Futures;
import dev.aio4j.demo.examples.GatherErrors;
import dev.aio4j.demo.examples.GatherOrder;
import dev.aio4j.demo.examples.GatherSettled;
import dev.aio4j.demo.examples.Greet;
import dev.aio4j.demo.examples.Hello;
import dev.aio4j.demo.examples.Locks;
import dev.aio4j.demo.examples.ManualLoop;
import dev.aio4j.demo.examples.NamedTasks;
import dev.aio4j.demo.examples.ProcesarArchivos;
import dev.aio4j.demo.examples.ProcessUrls;
import dev.aio4j.demo.examples.ProducerConsumer;
import dev.aio4j.demo.examples.QueueJoin;
import dev.aio4j.demo.examples.QueueSentinel;
import dev.aio4j.demo.examples.QueueTaskGroup;
import dev.aio4j.demo.examples.RateLimitWindow;
import dev.aio4j.demo.examples.ReadmeQuickstart;
import dev.aio4j.demo.examples.RetryBackoff;
import dev.aio4j.demo.examples.RunForever;
import dev.aio4j.demo.examples.RunInExecutor;
import dev.aio4j.demo.examples.SafeGather;
import dev.aio4j.demo.examples.Scraper;
import dev.aio4j.demo.examples.SearchEngines;
import dev.aio4j.demo.examples.SemaphoreApiCalls;
import dev.aio4j.demo.examples.SemaphoreWorkers;
import dev.aio4j.demo.examples.SseClient;
import dev.aio4j.demo.examples.TaskGroups;
import dev.aio4j.demo.examples.Timeouts;
import dev.aio4j.demo.examples.TokenBucketRequests;
import dev.aio4j.demo.examples.UrlQueue;
import dev.aio4j.demo.examples.WaitFirstCompleted;
import dev.aio4j.demo.examples.WaitFor;
import java.util.List;
import java.util.Optional;

/** The tour, in order. Each call makes new instances (an example keeps per-run state). */
public final class Examples {
    private Examples() {}

    /** Every example, in tour order. */
    public static List<Example> all() {
        return List.of(
                new Hello(),
                new Coroutines(),
                new ManualLoop(),
                new RunForever(),
                new Greet(),
                new CreateTask(),
                new BackgroundTask(),
                new NamedTasks(),
                new Downloads(),
                new GatherOrder(),
                new GatherErrors(),
                new GatherSettled(),
                new SafeGather(),
                new Errors(),
                new WaitFirstCompleted(),
                new AsCompleted(),
                new SearchEngines(),
                new BlockingSleep(),
                new RunInExecutor(),
                new Futures(),
                new TaskGroups(),
                new ExceptionGroups(),
                new Timeouts(),
                new WaitFor(),
                new Cancellation(),
                new RetryBackoff(),
                new AsyncTimer(),
                new AsyncWith(),
                new AsyncWithErrors(),
                new ConnectionPool(),
                new Locks(),
                new SemaphoreWorkers(),
                new SemaphoreApiCalls(),
                new Events(),
                new QueueSentinel(),
                new ProducerConsumer(),
                new QueueJoin(),
                new QueueTaskGroup(),
                new UrlQueue(),
                new Conditions(),
                new ReadmeQuickstart(),
                // cache and distributed queue (issue 7)
                new CachedComputation(),
                new DistributedProducerConsumer(),
                // database pool (issue 7)
                new DbPool(),
                // Async iteration and async files (issue 6)
                new AsyncGenerators(),
                new AsyncIterators(),
                new AsyncFileReaderExample(),
                new AioFiles(),
                new ConcurrentFiles(),
                // HTTP client, rate limiters, SSE, TCP chat and the scraper against the tour's server (#6)
                new FetchAll(),
                new FetchAllUrls(),
                new FetchWithRetry(),
                new RateLimitWindow(),
                new TokenBucketRequests(),
                new ApiPipeline(),
                new SseClient(),
                new ChatClient(),
                new Scraper(),
                // the last seed snippets: fetch_data_async, process_urls / fetch_all, /compute client, procesar_archivos, 004 §5.6.2 (#6)
                new FetchDataAsync(),
                new ProcessUrls(),
                new ComputeClient(),
                new ProcesarArchivos(),
                new FetchHtml());
    }

    /** The names, in tour order. */
    public static List<String> names() {
        return all().stream().map(Example::name).toList();
    }

    /** The example called {@code name}, if any. */
    public static Optional<Example> find(String name) {
        return all().stream().filter(e -> e.name().equals(name)).findFirst();
    }
}

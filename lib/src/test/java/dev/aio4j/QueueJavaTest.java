package dev.aio4j;

import static dev.aio4j.Asyncio.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/**
 * The queues as a Java user drives them: the seed's patterns (producer–consumer with join, a sentinel
 * to stop, a crawler with a visited set) and the bridging (already-completed futures, exceptions as
 * themselves, cancellation taking nothing). Semantics are tested in QueueSpec.
 */
class QueueJavaTest extends JavaLoopTestBase {

    private CompletableFuture<Void> consume(Queue<Integer> queue, String name) {
        return queue.get()
                .thenCompose(item -> sleep(Duration.ofMillis(100L * item)).thenRun(() -> {
                    log.add(name + " processed " + item);
                    queue.taskDone();
                }))
                .thenCompose(v -> consume(queue, name));
    }

    @Test
    void offTheLoopGetPutAndAcquireFailAndTakeNothing() {
        Queue<Integer> queue = new Queue<>(2);
        queue.putNowait(1);
        Semaphore semaphore = new Semaphore(1);
        Lock lock = new Lock();
        // This test's thread runs no event loop: each call must fail before touching the primitive.
        assertThrows(IllegalStateException.class, queue::get);
        assertThrows(IllegalStateException.class, () -> queue.put(2));
        assertThrows(IllegalStateException.class, semaphore::acquire);
        assertThrows(IllegalStateException.class, lock::acquire);
        assertEquals(1, queue.qsize());
        assertEquals(false, semaphore.locked());
        assertEquals(false, lock.locked());
        // On the loop the same calls finish at once, with already-completed futures.
        List<Object> got = loop.runUntilComplete(() -> {
            Future<Integer> item = queue.get();
            Future<Void> put = queue.put(3);
            Future<Boolean> permit = semaphore.acquire();
            Future<Boolean> held = lock.acquire();
            log.add("all done at once: " + (item.done() && put.done() && permit.done() && held.done()));
            return CompletableFuture.completedFuture(List.of(item.result(), queue.qsize(), semaphore.locked(), lock.locked()));
        });
        log.assertEvents("all done at once: true");
        assertEquals(List.of(1, 1, true, true), got);
    }

    @Test
    void producerConsumerWithJoinThenCancelConsumers() {
        Queue<Integer> queue = new Queue<>();
        List<Task<Void>> workers = new ArrayList<>();
        loop.runUntilComplete(() -> {
            for (int i = 1; i <= 4; i++) queue.putNowait(i);
            workers.add(createTask(() -> consume(queue, "w1"), "w1"));
            workers.add(createTask(() -> consume(queue, "w2"), "w2"));
            return queue.join().thenCompose(v -> {
                log.add("all done at " + loop.time());
                workers.forEach(Task::cancel);
                return sleep(Duration.ofSeconds(1));
            });
        });
        log.assertEvents("w1 processed 1", "w2 processed 2", "w1 processed 3", "w2 processed 4", "all done at 0.6");
        workers.forEach(w -> assertTrue(w.cancelled(), w + " cancelled"));
        assertTrue(queue.empty());
    }

    private CompletableFuture<Void> consumeUntilSentinel(Queue<Optional<String>> queue) {
        return queue.get().thenCompose(item -> {
            if (item.isEmpty()) {
                log.add("sentinel");
                return CompletableFuture.<Void>completedFuture(null);
            }
            log.add("got " + item.get());
            return consumeUntilSentinel(queue);
        });
    }

    @Test
    void sentinelStopsTheConsumer() {
        Queue<Optional<String>> queue = new Queue<>(1);
        loop.runUntilComplete(() -> {
            CompletableFuture<Void> consumer = consumeUntilSentinel(queue);
            return queue.put(Optional.of("a"))
                    .thenCompose(v -> queue.put(Optional.of("b")))
                    .thenCompose(v -> queue.put(Optional.empty()))
                    .thenCompose(v -> consumer);
        });
        log.assertEvents("got a", "got b", "sentinel");
    }

    private CompletableFuture<Void> consumeUntilShutDown(Queue<String> queue) {
        return queue.get()
                .thenCompose(item -> {
                    log.add("got " + item);
                    return consumeUntilShutDown(queue);
                })
                .exceptionally(failure -> {
                    Throwable e = failure instanceof CompletionException ? failure.getCause() : failure;
                    log.add("stopped by " + (e instanceof QueueShutDown ? "QueueShutDown" : e.toString()));
                    return null;
                });
    }

    @Test
    void shutdownStopsTheConsumerAfterItDrainedTheQueue() {
        Queue<String> queue = new Queue<>();
        loop.runUntilComplete(() -> {
            CompletableFuture<Void> consumer = consumeUntilShutDown(queue);
            queue.putNowait("a");
            queue.putNowait("b");
            queue.shutdown();
            assertThrows(QueueShutDown.class, () -> queue.putNowait("c"));
            return consumer;
        });
        log.assertEvents("got a", "got b", "stopped by QueueShutDown");
    }

    private static final Map<String, List<String>> LINKS = Map.of(
            "/", List.of("/a", "/b"),
            "/a", List.of("/b", "/c"),
            "/b", List.of("/"),
            "/c", List.of());

    private CompletableFuture<Void> crawl(Queue<String> urls, Set<String> visited) {
        return urls.get()
                .thenCompose(url -> sleep(Duration.ofMillis(100)).thenRun(() -> {
                    log.add("crawled " + url);
                    for (String link : LINKS.get(url)) {
                        if (visited.add(link)) urls.putNowait(link);
                    }
                    urls.taskDone();
                }))
                .thenCompose(v -> crawl(urls, visited));
    }

    @Test
    void crawlerWithAVisitedSet() {
        Queue<String> urls = new Queue<>();
        Set<String> visited = new HashSet<>(); // only touched on the loop thread
        loop.runUntilComplete(() -> {
            visited.add("/");
            urls.putNowait("/");
            List<Task<Void>> workers = new ArrayList<>();
            for (int i = 0; i < 3; i++) workers.add(createTask(() -> crawl(urls, visited), "crawler-" + i));
            return urls.join().thenRun(() -> workers.forEach(Task::cancel));
        });
        assertEquals(Set.of("/", "/a", "/b", "/c"), new TreeSet<>(visited));
        log.assertEvents("crawled /", "crawled /a", "crawled /b", "crawled /c");
        assertEquals(0.3, loop.time(), 1e-9);
    }

    @Test
    void readyOperationsCompleteAtOnceAndErrorsAreThemselves() {
        Queue<Integer> queue = new Queue<>(1);
        loop.runUntilComplete(() -> {
            Future<Void> put = queue.put(1);
            log.add("put done at once: " + put.isDone());
            assertTrue(queue.full());
            assertThrows(QueueFull.class, () -> queue.putNowait(2));
            Future<Integer> get = queue.get();
            log.add("get done at once: " + get.isDone() + " with " + get.join());
            assertThrows(QueueEmpty.class, queue::getNowait);
            Future<Integer> waiting = queue.get();
            waiting.thenAccept(v -> log.add("waiting got " + v));
            queue.putNowait(5);
            log.add("putNowait returned, waiting done: " + waiting.isDone());
            return waiting;
        });
        log.assertEvents("put done at once: true", "get done at once: true with 1",
                "putNowait returned, waiting done: false", "waiting got 5");
        assertEquals(0, queue.qsize());
        assertEquals(1, queue.maxsize());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Queue<String>(-3));
        assertTrue(e.getMessage().contains("-3"), e.getMessage());
        queue.taskDone();
        queue.taskDone(); // two items were put
        IllegalArgumentException tooMany = assertThrows(IllegalArgumentException.class, queue::taskDone);
        assertEquals("task_done() called too many times", tooMany.getMessage());
    }

    @Test
    void putsThatDidNotWaitShareTheLoopsDoneFutureWhichNoCallerCanChange() {
        // DESIGN-NOTES decision 35: one shared done future per loop for a put with room (and an
        // acquire that did not wait); sharing must be invisible except through identity.
        Steps steps = new Steps();
        Queue<Integer> queue = new Queue<>(2);
        loop.runUntilComplete(() -> {
            Future<Void> first = queue.put(1);
            Future<Void> second = queue.put(2);
            assertTrue(first == second, "a put with room returns the loop's shared done future");
            Future<Void> waiting = queue.put(3);
            assertTrue(waiting != first && !waiting.isDone(), "a put that waits has a future of its own");
            Future<Boolean> acquired = new Lock().acquire();
            assertTrue(acquired == new Semaphore(1).acquire() && acquired.result());

            assertEquals(false, first.cancel());
            assertEquals(false, first.complete(null));
            assertEquals(false, first.completeExceptionally(new IllegalStateException("too late")));
            assertThrows(InvalidStateError.class, () -> first.setResult(null));
            assertThrows(UnsupportedOperationException.class, () -> first.obtrudeException(new IllegalStateException()));
            first.addDoneCallback(done -> {
                steps.expect(1);
                log.add("callback of the first caller");
            });
            second.addDoneCallback(done -> {
                steps.expect(2);
                log.add("callback of the second caller");
            });
            log.add("shared future still succeeded: " + (first.isDone() && !first.isCompletedExceptionally() && first.result() == null));
            return queue.get().thenCompose(v -> waiting);
        });
        steps.finish(3);
        log.assertEvents("shared future still succeeded: true", "callback of the first caller", "callback of the second caller");
        assertEquals(2, queue.qsize());
    }

    @Test
    void aCancelledGetTakesNothing() {
        Queue<String> queue = new Queue<>();
        String got = loop.runUntilComplete(() -> {
            Future<String> cancelled = queue.get();
            Future<String> next = queue.get();
            return sleep(Duration.ZERO).thenCompose(v -> {
                queue.putNowait("item");
                cancelled.cancel(); // woken, but cancelled before it ran
                return next;
            }).thenApply(item -> item + ", cancelled: " + cancelled.isCancelled());
        });
        assertEquals("item, cancelled: true", got);
        assertTrue(queue.empty());
    }

    @Test
    void priorityAndLifoQueues() {
        record Job(int priority, String name) {}
        PriorityQueue<Job> jobs = new PriorityQueue<>(Comparator.comparingInt(Job::priority));
        jobs.putNowait(new Job(2, "later"));
        jobs.putNowait(new Job(1, "first"));
        jobs.putNowait(new Job(3, "last"));
        assertEquals("first", jobs.getNowait().name());
        assertEquals("later", jobs.getNowait().name());
        PriorityQueue<Integer> natural = new PriorityQueue<>();
        natural.putNowait(3);
        natural.putNowait(1);
        assertEquals(1, natural.getNowait());
        Queue<Integer> stack = new LifoQueue<>();
        stack.putNowait(1);
        stack.putNowait(2);
        assertEquals(2, stack.getNowait());
        assertEquals("<LifoQueue maxsize=0 _queue=[1] tasks=2>", stack.toString());
    }
}

package dev.aio4j.demo.examples;

import static dev.aio4j.Asyncio.*;

import dev.aio4j.AsyncQueue;
import dev.aio4j.Queue;
import dev.aio4j.Task;
import dev.aio4j.demo.ExampleBase;
import dev.aio4j.redis.RedisQueue;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * The seed's producer–consumer over a queue that may span processes: the producer and the two
 * consumers only see an {@link AsyncQueue} ({@code put}, {@code get}, {@code taskDone}, {@code join}),
 * and run unchanged on a {@link RedisQueue} (a Redis stream with a consumer group; each role gets its
 * own instance, as separate processes would) or on the in-process {@link Queue}.
 *
 * <p>Backend: Redis when {@code AIO4J_REDIS_URL} is set or something answers {@code PING} on
 * 127.0.0.1:6379, else the in-process queue, so the tour needs no server. The system property
 * {@code -Daio4j.demo.queue=memory} forces the in-process queue even when Redis answers. The printed lines are the
 * same either way (which consumer takes which job depends on timing, so the consumers report in a
 * summary, sorted); the backend is not printed.
 */
public final class DistributedProducerConsumer extends ExampleBase {
    private final TreeMap<String, Integer> processed = new TreeMap<>();

    public DistributedProducerConsumer() {
        super("distributed-producer-consumer",
                "000 \"Queues para productor-consumidor\" over Redis Streams (RedisQueue, maxsize=3, 2 consumers)");
    }

    private CompletableFuture<Void> producer(AsyncQueue<String> queue, int i) {
        if (i > 6) {
            return CompletableFuture.completedFuture(null);
        }
        String job = "job-" + i;
        return queue.put(job).thenCompose(v -> {
            out.println("Producer: agregó " + job);
            return producer(queue, i + 1);
        });
    }

    private CompletableFuture<Void> consumer(AsyncQueue<String> queue) {
        return queue.get().thenCompose(job -> sleep(seconds(0.5)).thenCompose(v -> {
            processed.merge(job, 1, Integer::sum);
            queue.taskDone();
            return consumer(queue);
        }));
    }

    @Override
    protected void main() {
        String redisUrl = redisUrl();
        run(() -> {
            List<AsyncQueue<String>> opened = new ArrayList<>();
            Supplier<AsyncQueue<String>> open;
            if (redisUrl != null) {
                String stream = "aio4j-demo:jobs:" + ProcessHandle.current().pid() + "-" + System.nanoTime();
                open = () -> RedisQueue.builder(stream, String.class).url(redisUrl).maxsize(3).build();
            } else {
                Queue<String> shared = new Queue<>(3);
                open = () -> shared;
            }
            AsyncQueue<String> producerQueue = open.get();
            opened.add(producerQueue);
            List<Task<Void>> consumers = new ArrayList<>();
            for (int c = 0; c < 2; c++) {
                AsyncQueue<String> queue = open.get();
                opened.add(queue);
                consumers.add(createTask(() -> consumer(queue)));
            }
            return producer(producerQueue, 1)
                    .thenCompose(v -> producerQueue.join())
                    .thenCompose(v -> {
                        consumers.forEach(Task::cancel);
                        out.println("Processed: " + processed.keySet());
                        out.println("Every job processed once: " + processed.values().stream().allMatch(n -> n == 1));
                        return closeAll(opened);
                    });
        });
    }

    private static CompletableFuture<Void> closeAll(List<AsyncQueue<String>> queues) {
        CompletableFuture<Void> done = CompletableFuture.completedFuture(null);
        for (AsyncQueue<String> q : queues) {
            if (q instanceof RedisQueue<String> redis) {
                done = done.thenCompose(v -> redis.aclose().toCompletableFuture());
            }
        }
        if (!queues.isEmpty() && queues.get(0) instanceof RedisQueue<String> first) {
            // The stream itself is the demo's own: remove it (a fresh instance, the others are closed).
            RedisQueue<String> cleaner = RedisQueue.builder(first.name(), String.class).url(redisUrlOrDefault()).build();
            done = done.thenCompose(v -> cleaner.destroy()).thenCompose(v -> cleaner.aclose().toCompletableFuture());
        }
        return done;
    }

    private static String redisUrlOrDefault() {
        String url = redisUrl();
        return url != null ? url : "redis://127.0.0.1:6379";
    }

    /** The system property that picks the backend: {@value #MEMORY} forces the in-process queue. */
    public static final String QUEUE_PROPERTY = "aio4j.demo.queue";

    /** {@link #QUEUE_PROPERTY}'s value that forces the in-process queue. */
    public static final String MEMORY = "memory";

    /**
     * Null when {@link #QUEUE_PROPERTY} is {@value #MEMORY}; else {@code AIO4J_REDIS_URL}, else
     * 127.0.0.1:6379 if it answers PING within 200 ms, else null.
     */
    public static String redisUrl() {
        String forced = System.getProperty(QUEUE_PROPERTY);
        if (forced != null && !forced.isBlank()) {
            if (forced.equals(MEMORY)) {
                return null;
            }
            throw new IllegalArgumentException("-D" + QUEUE_PROPERTY + " must be '" + MEMORY + "' (or unset), got '" + forced + "'");
        }
        String env = System.getenv("AIO4J_REDIS_URL");
        if (env != null && !env.isBlank()) {
            return env;
        }
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", 6379), 200);
            socket.setSoTimeout(200);
            OutputStream o = socket.getOutputStream();
            o.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            o.flush();
            InputStream in = socket.getInputStream();
            byte[] reply = in.readNBytes(5);
            return new String(reply, StandardCharsets.US_ASCII).equals("+PONG") ? "redis://127.0.0.1:6379" : null;
        } catch (IOException e) {
            return null;
        }
    }
}

package dev.aio4j.demo.examples;

import static dev.aio4j.Asyncio.*;

import dev.aio4j.demo.ExampleBase;
import dev.aio4j.http.ClientResponse;
import dev.aio4j.http.ClientSession;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A client for 003 §8's Server-Sent Events endpoint ({@code event_generator} behind {@code GET
 * /events}, one event a second, forever): reads the stream line by line with the response's
 * streaming content ({@code async for line in response.content}), prints the first three events and
 * hangs up. Hanging up must stop the server's generator: the example then asks the server's
 * {@code /health} until its count of live SSE streams is back where it was.
 *
 * <pre>
 * async def event_generator():
 *     counter = 0
 *     while True:
 *         counter += 1
 *         yield f"data: Event {counter}\n\n"
 *         await asyncio.sleep(1)
 * </pre>
 *
 * <p>The seed has only the server side; the tour's server plays it ({@code /events?count=N}, events
 * named {@code tick}), asked for 1,000 events so that only the client's hang-up ends the stream.
 */
public final class SseClient extends ExampleBase {
    private static final int WANTED = 3;

    public SseClient() {
        super("sse-client", "003 §8 event_generator + StreamingResponse (/events): an SSE client that stops after 3 events");
    }

    private static CompletableFuture<Integer> liveStreams(ClientSession session, String healthUrl) {
        return session.get(healthUrl)
                .thenCompose(response -> using(response, r -> r.raiseForStatus().json()))
                .thenApply(health -> health.get("sseStreams").asInt());
    }

    /** Reads lines until {@code WANTED} {@code data:} lines arrived; returns them. */
    private CompletableFuture<List<String>> readEvents(ClientResponse response, List<String> events) {
        return response.content().readLine().thenCompose(line -> {
            if (line == null) {
                return CompletableFuture.completedFuture(events);   // the server ended the stream
            }
            if (line.startsWith("data:")) {
                String data = line.substring("data:".length()).strip();
                out.println("Received: " + data);
                events.add(data);
                if (events.size() == WANTED) {
                    return CompletableFuture.completedFuture(events);
                }
            }
            return readEvents(response, events);
        });
    }

    /** Polls /health every 10 ms (real time) until at most {@code before} streams are live, for up to 5 s. */
    private CompletableFuture<Integer> streamsBackTo(ClientSession session, String healthUrl, int before, long deadline) {
        return liveStreams(session, healthUrl).thenCompose(live -> {
            if (live <= before || System.nanoTime() > deadline) {
                return CompletableFuture.completedFuture(live);
            }
            return sleep(Duration.ofMillis(10)).thenCompose(v -> streamsBackTo(session, healthUrl, before, deadline));
        });
    }

    @Override
    protected void main() {
        String events = serverUrl("/events?count=1000&intervalMs=" + HttpPaths.millis(seconds(1)));
        String health = serverUrl("/health");
        run(() -> using(ClientSession.create(), session -> liveStreams(session, health).thenCompose(before ->
                session.get(events)
                        .thenCompose(response -> using(response, r -> {
                            out.println("Connected: " + r.status() + " " + r.header("Content-Type").split(";")[0]);
                            return readEvents(r, new ArrayList<>());
                        }))
                        // using(...) has closed the response: the connection is gone, and the
                        // server's generator must notice and stop.
                        .thenCompose(received -> {
                            out.println("Stopped after " + received.size() + " events; hung up");
                            return streamsBackTo(session, health, before, System.nanoTime() + 5_000_000_000L);
                        })
                        .thenAccept(after -> out.println("Server's generator stopped: " + (after <= before))))));
    }
}

package dev.aio4j;

import static dev.aio4j.Asyncio.createTask;
import static dev.aio4j.Asyncio.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aio4j.http.ClientResponse;
import dev.aio4j.http.ClientSession;
import dev.aio4j.http.TestHttpServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code ClientResponse.content().lines()} / {@code chunks(n)} as aio4j {@link AsyncIterator}s (aiohttp's
 * {@code async for line in resp.content} and {@code iter_chunked(n)}), against the real test server on
 * 127.0.0.1. The session allows ONE connection: a response that was not released would make the next
 * request wait forever (the JUnit timeout, or the 5 s get, fails the test).
 */
class HttpContentIterationJavaTest extends JavaLoopTestBase {
    private final ClientSession session = ClientSession.builder().baseUrl(TestHttpServer.url("/")).limit(1).build();

    @AfterEach
    @Timeout(60) // a hang guard: closing takes milliseconds; a close that never ends must fail, not hang the build
    void closeSession() {
        loop.runUntilComplete(session::aclose);
    }

    @Test
    void linesIterateTheBodyAndTheEndGivesTheConnectionBack() {
        AtomicReference<ClientResponse> response = new AtomicReference<>();
        List<String> lines = loop.runUntilComplete(() -> session.get("lines?n=3").thenCompose(resp -> {
            response.set(resp);
            return resp.content().lines().toList();
        }));
        assertEquals(List.of("line 1", "line 2", "line 3"), lines);
        assertTrue(response.get().isReleased());
        assertEquals("world", loop.runUntilComplete(() -> session.get("json").thenCompose(ClientResponse::json)).get("hello").asText());
    }

    @Test
    void chunksAreAtMostTheAskedSizeAndCoverTheBody() {
        List<Integer> sizes = new ArrayList<>();
        loop.runUntilComplete(() -> session.get("big?mb=1").thenCompose(resp ->
                resp.content().chunks(10_000).forEach(chunk -> {
                    sizes.add(chunk.length);
                    return CompletableFuture.completedFuture(null);
                })));
        assertEquals(1024 * 1024, sizes.stream().mapToInt(Integer::intValue).sum());
        assertTrue(sizes.stream().allMatch(n -> n > 0 && n <= 10_000), "chunk sizes: " + sizes);
        assertTrue(sizes.size() >= 105, "at least 1 MiB / 10,000 bytes chunks: " + sizes.size());
    }

    @Test
    void closingEarlyReleasesTheResponseAndThePoolStillServes() {
        AtomicReference<ClientResponse> response = new AtomicReference<>();
        List<Optional<String>> after = loop.runUntilComplete(() -> session.get("lines?n=100000").thenCompose(resp -> {
            response.set(resp);
            AsyncIterator<String> lines = resp.content().lines();
            List<Optional<String>> seen = new ArrayList<>();
            return lines.anext()
                    .thenCompose(first -> { seen.add(first); return lines.anext(); })
                    .thenCompose(second -> { seen.add(second); return lines.aclose(); })
                    .thenCompose(v -> lines.anext())
                    .thenApply(afterClose -> { seen.add(afterClose); return seen; });
        }));
        assertEquals(List.of(Optional.of("line 1"), Optional.of("line 2"), Optional.empty()), after);
        assertTrue(response.get().isReleased());
        // The only connection was closed, not leaked: the next request gets one.
        assertEquals(200, statusOfANewRequest());
    }

    /** The status of GET /json, released at once: needs a free connection in the pool of one. */
    private int statusOfANewRequest() {
        Integer status = loop.runUntilComplete(() -> session.get("json").thenApply(resp -> {
            resp.release();
            return resp.status();
        }));
        return status;
    }

    @Test
    void aForEachThatStopsEarlyClosesTheIterator() {
        AtomicReference<ClientResponse> response = new AtomicReference<>();
        IllegalStateException stop = new IllegalStateException("enough");
        Outcome<Void> outcome = loop.runUntilComplete(() -> session.get("lines?n=100000").thenCompose(resp -> {
            response.set(resp);
            return Asyncio.gatherSettled(resp.content().lines().forEach(line -> {
                if (line.equals("line 3")) throw stop;
                return CompletableFuture.completedFuture(null);
            }));
        })).get(0);
        assertInstanceOf(Outcome.Failure.class, outcome);
        assertEquals(stop, ((Outcome.Failure<Void>) outcome).exception());
        assertTrue(response.get().isReleased());
        assertEquals(200, statusOfANewRequest());
    }

    /** /slowbody?ms=60000 sends "a", then waits 60 s before "b"; the second anext() is cancelled while it waits. */
    @Test
    void cancellingAPendingAnextReleasesTheResponse() {
        ClientSession real = ClientSession.builder().limit(1).build();
        long t0 = System.nanoTime();
        List<Object> seen = Asyncio.run(() -> real.get(TestHttpServer.url("/slowbody?ms=60000")).thenCompose(resp -> {
            AsyncIterator<byte[]> chunks = resp.content().chunks();
            List<Object> out = new ArrayList<>();
            return chunks.anext().thenCompose(first -> {
                out.add(new String(first.orElseThrow()));
                CompletableFuture<Optional<byte[]>> second = chunks.anext();
                return sleep(Duration.ofMillis(100)).thenCompose(v -> {
                    out.add(resp.isReleased());
                    second.cancel(false);
                    return Asyncio.gatherSettled(second);
                }).thenCompose(outcomes -> {
                    out.add(outcomes.get(0).getClass().getSimpleName());
                    out.add(resp.isReleased());
                    return chunks.anext();
                });
            }).thenCompose(afterCancel -> {
                out.add(afterCancel.isPresent());
                // The pool of one still serves.
                return real.get(TestHttpServer.url("/json")).thenCompose(ClientResponse::json);
            }).thenCompose(json -> {
                out.add(json.get("hello").asText());
                return real.aclose().thenApply(v -> out);
            });
        }));
        assertEquals(List.of("a", false, "Cancelled", true, false, "world"), seen);
        // A hang guard, not a speed target: waiting for the server would take 60 s.
        assertTrue((System.nanoTime() - t0) / 1_000_000 < 30_000, "the cancelled read waited for the server's 60 s");
    }

    @Test
    void cancellingTheTaskThatIteratesReleasesTheResponse() {
        ClientSession real = ClientSession.builder().limit(1).build();
        AtomicReference<ClientResponse> response = new AtomicReference<>();
        Outcome<Void> outcome = Asyncio.run(() -> {
            Task<Void> reader = createTask(() -> real.get(TestHttpServer.url("/stall")).thenCompose(resp -> {
                response.set(resp);
                return resp.content().chunks(512).forEach(chunk -> CompletableFuture.completedFuture(null));
            }));
            return sleep(Duration.ofMillis(300)).thenCompose(v -> {
                reader.cancel();
                return Asyncio.gatherSettled(reader);
            }).thenCompose(outcomes -> real.get(TestHttpServer.url("/json"))
                    .thenCompose(ClientResponse::text)
                    .thenCompose(text -> real.aclose())
                    .thenApply(v -> outcomes.get(0)));
        });
        assertInstanceOf(Outcome.Cancelled.class, outcome, () -> String.valueOf(outcome.exception()));
        assertTrue(response.get().isReleased());
    }

    @Test
    void overlappingAnextFailsAndBadSizesAreRejected() {
        IllegalStateException overlap = loop.runUntilComplete(() -> session.get("lines?n=3").thenCompose(resp -> {
            AsyncIterator<String> lines = resp.content().lines();
            CompletableFuture<Optional<String>> first = lines.anext();
            IllegalStateException e = assertThrows(IllegalStateException.class, lines::anext);
            return first.thenCompose(line -> lines.aclose()).thenApply(v -> e);
        }));
        assertTrue(overlap.getMessage().contains("previous anext()"), overlap.getMessage());
        IllegalArgumentException bad = loop.runUntilComplete(() -> session.get("lines?n=3").thenApply(resp -> {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> resp.content().chunks(0));
            resp.release();
            return e;
        }));
        assertEquals("maxChunk must be positive: 0", bad.getMessage());
    }
}

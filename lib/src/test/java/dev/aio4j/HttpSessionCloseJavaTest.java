package dev.aio4j;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aio4j.http.ClientResponse;
import dev.aio4j.http.ClientSession;
import dev.aio4j.http.TestHttpServer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * {@code ClientSession.aclose()} right after a streaming response was released early, against the real
 * test server on 127.0.0.1, many times over. Ktor CIO could leave that connection's coroutine running,
 * and the close then waited for it for good (about once in 600 rounds with both cores busy). Every
 * close must end within the guard: a hang fails this test instead of hanging the build.
 */
class HttpSessionCloseJavaTest {
    private static final int ROUNDS = 300;

    @Test
    void closingRightAfterAnEarlyReleaseNeverHangs() {
        for (int i = 0; i < ROUNDS; i++) {
            int round = i;
            try (EventLoop loop = EventLoop.createWithVirtualTime()) {
                ClientSession session = ClientSession.builder().baseUrl(TestHttpServer.url("/")).limit(1).build();
                AtomicReference<ClientResponse> response = new AtomicReference<>();
                loop.runUntilComplete(() -> session.get("lines?n=100000").thenCompose(resp -> {
                    response.set(resp);
                    AsyncIterator<String> lines = resp.content().lines();
                    // Even rounds close the iterator (which releases the response); odd ones leave that to aclose().
                    return lines.anext().thenCompose(first ->
                            round % 2 == 0 ? lines.aclose() : CompletableFuture.completedFuture(null));
                }));
                assertTimeoutPreemptively(Duration.ofSeconds(20), () -> loop.runUntilComplete(session::aclose),
                        () -> "aclose() hung in round " + round);
                assertTrue(session.isClosed());
                assertTrue(response.get().isReleased(), () -> "round " + round + ": the response was not released");
            }
        }
    }
}

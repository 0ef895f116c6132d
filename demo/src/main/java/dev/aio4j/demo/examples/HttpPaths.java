package dev.aio4j.demo.examples;

import static dev.aio4j.Asyncio.*;

import dev.aio4j.http.ClientSession;
import dev.aio4j.http.ClientTimeout;
import dev.aio4j.http.RequestOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;

/**
 * Paths on the tour's server that carry a (paced) time: the HTTP examples ask the server for a
 * tutorial's "1 second" delay as {@code /delay/0.05} at {@code --speed 20}, and print the tutorial's
 * path ({@code /delay/1}) so their output is the same at any speed.
 */
final class HttpPaths {
    private HttpPaths() {}

    /** {@code /delay/S} for a paced {@code delay} (the server takes fractions, up to 10 s). */
    static String delay(Duration delay) {
        return "/delay/" + seconds(delay);
    }

    /** {@code delay} in seconds, up to millisecond precision, without trailing zeros: 0.05, 1, 2.5. */
    static String seconds(Duration delay) {
        String s = String.format(Locale.ROOT, "%.3f", delay.toNanos() / 1e9);
        s = s.replaceAll("0+$", "");
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }

    /**
     * One request to each of {@code urls}, all at once, answers dropped (404s too): the first call of a
     * route in a JVM (class loading and JIT in client and server: seconds on a busy machine; up to 60 s
     * are allowed, whatever the session's timeout) is then out of the way of an example whose output rests on timing. Fails only if a request fails.
     */
    private static final RequestOptions WARM_UP = RequestOptions.create().timeout(ClientTimeout.ofTotal(Duration.ofSeconds(60)));

    static CompletableFuture<Void> warmUp(ClientSession session, List<String> urls) {
        List<CompletableFuture<Void>> requests = new ArrayList<>();
        for (String url : urls) {
            requests.add(session.get(url, WARM_UP).thenCompose(response -> using(response, r -> r.bytes().thenApply(body -> (Void) null))));
        }
        return gather(requests).thenApply(all -> null);
    }

    /** {@code delay} in whole milliseconds, for the server's {@code delayMs} / {@code intervalMs} parameters. */
    static long millis(Duration delay) {
        return delay.toMillis();
    }
}

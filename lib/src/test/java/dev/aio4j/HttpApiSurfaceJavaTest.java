package dev.aio4j;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aio4j.http.ClientConnectionError;
import dev.aio4j.http.ClientError;
import dev.aio4j.http.ClientPayloadError;
import dev.aio4j.http.ClientResponse;
import dev.aio4j.http.ClientResponseError;
import dev.aio4j.http.ClientSession;
import dev.aio4j.http.ClientSessionClosedError;
import dev.aio4j.http.ClientTimeout;
import dev.aio4j.http.HttpRetry;
import dev.aio4j.http.InvalidJsonError;
import dev.aio4j.http.InvalidUrlError;
import dev.aio4j.http.RequestOptions;
import dev.aio4j.resilience.FanOut;
import dev.aio4j.resilience.RateLimiter;
import dev.aio4j.resilience.RetriedResultError;
import dev.aio4j.resilience.Retry;
import dev.aio4j.resilience.RetryError;
import dev.aio4j.resilience.SlidingWindow;
import dev.aio4j.resilience.Timed;
import dev.aio4j.resilience.TokenBucket;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The Java surface of the HTTP client and the resilience utilities (issue 4), compile-only like
 * {@link ApiSurfaceJavaTest}: every public constructor and method is referenced with explicit Java
 * types. The body never runs.
 */
class HttpApiSurfaceJavaTest {

    @Test
    void everyHttpAndResilienceFacadeMethodIsCallableFromJavaWithJavaTypesOnly() {
        Runnable neverRun = HttpApiSurfaceJavaTest::surface;
        assertNotNull(neverRun);
    }

    @SuppressWarnings("unused")
    private static void surface() {
        ClientTimeout timeout = new ClientTimeout(Duration.ofSeconds(10), Duration.ofSeconds(2), Duration.ofSeconds(5));
        ClientTimeout t1 = new ClientTimeout(Duration.ofSeconds(1));
        ClientTimeout t2 = new ClientTimeout(Duration.ofSeconds(1), Duration.ofSeconds(1));
        ClientTimeout t3 = ClientTimeout.ofTotal(Duration.ofSeconds(3)).withConnect(null).withSockRead(null).withTotal(null);
        ClientTimeout defaults = ClientTimeout.DEFAULT;
        ClientTimeout none = ClientTimeout.NONE;
        Duration total = timeout.total();
        Duration connect = timeout.connect();
        Duration sockRead = timeout.sockRead();

        ClientSession session = ClientSession.builder()
                .baseUrl("http://127.0.0.1:8080/")
                .header("A", "b")
                .headers(Map.of("C", "d"))
                .timeout(timeout)
                .limit(100)
                .limitPerHost(10)
                .keepAlive(Duration.ofSeconds(5))
                .followRedirects(false)
                .objectMapper(new ObjectMapper())
                .build();
        ClientSession plain = ClientSession.create();
        int defaultLimit = ClientSession.DEFAULT_LIMIT;
        int limit = session.limit();
        int perHost = session.limitPerHost();
        boolean closed = session.isClosed();
        CompletionStage<Void> closing = session.aclose();
        dev.aio4j.coroutines.http.ClientSession core = session.coroutines();

        RequestOptions options = RequestOptions.create()
                .param("q", "x").params(Map.of("page", 1))
                .header("X", "y").headers(Map.of("Z", "w"))
                .json(Map.of("a", 1)).form(Map.of("f", "v"))
                .data(new byte[0]).data(new byte[0], "application/x").data("text")
                .timeout(timeout);
        Future<ClientResponse> get = session.get("users");
        Future<ClientResponse> get2 = session.get("users", options);
        Future<ClientResponse> post = session.post("users");
        Future<ClientResponse> post2 = session.post("users", options);
        Future<ClientResponse> put = session.put("users");
        Future<ClientResponse> put2 = session.put("users", options);
        Future<ClientResponse> patch = session.patch("users");
        Future<ClientResponse> patch2 = session.patch("users", options);
        Future<ClientResponse> delete = session.delete("users");
        Future<ClientResponse> delete2 = session.delete("users", options);
        Future<ClientResponse> head = session.head("users");
        Future<ClientResponse> head2 = session.head("users", options);
        Future<ClientResponse> request = session.request("OPTIONS", "users", null);

        ClientResponse resp = get.join();
        int status = resp.status();
        String reason = resp.reason();
        boolean ok = resp.ok();
        String url = resp.url();
        String method = resp.method();
        Map<String, List<String>> headers = resp.headers();
        String header = resp.header("Content-Type");
        Charset charset = resp.charset();
        ClientResponse same = resp.raiseForStatus();
        Future<byte[]> bytes = resp.bytes();
        Future<String> text = resp.text();
        Future<String> latin = resp.text(StandardCharsets.ISO_8859_1);
        Future<JsonNode> json = resp.json();
        Future<Map> typed = resp.json(Map.class);
        boolean released = resp.isReleased();
        resp.release();
        CompletionStage<Void> respClose = resp.aclose();
        dev.aio4j.coroutines.http.ClientResponse coreResp = resp.coroutines();
        ClientResponse.Content content = resp.content();
        Future<byte[]> chunk = content.readChunk();
        Future<byte[]> chunk2 = content.readChunk(1024);
        Future<String> line = content.readLine();
        Future<Long> chunks = content.forEachChunk(c -> null);
        Future<Long> chunks2 = content.forEachChunk(c -> CompletableFuture.completedFuture(null), 4096);
        Future<Long> lines = content.forEachLine(l -> null);
        AsyncIterator<String> lineIterator = content.lines();
        AsyncIterator<byte[]> chunkIterator = content.chunks();
        AsyncIterator<byte[]> chunkIterator2 = content.chunks(4096);

        ClientError error = new ClientError("x");
        ClientError error2 = new ClientError("x", null);
        ClientResponseError responseError = new ClientResponseError(404, "Not Found", "http://h/", "GET");
        int errStatus = responseError.status();
        String errReason = responseError.reason();
        String errUrl = responseError.url();
        String errMethod = responseError.method();
        ClientConnectionError connectionError = new ClientConnectionError("x", null);
        ClientPayloadError payloadError = new ClientPayloadError("x", null);
        InvalidUrlError invalidUrl = new InvalidUrlError("u", "why", null);
        String badUrl = invalidUrl.url();
        InvalidJsonError invalidJson = new InvalidJsonError("m", "<html>", null);
        String start = invalidJson.bodyStart();
        IllegalStateException closedError = new ClientSessionClosedError("closed");

        Retry<ClientResponse> httpRetry = HttpRetry.builder().maxAttempts(4).build();
        Set<Integer> retried = HttpRetry.RETRIED_STATUSES;
        Duration retryAfter = HttpRetry.retryAfter(resp);
        Supplier<CompletionStage<String>> call = () -> CompletableFuture.completedFuture("x");
        Retry<String> retry = Retry.<String>builder()
                .maxAttempts(3)
                .backoff(Duration.ofSeconds(1), 2.0, Duration.ofSeconds(30))
                .jitter(0.1)
                .random(new Random(1))
                .retryOn(e -> true)
                .retryOnResult(s -> s.isEmpty())
                .delayFromResult(s -> Duration.ZERO)
                .onRetry((Retry.RetryEvent e) -> {
                    int attempt = e.attempt();
                    Throwable cause = e.cause();
                    Duration delay = e.delay();
                })
                .build();
        Future<String> retried2 = retry.call(call);
        Duration backoff = retry.backoffDelay(2);
        RetryError gaveUp = new RetryError(List.of(new RuntimeException()));
        List<Throwable> attempts = gaveUp.attempts();
        RetriedResultError resultError = new RetriedResultError(1, "x");
        int resultAttempt = resultError.attempt();
        Object result = resultError.result();

        RateLimiter bucket = new TokenBucket(10.0, 5);
        RateLimiter window = new SlidingWindow(5, Duration.ofSeconds(2));
        Future<RateLimiter.Permit> permit = bucket.acquire();
        AsyncCloseable closeablePermit = RateLimiter.Permit.INSTANCE;
        Future<String> limited = window.withPermit(call);

        Future<String> timed = Timed.call("name", call);
        Future<String> timed2 = Timed.call(call, (Duration took, Throwable failure) -> { });

        Future<List<String>> mapped = FanOut.map(List.of(1, 2), 2, (Integer i) -> CompletableFuture.completedFuture("r" + i));
        Future<List<Outcome<String>>> settled = FanOut.mapSettled(List.of(1, 2), 2, (Integer i) -> CompletableFuture.completedFuture("r" + i));
    }
}

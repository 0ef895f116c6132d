package dev.aio4j.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The Java surface of {@link DemoServer} and {@link ServerConfig}, used the way the demo module will. */
class DemoServerJavaTest {
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1) // the JDK client's default sends h2c upgrade headers
            .connectTimeout(Duration.ofSeconds(10))
            .build();

    private HttpResponse<String> get(String url) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void startsOnAnEphemeralPortAndServesRequestsUntilClosed() throws Exception {
        try (DemoServer server = DemoServer.start("127.0.0.1", 0)) {
            assertTrue(server.port() > 0);
            assertEquals("http://127.0.0.1:" + server.port(), server.url());
            HttpResponse<String> response = get(server.url("/users/2"));
            assertEquals(200, response.statusCode());
            assertTrue(response.body().contains("\"name\":\"Alan Turing\""), response.body());
            assertEquals(404, get(server.url("/status/404")).statusCode());
        }
    }

    @Test
    void configHasDefaultsAndRecordStyleAccessors() throws Exception {
        ServerConfig config = new ServerConfig("127.0.0.1", 0, 1024L, Duration.ofSeconds(1));
        assertEquals("127.0.0.1", config.host());
        assertEquals(0, config.port());
        assertEquals(1024L, config.maxBodyBytes());
        assertEquals(Duration.ofSeconds(1), config.shutdownGracePeriod());
        assertEquals(8080, ServerConfig.DEFAULT_PORT);
        assertEquals(Duration.ofSeconds(5), ServerConfig.DEFAULT_SHUTDOWN_GRACE_PERIOD);
        try (DemoServer server = DemoServer.start(config)) {
            assertEquals(200, get(server.url("/health")).statusCode());
        }
    }
}

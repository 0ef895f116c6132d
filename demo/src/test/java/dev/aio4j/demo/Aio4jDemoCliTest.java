package dev.aio4j.demo;

import static dev.aio4j.demo.ExampleOutputTest.cli;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.io.PrintStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The command line: list, errors and exit codes, run --all. */
class Aio4jDemoCliTest {
    @Test
    void listNamesEveryExampleWithItsSeedSectionInTourOrder() {
        Object[] result = cli("list");
        assertEquals(0, result[0]);
        assertEquals("", result[2]);
        List<String> lines = ((String) result[1]).lines().toList();
        List<Example> examples = Examples.all();
        assertEquals(examples.size(), lines.size(), () -> "list printed:\n" + result[1]);
        for (int i = 0; i < examples.size(); i++) {
            Example example = examples.get(i);
            String line = lines.get(i);
            assertTrue(line.startsWith(example.name() + " "), line);
            assertTrue(line.endsWith(example.seedSection()), line);
        }
    }

    @Test
    void anUnknownExampleIsAUsageErrorThatSaysWhichNameAndWhereToLook() {
        Object[] result = cli("run", "no-such-example");
        assertEquals(2, result[0]);
        assertEquals("", result[1], "nothing on stdout");
        String err = (String) result[2];
        assertTrue(err.contains("Unknown example 'no-such-example'"), err);
        assertTrue(err.contains("hello"), () -> "lists the known names: " + err);
    }

    @Test
    void runNeedsNamesOrAllButNotBoth() {
        Object[] none = cli("run");
        assertEquals(2, none[0]);
        assertTrue(((String) none[2]).contains("Give example names or --all"), (String) none[2]);
        Object[] both = cli("run", "--all", "hello");
        assertEquals(2, both[0]);
    }

    @Test
    void speedMustBePositive() {
        Object[] result = cli("run", "hello", "--speed", "0");
        assertEquals(2, result[0]);
        assertTrue(((String) result[2]).contains("--speed must be a positive number"), (String) result[2]);
        assertEquals(2, cli("run", "hello", "--speed", "fast")[0]);
    }

    @Test
    void noSubcommandPrintsUsageAndFails() {
        Object[] result = cli();
        assertEquals(2, result[0]);
        assertTrue(((String) result[2]).contains("Usage: aio4j-demo"), (String) result[2]);
    }

    @Test
    void runAllRunsTheWholeTourInOrderWithAHeaderPerExample() {
        // A quarter of the per-example speed: the whole tour in one JVM once differed at speed 20
        // (not reproduced since; see the issue note), so this end-to-end check keeps wider gaps.
        Object[] result = assertTimeoutPreemptively(Duration.ofSeconds(90),
                () -> cli("run", "--all", "--speed", String.valueOf(ExampleOutputTest.SPEED / 4)));
        assertEquals(0, result[0], () -> (String) result[2]);
        assertEquals("", result[2]);
        String out = ExampleOutputTest.deterministic((String) result[1]);
        // Each example's section is its header followed by exactly its checked output.
        StringBuilder expected = new StringBuilder();
        for (Example example : Examples.all()) {
            expected.append("=== ").append(example.name()).append(" — ").append(example.seedSection()).append(" ===\n");
            expected.append(ExampleOutputTest.expected(example.name())).append('\n');
        }
        assertEquals(expected.toString(), out);
    }

    /** The {@code run} command as picocli parsed it from {@code args}. */
    private static Aio4jDemo.RunCommand parsedRun(String... args) {
        CommandLine cli = new CommandLine(new Aio4jDemo(new PrintStream(OutputStream.nullOutputStream())));
        return (Aio4jDemo.RunCommand) cli.parseArgs(args).subcommand().commandSpec().userObject();
    }

    @Test
    void serverOptionPointsTheHttpExamplesAtThatUrlAndStartsNothing() {
        Aio4jDemo.RunCommand run = parsedRun("run", "--server", "http://127.0.0.1:8080/", "--all");
        assertEquals("http://127.0.0.1:8080/", run.server);
        try (TourServer server = run.tourServer()) {
            assertTrue(server.isRemote());
            assertEquals("http://127.0.0.1:8080/delay/1", server.url("/delay/1"), "trailing slash dropped");
            assertFalse(server.started());
        }
        try (TourServer server = parsedRun("run", "hello").tourServer()) {
            assertFalse(server.isRemote(), "without --server: the in-process server");
            assertFalse(server.started(), "started only when an example asks for a URL");
        }
    }

    @Test
    void aBadServerUrlIsAUsageErrorThatSaysWhatIsWrong() {
        for (String bad : List.of("127.0.0.1:8080", "ftp://127.0.0.1/", "http://", "http://127.0.0.1:8080/?x=1", "http://a b")) {
            Object[] result = cli("run", "hello", "--server", bad);
            assertEquals(2, result[0], bad);
            assertEquals("", result[1], "nothing runs: " + bad);
            assertTrue(((String) result[2]).contains("--server: "), (String) result[2]);
            assertTrue(((String) result[2]).contains(bad.strip()), () -> "names the bad value: " + result[2]);
        }
        Object[] missing = cli("run", "hello", "--server");
        assertEquals(2, missing[0]);
    }

    @Test
    void theInProcessServerStartsOnFirstUseIsReachableAndStopsOnClose() throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
        String health;
        try (TourServer server = TourServer.inProcess()) {
            assertFalse(server.started());
            health = server.url("/health");
            assertTrue(server.started());
            assertTrue(health.matches("http://127\\.0\\.0\\.1:\\d+/health"), health);
            assertEquals(health, server.url("/health"), "one server per tour");
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(URI.create(health)).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode());
            assertTrue(response.body().contains("\"status\""), response.body());
            assertThrows(IllegalArgumentException.class, () -> server.url("health"));
        }
        HttpRequest after = HttpRequest.newBuilder(URI.create(health)).timeout(Duration.ofSeconds(10)).build();
        IOException refused = assertThrows(IOException.class, () -> http.send(after, HttpResponse.BodyHandlers.ofString()));
        assertTrue(refused instanceof ConnectException || refused.getCause() instanceof ConnectException, refused::toString);
    }
}

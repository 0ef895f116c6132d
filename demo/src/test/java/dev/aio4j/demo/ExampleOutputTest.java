package dev.aio4j.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Runs every example through the CLI at high speed and diffs its stdout, minus the "time: " lines,
 * against {@code src/test/resources/examples/NAME.out} (STYLE.md §4).
 *
 * <p>Most examples run on real clocks, so their order rests on the gaps between their deadlines (0.5 s
 * of tutorial time at least, 25 ms at the default speed 20). Measured with a fresh JVM per example
 * and three busy loops on two cores: speed 20 gave 0 diffs in 78 runs, speed 50 3 in 52 and speed 100
 * 5 in 52 (a JVM's first class loading alone takes some 30 ms). {@code -Ddemo.speed=F} changes it.
 * Examples whose order rests on timers due at the same moment run on a virtual clock instead
 * ({@code ExampleBase.runOnVirtualClock}) and are deterministic at any speed.
 * {@code -DupdateOutputs=true} writes the
 * observed output into {@code src/test/resources/examples/} instead of failing: review the diff before
 * committing it.
 */
class ExampleOutputTest {
    static final double SPEED = Double.parseDouble(System.getProperty("demo.speed", "20"));
    private static final boolean UPDATE = Boolean.getBoolean("updateOutputs");
    private static final Path SOURCE_DIR = Paths.get("src", "test", "resources", "examples");

    /** Runs the CLI; returns {exit code, stdout, stderr}. */
    static Object[] cli(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
                PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            code = Aio4jDemo.execute(o, e, args);
        }
        return new Object[] {code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8)};
    }

    /** The output without the lines that show measured times. */
    static String deterministic(String output) {
        return output.lines().filter(line -> !line.startsWith(Pace.TIME)).collect(Collectors.joining("\n", "", "\n"));
    }

    static String expected(String name) {
        try (InputStream in = ExampleOutputTest.class.getResourceAsStream("/examples/" + name + ".out")) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @TestFactory
    Stream<DynamicTest> everyExamplePrintsItsExpectedOutput() {
        return Examples.names().stream().map(name -> DynamicTest.dynamicTest(name, () -> {
            Object[] result = assertTimeoutPreemptively(Duration.ofSeconds(30),
                    () -> cli("run", name, "--speed", String.valueOf(SPEED)));
            assertEquals(0, result[0], () -> name + " failed:\n" + result[2]);
            assertEquals("", result[2], "stderr of " + name);
            String actual = deterministic((String) result[1]);
            String expected = expected(name);
            if (UPDATE) {
                Files.createDirectories(SOURCE_DIR);
                Files.writeString(SOURCE_DIR.resolve(name + ".out"), actual, StandardCharsets.UTF_8);
                return;
            }
            assertNotNull(expected, () -> "missing src/test/resources/examples/" + name + ".out; run with -DupdateOutputs=true"
                    + " and review it. Output was:\n" + actual);
            assertEquals(expected, actual, () -> "output of " + name);
        }));
    }

    @Test
    void everyOutputFileBelongsToAnExample() throws IOException {
        Path dir = Paths.get("src", "test", "resources", "examples");
        Set<String> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.map(p -> p.getFileName().toString())
                    .filter(f -> f.endsWith(".out"))
                    .map(f -> f.substring(0, f.length() - ".out".length()))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
        Set<String> names = new TreeSet<>(Examples.names());
        files.removeAll(names);
        assertTrue(files.isEmpty(), () -> "stale .out files without an example: " + files);
    }

    @Test
    void namesAreUniqueAndCommandLineFriendly() {
        List<String> names = Examples.names();
        assertEquals(names.size(), Set.copyOf(names).size(), () -> "duplicate names in " + names);
        for (String name : names) {
            if (!name.matches("[a-z][a-z0-9-]*")) {
                fail("not a kebab-case name: " + name);
            }
        }
    }
}

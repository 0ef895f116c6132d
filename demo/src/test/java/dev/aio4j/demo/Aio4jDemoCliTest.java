package dev.aio4j.demo;

import static dev.aio4j.demo.ExampleOutputTest.cli;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

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
}

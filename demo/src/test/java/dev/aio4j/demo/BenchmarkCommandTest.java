package dev.aio4j.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code aio4j-demo benchmark} with small sizes against the in-process server: the table's shape
 * (header, one row per size, the extrapolation mark and note) and the chart, a PNG that decodes.
 */
class BenchmarkCommandTest {
    private static final Pattern ROW = Pattern.compile(
            "^ +(\\d+) \\| +(\\d+\\.\\d\\d) s([ *]) \\| +(\\d+\\.\\d\\d) s \\| +(\\d+\\.\\d)x \\| (\\d+)$");

    @Test
    void printsOneRowPerSizeMarksExtrapolatedRowsAndWritesAPngChart(@TempDir Path dir) throws Exception {
        Path chart = dir.resolve("charts/bench.png");
        Object[] result = assertTimeoutPreemptively(Duration.ofSeconds(180), () -> ExampleOutputTest.cli(
                "benchmark", "--sizes", "2,4,8", "--measure-sequential-up-to", "4", "--speed", "20", "--chart", chart.toString()));
        String out = (String) result[1];
        assertEquals(0, result[0], () -> "benchmark failed:\n" + result[2] + "\n" + out);
        List<String> lines = out.lines().toList();
        assertTrue(lines.get(0).startsWith("Sequential vs async: N × GET /delay/0.05 (0.05 s each) on http://127.0.0.1:"), lines.get(0));
        assertEquals("  URLs |   Sequential |     Async |  Speedup | Failures", lines.get(1));
        int[] sizes = {2, 4, 8};
        for (int i = 0; i < sizes.length; i++) {
            String line = lines.get(3 + i);
            Matcher row = ROW.matcher(line);
            assertTrue(row.matches(), () -> "not a table row: '" + line + "'\n" + out);
            assertEquals(sizes[i], Integer.parseInt(row.group(1)));
            assertEquals(sizes[i] > 4 ? "*" : " ", row.group(3), () -> "extrapolation mark of row " + row.group(1));
            assertEquals("0", row.group(6), "async failures");
            // Sequential: at least N delays of 50 ms; async: all N at once, so less than the sequential run.
            double sequential = Double.parseDouble(row.group(2));
            assertTrue(sequential >= sizes[i] * 0.05 - 1e-9, () -> "sequential " + sequential + " s for " + row.group(1) + " URLs");
            assertTrue(Double.parseDouble(row.group(4)) >= 0.05, "async waits one delay at least");
        }
        assertTrue(lines.get(6).startsWith("* extrapolated: N × the sequential time per URL measured at N = 4"), lines.get(6));
        assertEquals("Chart: " + chart, lines.get(7));
        assertEquals(8, lines.size(), out);

        byte[] png = Files.readAllBytes(chart);
        byte[] magic = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
        assertTrue(png.length > magic.length && Arrays.equals(magic, Arrays.copyOf(png, magic.length)), "PNG signature");
        BufferedImage image = ImageIO.read(chart.toFile());
        assertNotNull(image, "ImageIO decodes the chart");
        assertEquals(800, image.getWidth());
        assertEquals(500, image.getHeight());
    }

    @Test
    void runBenchmarkIsTheSameCommandAndBadSizesAreUsageErrors(@TempDir Path dir) {
        Object[] bad = ExampleOutputTest.cli("benchmark", "--sizes", "0,5", "--chart", dir.resolve("x.png").toString());
        assertEquals(2, bad[0]);
        assertTrue(((String) bad[2]).contains("sizes must run from 1 to 10000 URLs, got [0, 5]"), (String) bad[2]);
        Object[] badSpeed = ExampleOutputTest.cli("run", "benchmark", "--speed", "0");
        assertEquals(2, badSpeed[0]);
        assertTrue(((String) badSpeed[2]).contains("--speed must be a positive number"), (String) badSpeed[2]);
    }
}

package dev.aio4j.demo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SuiteChartTest {
    private static final List<String> LINES = List.of(
            "# 2026-11-23T02:46:56Z rounds=2",
            "RESULT w3 aio4j ms 71.4",
            "RESULT w3 aio4j ms 80.2",
            "RESULT w3 aio4j ms 73.2",
            "RESULT w3 kotlinx ms 114.1",
            "RESULT w3 kotlinx ms 70.5",
            "FAILED w3 node",
            "RESULT w5-100 aio4j ms 1436.4 failures 0 cpu_ms 1060",
            "RESULT w2 aio4j bytes_per_task 316.7",
            "RESULT w2 cpython bytes_per_task 933.2",
            "RESULT w6-c100 node rps=18964.87 p50_ms=5.22");

    @Test
    void mediansPerWorkloadAndRuntimeInFirstSeenOrderSkippingOtherLines() {
        Map<String, Map<String, Double>> medians = SuiteChart.medians(LINES);
        assertEquals(List.of("w3", "w5-100", "w2"), List.copyOf(medians.keySet()));
        assertEquals(List.of("aio4j", "kotlinx"), List.copyOf(medians.get("w3").keySet()));
        assertEquals(73.2, medians.get("w3").get("aio4j"));
        assertEquals((114.1 + 70.5) / 2, medians.get("w3").get("kotlinx"), 1e-9);
        assertEquals(1436.4, medians.get("w5-100").get("aio4j"));
        assertEquals(933.2, medians.get("w2").get("cpython"));
        assertEquals(Map.of("w3", "ms", "w5-100", "ms", "w2", "bytes_per_task"), SuiteChart.units(LINES));
    }

    @Test
    void writesOnePngWithAChartPerWorkloadTwoPerRow(@TempDir Path dir) throws Exception {
        Path png = dir.resolve("charts/suite.png");
        SuiteChart.write(SuiteChart.medians(LINES), SuiteChart.units(LINES), png);
        byte[] signature = Arrays.copyOf(Files.readAllBytes(png), 8);
        assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'}, signature);
        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(1280, image.getWidth());
        assertEquals(800, image.getHeight()); // three workloads: two rows
    }

    @Test
    void nothingToChartIsAClearError(@TempDir Path dir) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SuiteChart.write(SuiteChart.medians(List.of("# only a header")), Map.of(), dir.resolve("x.png")));
        assertEquals("no RESULT lines to chart", e.getMessage());
    }
}

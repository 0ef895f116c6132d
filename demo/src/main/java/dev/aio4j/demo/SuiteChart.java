package dev.aio4j.demo;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;

/**
 * Charts the cross-runtime suite (issue 8): one bar chart per workload, the median of every runtime,
 * all in one PNG. It reads the raw {@code RESULT <workload> <runtime> <unit> <value> …} lines that
 * {@code demo/bench/run-suite.sh} and {@code run-w5.sh} write ({@code out/suite.txt}, {@code out/w5.txt});
 * the unit is {@code ms}, or {@code bytes_per_task} for W2.
 *
 * <pre>{@code
 * java -cp demo/target/benchmarks.jar dev.aio4j.demo.SuiteChart demo/bench/out/suite.png \
 *      demo/bench/out/suite.txt demo/bench/out/w5.txt
 * }</pre>
 */
public final class SuiteChart {
    private static final Pattern RESULT = Pattern.compile("^RESULT (\\S+) (\\S+) (ms|bytes_per_task) ([0-9.]+)\\b.*");
    private static final int WIDTH = 640;
    private static final int HEIGHT = 400;

    private SuiteChart() {}

    /** Writes the chart of the result files to the PNG given first. */
    public static void main(String[] args) throws IOException {
        if (args.length < 2) {
            throw new IllegalArgumentException("usage: SuiteChart OUT.png RESULTS.txt [RESULTS.txt …]");
        }
        List<String> lines = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            lines.addAll(Files.readAllLines(Path.of(args[i])));
        }
        Map<String, Map<String, Double>> medians = medians(lines);
        write(medians, units(lines), Path.of(args[0]));
        System.out.println("wrote " + args[0] + " (" + medians.size() + " workloads)");
    }

    /** Workload → runtime → median (to 0.1 of its unit), both in first-seen order; other lines are skipped. */
    public static Map<String, Map<String, Double>> medians(List<String> lines) {
        Map<String, Map<String, List<Double>>> samples = new LinkedHashMap<>();
        for (String line : lines) {
            Matcher m = RESULT.matcher(line.strip());
            if (m.matches()) {
                samples.computeIfAbsent(m.group(1), w -> new LinkedHashMap<>())
                        .computeIfAbsent(m.group(2), r -> new ArrayList<>())
                        .add(Double.parseDouble(m.group(4)));
            }
        }
        Map<String, Map<String, Double>> medians = new LinkedHashMap<>();
        samples.forEach((workload, byRuntime) -> {
            Map<String, Double> row = new LinkedHashMap<>();
            byRuntime.forEach((runtime, values) -> row.put(runtime, median(values)));
            medians.put(workload, row);
        });
        return medians;
    }

    /** Workload → the unit its RESULT lines give ({@code ms} or {@code bytes_per_task}). */
    public static Map<String, String> units(List<String> lines) {
        Map<String, String> units = new LinkedHashMap<>();
        for (String line : lines) {
            Matcher m = RESULT.matcher(line.strip());
            if (m.matches()) {
                units.putIfAbsent(m.group(1), m.group(3));
            }
        }
        return units;
    }

    /**
     * One bar chart per workload, two per row; each bar is labelled with its value. A workload missing
     * from [units] is in milliseconds.
     */
    public static void write(Map<String, Map<String, Double>> medians, Map<String, String> units, Path png)
            throws IOException {
        if (medians.isEmpty()) {
            throw new IllegalArgumentException("no RESULT lines to chart");
        }
        System.setProperty("java.awt.headless", "true");
        int columns = Math.min(2, medians.size());
        int rows = (medians.size() + columns - 1) / columns;
        BufferedImage image = new BufferedImage(WIDTH * columns, HEIGHT * rows, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, image.getWidth(), image.getHeight());
            int i = 0;
            for (Map.Entry<String, Map<String, Double>> workload : medians.entrySet()) {
                Graphics2D cell = (Graphics2D) g.create((i % columns) * WIDTH, (i / columns) * HEIGHT, WIDTH, HEIGHT);
                try {
                    chart(workload.getKey(), units.getOrDefault(workload.getKey(), "ms"), workload.getValue())
                            .paint(cell, WIDTH, HEIGHT);
                } finally {
                    cell.dispose();
                }
                i++;
            }
        } finally {
            g.dispose();
        }
        Path parent = png.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        if (!ImageIO.write(image, "png", png.toFile())) {
            throw new IOException("no PNG writer");
        }
    }

    private static CategoryChart chart(String workload, String unit, Map<String, Double> medians) {
        String axis = unit.replace('_', ' ');
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT)
                .title(workload + " (median " + axis + ", lower is better)").yAxisTitle(axis).build();
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setLabelsVisible(true);
        chart.addSeries(workload, new ArrayList<>(medians.keySet()), new ArrayList<>(medians.values()));
        return chart;
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        double median = n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
        return Math.round(median * 10) / 10.0; // the bars' labels show 0.1 of the unit
    }
}

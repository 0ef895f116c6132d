package dev.aio4j.demo;

import static dev.aio4j.Asyncio.*;

import dev.aio4j.http.ClientSession;
import dev.aio4j.http.ClientTimeout;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler;

/**
 * The seeds' sync-vs-async table (001 "Benchmarks de Rendimiento: Sync vs Async"): N requests to the
 * server's {@code /delay/1}, one after the other with a blocking client (the seed's {@code requests},
 * here the JDK's {@code HttpClient}) and all at once with {@code ClientSession} + {@code gather}
 * (the seed's aiohttp), printed as a table, and drawn as a PNG chart (XChart) of time against N.
 *
 * <p>The sequential run is measured up to {@code measureSequentialUpTo} URLs only (100 URLs would take
 * 100 s); for larger N it is N × the measured time per URL, marked {@code *} in the table and
 * "(extrapolated)" in the chart. Times are real seconds; {@code speed} divides the server's delay
 * (speed 20 asks for {@code /delay/0.05}), so the table shows the delay it used.
 */
public final class Benchmark {
    /** One row of the table; {@code sequentialMeasured} is false when extrapolated. */
    public record Row(int urls, double sequentialSeconds, boolean sequentialMeasured, double asyncSeconds, int asyncFailures) {
        public double speedup() {
            return sequentialSeconds / asyncSeconds;
        }
    }

    private final String baseUrl;
    private final Duration delay;
    private final int measureSequentialUpTo;

    /** A benchmark of {@code baseUrl}'s {@code /delay/S}, S = {@code delay}; sequential runs measured up to that many URLs. */
    public Benchmark(String baseUrl, Duration delay, int measureSequentialUpTo) {
        if (delay.isNegative() || delay.compareTo(Duration.ofSeconds(10)) > 0) {
            throw new IllegalArgumentException("the server's delay runs from 0 to 10 s, got " + delay);
        }
        if (measureSequentialUpTo < 1) {
            throw new IllegalArgumentException("measureSequentialUpTo must be at least 1, got " + measureSequentialUpTo);
        }
        this.baseUrl = baseUrl;
        this.delay = delay;
        this.measureSequentialUpTo = measureSequentialUpTo;
    }

    /** The delay URL, e.g. {@code http://127.0.0.1:8080/delay/0.05}. */
    public String delayUrl() {
        return baseUrl + "/delay/" + seconds(delay);
    }

    private static String seconds(Duration d) {
        String s = String.format(Locale.ROOT, "%.3f", d.toNanos() / 1e9).replaceAll("0+$", "");
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }

    /** Runs every size (sequential measured or extrapolated, async measured); warms both clients up first. */
    public List<Row> measure(List<Integer> sizes) throws IOException, InterruptedException {
        HttpClient blocking = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        String warmUp = baseUrl + "/delay/0";
        sequential(blocking, warmUp, 3);
        async(warmUp, 20);
        List<Row> rows = new ArrayList<>();
        double perUrl = Double.NaN;
        for (int n : sizes) {
            double sequentialSeconds;
            boolean measured = n <= measureSequentialUpTo;
            if (measured) {
                sequentialSeconds = sequential(blocking, delayUrl(), n);
                perUrl = sequentialSeconds / n;
            } else {
                if (Double.isNaN(perUrl)) {
                    // No smaller size was measured: measure the per-URL time once, on measureSequentialUpTo URLs.
                    perUrl = sequential(blocking, delayUrl(), measureSequentialUpTo) / measureSequentialUpTo;
                }
                sequentialSeconds = perUrl * n;
            }
            long start = System.nanoTime();
            int failures = async(delayUrl(), n);
            double asyncSeconds = (System.nanoTime() - start) / 1e9;
            rows.add(new Row(n, sequentialSeconds, measured, asyncSeconds, failures));
        }
        return rows;
    }

    /** N blocking GETs, one after the other (the seed's {@code requests.get} loop); seconds taken. */
    private static double sequential(HttpClient client, String url, int n) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).build();
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IOException("GET " + url + " answered " + response.statusCode() + ": " + response.body());
            }
        }
        return (System.nanoTime() - start) / 1e9;
    }

    /** N GETs at once with one ClientSession and gather (the seed's aiohttp); returns how many failed. */
    private static int async(String url, int n) {
        return run(() -> using(ClientSession.builder().timeout(ClientTimeout.ofTotal(Duration.ofSeconds(60))).build(), session -> {
            List<CompletableFuture<Boolean>> tasks = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                tasks.add(session.get(url).thenCompose(response -> using(response, r -> r.text().thenApply(body -> r.status() == 200))));
            }
            return gatherSettled(tasks).thenApply(outcomes ->
                    (int) outcomes.stream().filter(o -> !o.isSuccess() || !o.value()).count());
        }));
    }

    /** Prints the table: URLs, sequential time (* = extrapolated), async time, speed-up, async failures. */
    public void printTable(List<Row> rows, PrintStream out) {
        out.printf(Locale.ROOT, "Sequential vs async: N × GET /delay/%s (%s s each) on %s%n", seconds(delay), seconds(delay), baseUrl);
        out.printf(Locale.ROOT, "%6s | %12s | %9s | %8s | %s%n", "URLs", "Sequential", "Async", "Speedup", "Failures");
        out.println("-------+--------------+-----------+----------+---------");
        boolean extrapolated = false;
        for (Row row : rows) {
            String sequential = String.format(Locale.ROOT, "%.2f s%s", row.sequentialSeconds(), row.sequentialMeasured() ? " " : "*");
            extrapolated |= !row.sequentialMeasured();
            out.printf(Locale.ROOT, "%6d | %12s | %7.2f s | %7.1fx | %d%n",
                    row.urls(), sequential, row.asyncSeconds(), row.speedup(), row.asyncFailures());
        }
        if (extrapolated) {
            out.printf(Locale.ROOT, "* extrapolated: N × the sequential time per URL measured at N = %d or less (the sequential runs are measured up to %d URLs)%n",
                    Math.min(measureSequentialUpTo, rows.stream().filter(Row::sequentialMeasured).mapToInt(Row::urls).max().orElse(measureSequentialUpTo)),
                    measureSequentialUpTo);
        }
    }

    /** Writes the PNG chart: time (s) against N, one line per approach, log–log axes. */
    public void writeChart(List<Row> rows, Path png) throws IOException {
        System.setProperty("java.awt.headless", "true");
        XYChart chart = new XYChartBuilder().width(800).height(500)
                .title("N × GET /delay/" + seconds(delay) + ": sequential vs async (aio4j ClientSession)")
                .xAxisTitle("URLs (N)").yAxisTitle("seconds").build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
        chart.getStyler().setXAxisLogarithmic(true);
        chart.getStyler().setYAxisLogarithmic(true);
        double[] n = rows.stream().mapToDouble(Row::urls).toArray();
        boolean extrapolated = rows.stream().anyMatch(r -> !r.sequentialMeasured());
        chart.addSeries(extrapolated ? "sequential (extrapolated past N = " + measureSequentialUpTo + ")" : "sequential",
                n, rows.stream().mapToDouble(Row::sequentialSeconds).toArray());
        chart.addSeries("async (gather)", n, rows.stream().mapToDouble(Row::asyncSeconds).toArray());
        Path parent = png.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try (OutputStream file = Files.newOutputStream(png)) {
            BitmapEncoder.saveBitmap(chart, file, BitmapEncoder.BitmapFormat.PNG);
        }
    }
}

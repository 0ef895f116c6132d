package dev.aio4j.demo;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code aio4j-demo benchmark} (also {@code aio4j-demo run benchmark}): the seeds' sync-vs-async table
 * against the tour's server, and its chart. See {@link Benchmark}. Not part of {@code run --all}: at
 * the tutorial's pace its sequential runs alone take 15 s.
 */
@Command(name = "benchmark",
        description = "The seeds' table: N URLs × the server's /delay/1, sequential vs async, with a PNG chart of time vs N.")
final class BenchmarkCommand implements Callable<Integer> {
    /** Sizes {@code --max} adds beyond the default ones (those up to the max, then the max itself). */
    static final List<Integer> LARGER_SIZES = List.of(200, 500, 1_000, 2_000, 5_000, 10_000);

    @ParentCommand
    Aio4jDemo parent;

    @Spec
    CommandSpec spec;

    @Option(names = "--sizes", split = ",", paramLabel = "N,N...", defaultValue = "5,10,20,50,100",
            description = "Numbers of URLs (default: ${DEFAULT-VALUE}).")
    List<Integer> sizes = new ArrayList<>();

    @Option(names = "--max", paramLabel = "N",
            description = "Also run larger fan-outs, up to N (adds 200, 500, 1000, ... up to N, and N).")
    Integer max;

    @Option(names = "--measure-sequential-up-to", paramLabel = "N", defaultValue = "10",
            description = "Measure the sequential run for N URLs or fewer; extrapolate above (default: ${DEFAULT-VALUE}).")
    int measureSequentialUpTo;

    @Option(names = "--speed", paramLabel = "F", defaultValue = "1",
            description = "Divide the server's 1 s delay by F (default: ${DEFAULT-VALUE}); times stay real seconds.")
    double speed;

    @Option(names = "--server", paramLabel = "URL",
            description = "Base URL of a running aio4j-server; without it one starts in-process on 127.0.0.1.")
    String server;

    @Option(names = "--chart", paramLabel = "FILE", defaultValue = "target/benchmark.png",
            description = "Where the PNG chart goes (default: ${DEFAULT-VALUE}, relative to the current directory).")
    Path chart;

    @Override
    public Integer call() throws Exception {
        return execute(this, spec);
    }

    /** Runs the benchmark with {@code options}' settings; {@code spec} reports usage errors. */
    static int execute(BenchmarkCommand options, CommandSpec spec) throws Exception {
        if (!(options.speed > 0) || Double.isInfinite(options.speed)) {
            throw new ParameterException(spec.commandLine(), "--speed must be a positive number, got " + options.speed);
        }
        TreeSet<Integer> all = new TreeSet<>(options.sizes);
        if (options.max != null) {
            for (int n : LARGER_SIZES) {
                if (n < options.max) {
                    all.add(n);
                }
            }
            all.add(options.max);
        }
        if (all.isEmpty() || all.first() < 1 || all.last() > 10_000) {
            throw new ParameterException(spec.commandLine(), "sizes must run from 1 to 10000 URLs, got " + all);
        }
        TourServer tourServer;
        try {
            tourServer = options.server == null ? TourServer.inProcess() : TourServer.remote(options.server);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--server: " + e.getMessage());
        }
        try (TourServer server = tourServer) {
            Benchmark benchmark = new Benchmark(server.url(), Pace.of(options.speed).seconds(1), options.measureSequentialUpTo);
            List<Benchmark.Row> rows = benchmark.measure(List.copyOf(all));
            benchmark.printTable(rows, options.parent.out);
            benchmark.writeChart(rows, options.chart);
            options.parent.out.println("Chart: " + options.chart);
            options.parent.out.flush();
        }
        return 0;
    }
}

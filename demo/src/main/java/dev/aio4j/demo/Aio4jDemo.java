package dev.aio4j.demo;

import java.io.FileOutputStream;
import java.io.FileDescriptor;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * The tour's command line: {@code aio4j-demo list}, {@code aio4j-demo run NAME...},
 * {@code aio4j-demo run --all --speed 20}.
 *
 * <p>Example output goes to stdout only; errors and logs (warnings only) go to stderr.
 * Exit codes: 0 success, 1 an example failed, 2 bad usage (such as an unknown example).
 */
@Command(
        name = "aio4j-demo",
        mixinStandardHelpOptions = true,
        version = "aio4j-demo 0.1.0-SNAPSHOT",
        description = "The Spanish asyncio tutorials' examples, ported to Java on aio4j.",
        subcommands = {Aio4jDemo.ListCommand.class, Aio4jDemo.RunCommand.class, BenchmarkCommand.class, CommandLine.HelpCommand.class})
public final class Aio4jDemo implements Callable<Integer> {
    final PrintStream out;

    @Spec
    CommandSpec spec;

    Aio4jDemo(PrintStream out) {
        this.out = out;
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return 2;
    }

    /** {@code aio4j-demo list}. */
    @Command(name = "list", description = "Lists every example with the seed tutorial section it ports.")
    static final class ListCommand implements Callable<Integer> {
        @ParentCommand
        Aio4jDemo parent;

        @Override
        public Integer call() {
            List<Example> examples = Examples.all();
            int width = examples.stream().mapToInt(e -> e.name().length()).max().orElse(0);
            for (Example example : examples) {
                parent.out.printf("%-" + width + "s  %s%n", example.name(), example.seedSection());
            }
            return 0;
        }
    }

    /** {@code aio4j-demo run [--all] [--speed F] [--server URL] [NAME...]}. */
    @Command(name = "run", description = "Runs the named examples, or all of them, in tour order.")
    static final class RunCommand implements Callable<Integer> {
        @ParentCommand
        Aio4jDemo parent;

        @Spec
        CommandSpec spec;

        @Option(names = "--all", description = "Run every example, in tour order.")
        boolean all;

        @Option(names = "--speed", paramLabel = "F", defaultValue = "1",
                description = "Divide every sleep and timeout by F (default: ${DEFAULT-VALUE}).")
        double speed;

        @Option(names = "--server", paramLabel = "URL",
                description = "Base URL of a running aio4j-server for the HTTP examples; without it they start one in-process on 127.0.0.1 and an ephemeral port.")
        String server;

        /** The server the HTTP examples use: {@code --server URL}, or an in-process one started on first use. */
        TourServer tourServer() {
            try {
                return server == null ? TourServer.inProcess() : TourServer.remote(server);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), "--server: " + e.getMessage());
            }
        }

        @Parameters(paramLabel = "NAME", arity = "0..*", description = "Examples to run (see `list`).")
        List<String> names = new ArrayList<>();

        @Override
        public Integer call() throws Exception {
            if (!(speed > 0) || Double.isInfinite(speed)) {
                throw new ParameterException(spec.commandLine(), "--speed must be a positive number, got " + speed);
            }
            if (all == !names.isEmpty()) {
                throw new ParameterException(spec.commandLine(), "Give example names or --all (not both); `aio4j-demo list` shows the names.");
            }
            if (!all && names.equals(List.of("benchmark"))) {
                return runBenchmark();
            }
            List<Example> selected = new ArrayList<>();
            if (all) {
                selected.addAll(Examples.all());
            } else {
                for (String name : names) {
                    selected.add(Examples.find(name).orElseThrow(() -> new ParameterException(spec.commandLine(),
                            "Unknown example '" + name + "'. Known examples: " + String.join(", ", Examples.names()) + ".")));
                }
            }
            Pace pace = Pace.of(speed);
            PrintStream out = parent.out;
            try (TourServer server = tourServer()) {
                return play(selected, pace, server, out);
            }
        }

        /** {@code run benchmark}: {@code aio4j-demo benchmark} with the defaults and this command's --speed / --server. */
        private int runBenchmark() {
            List<String> args = new ArrayList<>(List.of("benchmark", "--speed", String.valueOf(speed)));
            if (server != null) {
                args.addAll(List.of("--server", server));
            }
            CommandLine cli = new CommandLine(new Aio4jDemo(parent.out));
            cli.setOut(spec.commandLine().getOut());
            cli.setErr(spec.commandLine().getErr());
            return cli.execute(args.toArray(String[]::new));
        }

        private int play(List<Example> selected, Pace pace, TourServer server, PrintStream out) {
            for (Example example : selected) {
                if (selected.size() > 1) {
                    out.println("=== " + example.name() + " — " + example.seedSection() + " ===");
                }
                try {
                    example.play(out, pace, server);
                } catch (Exception e) {
                    out.flush();
                    PrintWriter err = spec.commandLine().getErr();
                    err.println("Example '" + example.name() + "' failed: " + e);
                    e.printStackTrace(err);
                    err.flush();
                    return 1;
                }
                if (selected.size() > 1) {
                    out.println();
                }
            }
            out.flush();
            return 0;
        }
    }

    /**
     * Runs the command line with {@code out} for example output and {@code err} for errors; returns the
     * exit code (never calls {@code System.exit}).
     */
    public static int execute(PrintStream out, PrintStream err, String... args) {
        CommandLine cli = new CommandLine(new Aio4jDemo(out));
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    public static void main(String[] args) {
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
        int code = execute(out, err, args);
        out.flush();
        err.flush();
        // Only on failure: under `mvn exec:java` a System.exit(0) would end Maven itself.
        if (code != 0) {
            System.exit(code);
        }
    }
}

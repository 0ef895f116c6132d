package dev.aio4j.demo;

import dev.aio4j.EventLoop;
import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;

/**
 * What every example shares: the output stream, the pace, and {@link #main()} — the example's body,
 * written as a Java programmer would write the tutorial's {@code main} with
 * {@code import static dev.aio4j.Asyncio.*}.
 *
 * <p>The interface method is called {@code play}, not {@code run}: a method named {@code run} in the
 * class would hide the statically imported {@code Asyncio.run}.
 */
public abstract class ExampleBase implements Example {
    private final String name;
    private final String seedSection;

    /** Where the example prints; set for the duration of {@link #play}. */
    protected PrintStream out;

    /** The tour's clock scale; set for the duration of {@link #play}. */
    protected Pace pace;

    /** Where HTTP examples send requests; set for the duration of {@link #play}. */
    private TourServer server;

    protected ExampleBase(String name, String seedSection) {
        this.name = name;
        this.seedSection = seedSection;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final String seedSection() {
        return seedSection;
    }

    @Override
    public final void play(PrintStream out, Pace pace, TourServer server) throws Exception {
        this.out = out;
        this.pace = pace;
        this.server = server;
        main();
    }

    /** The example itself. */
    protected abstract void main() throws Exception;

    /**
     * {@code asyncio.run(main())} on a loop with a virtual clock ({@link EventLoop#createWithVirtualTime()}):
     * sleeps take no real time, and timers that fall due at the same moment fire in the order they were
     * set, as on an ideal asyncio loop. For the examples whose printed order rests on such ties (a
     * worker releasing a semaphore at the very moment another's sleep ends): on a real clock their order
     * depends on microseconds, in CPython as on the JVM. The body runs at the tutorial's own pace
     * (speed 1) whatever {@code --speed} says, since virtual seconds cost nothing; measured times are
     * loop times ({@code getRunningLoop().time()}), exact to the tutorial's seconds.
     */
    protected final <T> T runOnVirtualClock(Supplier<? extends CompletionStage<? extends T>> main) {
        Pace tourPace = pace;
        pace = Pace.realTime();
        try (EventLoop loop = EventLoop.createWithVirtualTime()) {
            return loop.runUntilComplete(main);
        } finally {
            pace = tourPace;
        }
    }

    /**
     * The URL of {@code path} on the tour's server ({@code --server URL}, or the in-process demo
     * server, started by the first call): {@code serverUrl("/delay/1")}.
     */
    protected final String serverUrl(String path) {
        return server.url(path);
    }

    /** The tour's server, for what {@link #serverUrl} does not cover (its TCP chat's host and port). */
    protected final TourServer server() {
        return server;
    }

    /** Tutorial seconds, scaled by the pace: {@code sleep(seconds(2))}. */
    protected final Duration seconds(double tutorialSeconds) {
        return pace.seconds(tutorialSeconds);
    }

    /** Prints a line that shows a measured time (the output checks drop it). */
    protected final void printTime(String format, Object... args) {
        out.println(Pace.TIME + String.format(java.util.Locale.ROOT, format, args));
    }

    /**
     * The exception a dependent stage saw, without the JDK's wrapping: {@code thenApply} and friends
     * hand their dependents a {@code CompletionException} whose cause is the real failure.
     */
    protected static Throwable unwrap(Throwable error) {
        Throwable e = error;
        while ((e instanceof CompletionException || e instanceof ExecutionException) && e.getCause() != null) {
            e = e.getCause();
        }
        return e;
    }
}

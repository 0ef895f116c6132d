package dev.aio4j.demo;

import java.io.PrintStream;

/**
 * One example of the tour: a port of one seed tutorial section to Java.
 *
 * <p>An example prints only to {@code out}, deterministic lines in the order the tutorial says
 * Python prints them; lines that show a measured time start with {@link Pace#TIME}. It scales every
 * wait with {@code pace}, and returns only when everything it started has finished. HTTP examples
 * talk to the {@link TourServer} they are given, never to the internet.
 */
public interface Example {
    /** The name used on the command line: {@code aio4j-demo run NAME}. */
    String name();

    /** The seed tutorial and section this example ports. */
    String seedSection();

    /**
     * Runs the example once, printing to {@code out}, scaling its waits with {@code pace}; HTTP examples
     * send their requests to {@code server}.
     */
    void play(PrintStream out, Pace pace, TourServer server) throws Exception;
}

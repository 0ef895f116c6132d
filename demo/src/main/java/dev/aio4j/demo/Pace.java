package dev.aio4j.demo;

import java.time.Duration;

/**
 * The tour's clock scale: every sleep, timeout and delay of an example goes through {@link #seconds},
 * which divides the tutorial's seconds by the {@code --speed} factor, so {@code --speed 20} runs a
 * two-second tutorial sleep in 100 ms. Measured times go back through {@link #tutorialSeconds}, so an
 * example prints "took 2.00 s" at any speed.
 *
 * <p>Lines that show a measured time are not deterministic; examples print them with {@link #TIME}
 * as the prefix, and the output checks drop them.
 *
 * <pre>{@code
 * Pace pace = Pace.of(20);
 * sleep(pace.seconds(2));                 // 100 ms of real time
 * }</pre>
 */
public final class Pace {
    /** The prefix of every line that shows a measured time (dropped by the output checks). */
    public static final String TIME = "time: ";

    private final double speed;

    private Pace(double speed) {
        if (!(speed > 0) || Double.isInfinite(speed)) {
            throw new IllegalArgumentException("speed must be a positive, finite number: " + speed);
        }
        this.speed = speed;
    }

    /** A pace that runs the tutorial {@code speed} times faster than written. */
    public static Pace of(double speed) {
        return new Pace(speed);
    }

    /** The tutorial's own pace (speed 1). */
    public static Pace realTime() {
        return new Pace(1);
    }

    /** The speed-up factor. */
    public double speed() {
        return speed;
    }

    /** {@code tutorialSeconds} of the tutorial, scaled: the Duration to sleep or wait for. */
    public Duration seconds(double tutorialSeconds) {
        return Duration.ofNanos(Math.round(tutorialSeconds * 1e9 / speed));
    }

    /** {@code tutorialSeconds} scaled, in seconds: for loop times such as {@code Timeout.when()}. */
    public double loopSeconds(double tutorialSeconds) {
        return tutorialSeconds / speed;
    }

    /** A real elapsed time in nanoseconds, in tutorial seconds. */
    public double tutorialSeconds(long elapsedNanos) {
        return elapsedNanos / 1e9 * speed;
    }

    /** A real elapsed time in (loop) seconds, in tutorial seconds. */
    public double tutorialSeconds(double elapsedSeconds) {
        return elapsedSeconds * speed;
    }

    /** Blocks the calling thread for {@code tutorialSeconds}, scaled: Python's {@code time.sleep}. */
    public void sleepBlocking(double tutorialSeconds) throws InterruptedException {
        Duration d = seconds(tutorialSeconds);
        Thread.sleep(d.toMillis(), d.toNanosPart() % 1_000_000);
    }

    @Override
    public String toString() {
        return "Pace(speed=" + speed + ")";
    }
}

package dev.aio4j.demo.examples;

import dev.aio4j.demo.ExampleBase;
import java.io.PrintStream;

/**
 * The README's Java example ({@link Quickstart}, kept in sync with README.md by
 * {@code ReadmeSnippetsTest}), run as part of the tour so its output is checked too.
 *
 * <p>The snippet prints to {@code System.out} and sleeps real seconds, as a reader's copy would:
 * this wrapper points {@code System.out} at the tour's output while it runs, and it takes about 3 s
 * whatever {@code --speed} says.
 */
public final class ReadmeQuickstart extends ExampleBase {
    public ReadmeQuickstart() {
        super("readme-quickstart", "README.md \"A taste\" (gather + TaskGroup + timeout)");
    }

    @Override
    protected void main() {
        PrintStream system = System.out;
        System.setOut(out);
        try {
            Quickstart.main(new String[0]);
        } finally {
            System.out.flush();
            System.setOut(system);
        }
    }
}

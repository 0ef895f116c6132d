package dev.aio4j.demo.examples;

// The README's "A taste" (README.md, <!-- snippet:quickstart -->) is the region between the two
// snippet comments below, copied verbatim; ReadmeSnippetsTest fails when the two differ.
// snippet:quickstart
import static dev.aio4j.Asyncio.*;

import dev.aio4j.Task;
import dev.aio4j.TimeoutError;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

public class Quickstart {
    static CompletableFuture<String> download(int id) {
        System.out.println("Starting download " + id);
        return sleep(Duration.ofSeconds(1)).thenApply(v -> "file_" + id + ".dat");
    }

    public static void main(String[] args) {
        // gather: three 1 s downloads at once, results in input order, ~1 s in all
        List<String> files = run(() -> gather(download(1), download(2), download(3)));
        System.out.println(files);
        // TaskGroup: done when every child is; a failing child cancels the others
        List<String> more = run(() -> taskGroup(tg -> List.of(
                        tg.createTask(() -> download(4)), tg.createTask(() -> download(5))))
                .thenApply(tasks -> tasks.stream().map(Task::result).toList()));
        System.out.println(more);
        // timeout: the work inside is cancelled, then TimeoutError
        try {
            run(() -> timeout(Duration.ofSeconds(1), () -> sleep(Duration.ofSeconds(10))));
        } catch (TimeoutError e) {
            System.out.println("Timed out after 1 s");
        }
    }
}
// end snippet:quickstart

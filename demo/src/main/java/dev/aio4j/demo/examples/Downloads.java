package dev.aio4j.demo.examples;

import static dev.aio4j.Asyncio.*;

import dev.aio4j.Task;
import dev.aio4j.demo.ExampleBase;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The tutorial's opening promise: three 2-second downloads take ~6 s one after the other and ~2 s
 * concurrently.
 */
public final class Downloads extends ExampleBase {
    public Downloads() {
        super("downloads", "001 \"asyncio.create_task() para Ejecución Concurrente\" (download_file: ~6 s vs ~2 s)");
    }

    private CompletableFuture<String> downloadFile(int fileId) {
        out.println("Starting download " + fileId);
        return sleep(seconds(2)).thenApply(v -> {
            out.println("Completed download " + fileId);
            return "file_" + fileId + ".dat";
        });
    }

    private CompletableFuture<List<String>> sequentialDownloads() {
        return downloadFile(1).thenCompose(file1 ->
                downloadFile(2).thenCompose(file2 ->
                        downloadFile(3).thenApply(file3 -> List.of(file1, file2, file3))));
    }

    private CompletableFuture<List<String>> concurrentDownloads() {
        Task<String> task1 = createTask(() -> downloadFile(1));
        Task<String> task2 = createTask(() -> downloadFile(2));
        Task<String> task3 = createTask(() -> downloadFile(3));
        // The seed awaits the three tasks one by one; gather is the same wait, written once.
        return gather(task1, task2, task3);
    }

    @Override
    protected void main() {
        long start = System.nanoTime();
        List<String> files = run(this::sequentialDownloads);
        double sequential = pace.tutorialSeconds(System.nanoTime() - start);
        printTime("Sequential: %.2f seconds", sequential);
        out.println("Files: " + files);
        // Concurrent: three tasks, ~2 s.
        start = System.nanoTime();
        files = run(this::concurrentDownloads);
        double concurrent = pace.tutorialSeconds(System.nanoTime() - start);
        printTime("Concurrent: %.2f seconds", concurrent);
        out.println("Files: " + files);
        printTime("Speed-up: %.1fx", sequential / concurrent);
        out.println("Concurrent beat sequential: " + (concurrent < sequential));
    }
}

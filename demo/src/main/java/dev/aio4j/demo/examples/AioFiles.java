package dev.aio4j.demo.examples;

import static dev.aio4j.Asyncio.*;

import dev.aio4j.demo.ExampleBase;
import dev.aio4j.files.AsyncFiles;
import dev.aio4j.files.OpenMode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * aiofiles: files read and written without blocking the loop ({@link AsyncFiles}).
 *
 * <pre>
 * async def read_file(filename):                       # 001 "aiofiles para E/S de Archivos Asíncrona"
 *     async with aiofiles.open(filename, mode='r') as f:
 *         return await f.read()
 * async def write_file(filename, content):
 *     async with aiofiles.open(filename, mode='w') as f:
 *         await f.write(content)
 * await write_file('test.txt', 'Hello, async file I/O!')
 * print(f"Read: {await read_file('test.txt')}")
 *
 * async def process_file(input_file, output_file):     # 001 "Procesando múltiples archivos concurrentemente"
 *     ... content.upper() ...
 *     return f"Processed {input_file} -&gt; {output_file}"
 * results = await asyncio.gather(*[process_file(i, o) for i, o in files])
 *
 * async def process_large_file(filename):             # 001 "Leyendo archivos grandes línea por línea"
 *     async with aiofiles.open(filename, mode='r') as f:
 *         async for line in f:
 *             line_count += 1
 * print(f"Processed {count} lines")
 *
 * async def write_file(file_path, content):            # 004 §5.9.3
 *     async with aiofiles.open(file_path, mode='w') as f:
 *         await f.write(content)
 *     print(f"Escribió en {file_path}")
 * await write_file('output.txt', '¡Hola, asyncio!')
 * </pre>
 *
 * <p>Java: {@code async with aiofiles.open(p, mode) as f} is {@code AsyncFiles.withFile(p, mode, f -> …)},
 * which closes the file however the body ends; {@code async for line in f} over a large file is
 * {@code AsyncFiles.lines(p).forEach(…)}, which reads a buffer at a time and closes the file after the
 * last line. The seeds assume their input files exist; this example writes them into a temporary
 * directory first, and deletes it at the end.
 */
public final class AioFiles extends ExampleBase {
    public AioFiles() {
        super("aiofiles", "001 \"aiofiles para E/S de Archivos Asíncrona\" (read/write, multiple files, large file) + 004 §5.9.3");
    }

    private Path dir;

    private CompletableFuture<String> readFile(String filename) {
        return AsyncFiles.withFile(dir.resolve(filename), OpenMode.READ, f -> f.read());
    }

    private CompletableFuture<Integer> writeFile(String filename, String content) {
        return AsyncFiles.withFile(dir.resolve(filename), OpenMode.WRITE, f -> f.write(content));
    }

    private CompletableFuture<String> processFile(String inputFile, String outputFile) {
        return readFile(inputFile)
                .thenCompose(content -> writeFile(outputFile, content.toUpperCase()))
                .thenApply(n -> "Processed " + inputFile + " -> " + outputFile);
    }

    /** Counts the lines without holding the file in memory. */
    private CompletableFuture<Integer> processLargeFile(String filename) {
        AtomicInteger lineCount = new AtomicInteger();
        return AsyncFiles.lines(dir.resolve(filename)).forEach(line -> {
            lineCount.incrementAndGet();
            if (!line.strip().isEmpty()) {
                // Do something with the line.
            }
            return CompletableFuture.completedFuture(null);
        }).thenApply(v -> lineCount.get());
    }

    @Override
    protected void main() throws IOException {
        dir = Files.createTempDirectory("aio4j-aiofiles");
        try {
            // 001: write, then read back.
            run(() -> writeFile("test.txt", "Hello, async file I/O!")
                    .thenCompose(n -> readFile("test.txt"))
                    .thenAccept(content -> out.println("Read: " + content)));

            // 001: three files processed concurrently; gather keeps the input order.
            run(() -> AsyncFiles.writeText(dir.resolve("input1.txt"), "first input\n")
                    .thenCompose(v -> AsyncFiles.writeText(dir.resolve("input2.txt"), "second input\n"))
                    .thenCompose(v -> AsyncFiles.writeText(dir.resolve("input3.txt"), "third input\n"))
                    .thenCompose(v -> gather(List.of(
                            processFile("input1.txt", "output1.txt"),
                            processFile("input2.txt", "output2.txt"),
                            processFile("input3.txt", "output3.txt"))))
                    .thenAccept(results -> results.forEach(out::println)));
            out.println("output2.txt: " + run(() -> AsyncFiles.readText(dir.resolve("output2.txt"))).strip());

            // 001: a large file, line by line.
            StringBuilder large = new StringBuilder();
            for (int i = 1; i <= 100_000; i++) large.append("record ").append(i).append('\n');
            int count = run(() -> AsyncFiles.writeText(dir.resolve("large_data.txt"), large.toString())
                    .thenCompose(v -> processLargeFile("large_data.txt")));
            out.println("Processed " + count + " lines");

            // 004 §5.9.3: the file is closed before the message is printed.
            run(() -> writeFile("output.txt", "¡Hola, asyncio!").thenRun(() -> out.println("Escribió en output.txt")));
        } finally {
            deleteRecursively(dir);
        }
    }

    static void deleteRecursively(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
        }
    }
}

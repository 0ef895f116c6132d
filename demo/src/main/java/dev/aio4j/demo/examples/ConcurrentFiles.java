package dev.aio4j.demo.examples;

import static dev.aio4j.Asyncio.*;

import dev.aio4j.demo.ExampleBase;
import dev.aio4j.files.AsyncFiles;
import dev.aio4j.files.OpenMode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Reading and writing several files concurrently with aiofiles.
 *
 * <pre>
 * async def read_file(file_path):                      # 004 §5.8.3
 *     async with aiofiles.open(file_path, mode='r') as f:
 *         contents = await f.read()
 *         print(f"Contenido de {file_path}:\n{contents}\n")
 *
 * async def write_file(file_path, content):
 *     async with aiofiles.open(file_path, mode='w') as f:
 *         await f.write(content)
 *         print(f"Escribió en {file_path}")
 *
 * await asyncio.gather(write_file('file1.txt', 'Contenido del archivo 1'), ...file2, file3)
 * await asyncio.gather(read_file('file1.txt'), read_file('file2.txt'), read_file('file3.txt'))
 * </pre>
 *
 * <p>The seed's "Salida" lists file1, file2, file3 in order, but each print runs when that file's
 * operation finishes, and aiofiles (like {@link AsyncFiles}) does the work on a thread pool: the three
 * finish in any order, in Python as here. To print the seed's lines deterministically, each coroutine
 * returns its message and the messages are printed from {@code gather}'s result, which keeps the order
 * of its arguments. The files go to a temporary directory that is deleted at the end.
 */
public final class ConcurrentFiles extends ExampleBase {
    public ConcurrentFiles() {
        super("concurrent-files", "004 §5.8.3 \"Manejador de Archivos Asíncrono Usando aiofiles\"");
    }

    private Path dir;

    private CompletableFuture<String> readFile(String filePath) {
        return AsyncFiles.withFile(dir.resolve(filePath), OpenMode.READ, f -> f.read())
                .thenApply(contents -> "Contenido de " + filePath + ":\n" + contents + "\n");
    }

    private CompletableFuture<String> writeFile(String filePath, String content) {
        return AsyncFiles.withFile(dir.resolve(filePath), OpenMode.WRITE, f -> f.write(content))
                .thenApply(n -> "Escribió en " + filePath);
    }

    @Override
    protected void main() throws IOException {
        dir = Files.createTempDirectory("aio4j-concurrent-files");
        try {
            run(() -> gather(List.of(
                            writeFile("file1.txt", "Contenido del archivo 1"),
                            writeFile("file2.txt", "Contenido del archivo 2"),
                            writeFile("file3.txt", "Contenido del archivo 3")))
                    .thenAccept(messages -> messages.forEach(out::println))
                    .thenCompose(v -> gather(List.of(readFile("file1.txt"), readFile("file2.txt"), readFile("file3.txt"))))
                    .thenAccept(messages -> messages.forEach(out::println)));
        } finally {
            AioFiles.deleteRecursively(dir);
        }
    }
}

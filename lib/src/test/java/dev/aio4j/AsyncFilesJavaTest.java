package dev.aio4j;

import static dev.aio4j.Asyncio.createTask;
import static dev.aio4j.Asyncio.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aio4j.files.AsyncFile;
import dev.aio4j.files.AsyncFiles;
import dev.aio4j.files.OpenMode;
import dev.aio4j.files.UnicodeDecodeError;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** aiofiles for Java: {@link AsyncFiles} and {@link AsyncFile} as a Java caller uses them. */
class AsyncFilesJavaTest extends JavaLoopTestBase {
    @TempDir
    Path dir;

    /** How many descriptors of this process point at {@code path} (Linux's /proc/self/fd). */
    static long openDescriptors(Path path) {
        Path target = path.toAbsolutePath();
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.filter(fd -> {
                try {
                    return Files.readSymbolicLink(fd).equals(target);
                } catch (IOException e) {
                    return false;
                }
            }).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void writeThenReadBackWithTheConveniencesAndAHandle() {
        Path path = dir.resolve("test.txt");
        String read = loop.runUntilComplete(() -> AsyncFiles.writeText(path, "Hello, async file I/O!\n")
                .thenCompose(v -> AsyncFiles.appendText(path, "ñandú ✓\n"))
                .thenCompose(v -> AsyncFiles.withFile(path, OpenMode.READ, f -> f.readLine()
                        .thenCombine(f.read(), (first, rest) -> first + "|" + rest))));
        assertEquals("Hello, async file I/O!\n|ñandú ✓\n", read);
    }

    @Test
    void linesOfAFileBiggerThanTheBufferArriveInOrderAndTheFileIsClosedAfterwards() throws IOException {
        Path path = dir.resolve("big.txt");
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) expected.add("line " + i);
        Files.write(path, expected);
        List<String> seen = new ArrayList<>();
        loop.runUntilComplete(() -> AsyncFiles.lines(path, java.nio.charset.StandardCharsets.UTF_8, 256)
                .forEach(line -> { seen.add(line); return CompletableFuture.completedFuture(null); }));
        assertEquals(expected, seen);
        assertEquals(0, openDescriptors(path));
    }

    @Test
    void closingTheLinesIteratorEarlyClosesTheFile() throws IOException {
        Path path = dir.resolve("three.txt");
        Files.writeString(path, "a\nb\nc\n");
        AtomicReference<Long> openWhileIterating = new AtomicReference<>();
        Optional<String> first = loop.runUntilComplete(() -> {
            AsyncIterator<String> lines = AsyncFiles.lines(path).aiter();
            return lines.anext().thenCompose(line -> {
                openWhileIterating.set(openDescriptors(path));
                return lines.aclose().thenApply(v -> line);
            });
        });
        assertEquals(Optional.of("a"), first);
        assertEquals(1L, openWhileIterating.get());
        assertEquals(0, openDescriptors(path));
    }

    @Test
    void aFailingForEachActionClosesTheFileToo() throws IOException {
        Path path = dir.resolve("three.txt");
        Files.writeString(path, "a\nb\nc\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> loop.runUntilComplete(() ->
                AsyncFiles.lines(path).forEach(line -> CompletableFuture.failedFuture(new IllegalArgumentException("bad " + line)))));
        assertEquals("bad a", e.getMessage());
        assertEquals(0, openDescriptors(path));
    }

    @Test
    void appendAddsAtTheEnd() throws IOException {
        Path path = dir.resolve("log.txt");
        loop.runUntilComplete(() -> AsyncFiles.withFile(path, OpenMode.APPEND, f -> f.write("one\n"))
                .thenCompose(n -> AsyncFiles.open(path, OpenMode.APPEND))
                .thenCompose(file -> Asyncio.using(file, f -> f.write("two\n".getBytes()).thenCompose(n -> f.flush()))));
        assertEquals("one\ntwo\n", Files.readString(path));
    }

    @Test
    void errorsAreTypedAndNotWrapped() throws IOException {
        Path missing = dir.resolve("missing.txt");
        NoSuchFileException notFound = assertThrows(NoSuchFileException.class, () -> loop.runUntilComplete(() -> AsyncFiles.readText(missing)));
        assertEquals(missing.toString(), notFound.getFile());
        assertThrows(NoSuchFileException.class, () -> loop.runUntilComplete(() -> AsyncFiles.open(missing)));

        Path path = dir.resolve("ro.txt");
        Files.writeString(path, "x");
        UnsupportedOperationException readOnly = assertThrows(UnsupportedOperationException.class, () -> loop.runUntilComplete(() ->
                AsyncFiles.withFile(path, OpenMode.READ, f -> f.write("y"))));
        assertEquals("not writable: " + path + " was opened for READ", readOnly.getMessage());

        IllegalStateException closed = assertThrows(IllegalStateException.class, () -> loop.runUntilComplete(() ->
                AsyncFiles.open(path).thenCompose(f -> f.aclose().thenCompose(v -> f.read()))));
        assertEquals("I/O operation on closed file: " + path, closed.getMessage());

        Files.write(path, new byte[] {'o', 'k', (byte) 0xC3});
        UnicodeDecodeError bad = assertThrows(UnicodeDecodeError.class, () -> loop.runUntilComplete(() -> AsyncFiles.readText(path)));
        assertEquals(2L, bad.byteOffset());
        assertEquals(0, openDescriptors(path));
    }

    @Test
    void cancellingTheTaskUsingTheFileClosesItAndRunsTheCleanup() throws IOException {
        Path path = dir.resolve("data.txt");
        Files.writeString(path, "first\nsecond\n");
        AtomicReference<AsyncFile> opened = new AtomicReference<>();
        AtomicInteger cleanups = new AtomicInteger();
        assertThrows(CancellationException.class, () -> loop.runUntilComplete(() -> {
            Task<Object> reader = createTask(() -> AsyncFiles.withFile(path, OpenMode.READ, f -> {
                opened.set(f);
                return f.readLine().thenCompose(line -> {
                    log.add("read " + line.strip());
                    return withCleanup(sleep(Duration.ofHours(1)), (v, e) -> cleanups.incrementAndGet());
                });
            }));
            return sleep(Duration.ofSeconds(5)).thenCompose(v -> {
                log.add("cancel at " + loop.time());
                reader.cancel();
                return reader;
            });
        }));
        log.assertEvents("read first", "cancel at 5.0");
        assertEquals(1, cleanups.get());
        assertTrue(opened.get().isClosed());
        assertEquals(0, openDescriptors(path));
    }
}

package dev.aio4j;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.aio4j.files.AsyncFile;
import dev.aio4j.files.AsyncFiles;
import dev.aio4j.files.OpenMode;
import dev.aio4j.files.UnicodeDecodeError;
import dev.aio4j.files.UnicodeEncodeError;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;

/**
 * The Java surface of {@code dev.aio4j.files}, compile-only (like {@link ApiSurfaceJavaTest}): every
 * public method is referenced with explicit Java types. The body never runs.
 */
class FilesApiSurfaceJavaTest {

    @Test
    void everyFilesFacadeMethodIsCallableFromJavaWithJavaTypesOnly() {
        Runnable neverRun = FilesApiSurfaceJavaTest::surface;
        assertNotNull(neverRun);
    }

    @SuppressWarnings("unused")
    private static void surface() {
        Path path = Path.of("x.txt");
        Charset latin1 = StandardCharsets.ISO_8859_1;
        CompletableFuture<AsyncFile> opened = AsyncFiles.open(path);
        CompletableFuture<AsyncFile> forWrite = AsyncFiles.open(path, OpenMode.WRITE);
        CompletableFuture<AsyncFile> withCharset = AsyncFiles.open(path, OpenMode.APPEND, latin1);
        CompletableFuture<AsyncFile> withBuffer = AsyncFiles.open(path, OpenMode.READ_WRITE, latin1, 4096);
        CompletableFuture<String> used = AsyncFiles.withFile(path, OpenMode.READ, f -> f.read());
        CompletableFuture<String> usedLatin1 = AsyncFiles.withFile(path, OpenMode.READ, latin1, f -> f.readLine());
        CompletableFuture<String> text = AsyncFiles.readText(path);
        CompletableFuture<String> textLatin1 = AsyncFiles.readText(path, latin1);
        CompletableFuture<byte[]> bytes = AsyncFiles.readBytes(path);
        CompletableFuture<Void> written = AsyncFiles.writeText(path, "a");
        CompletableFuture<Void> writtenLatin1 = AsyncFiles.writeText(path, "a", latin1);
        CompletableFuture<Void> appended = AsyncFiles.appendText(path, "a");
        CompletableFuture<Void> appendedLatin1 = AsyncFiles.appendText(path, "a", latin1);
        CompletableFuture<Void> writtenBytes = AsyncFiles.writeBytes(path, new byte[] {1});
        AsyncIterable<String> lines = AsyncFiles.lines(path);
        AsyncIterable<String> linesLatin1 = AsyncFiles.lines(path, latin1);
        AsyncIterable<String> linesBuffered = AsyncFiles.lines(path, latin1, 1024);

        AsyncFile file = opened.join();
        Path p = file.path();
        OpenMode mode = file.mode();
        boolean readable = mode.readable();
        boolean writable = mode.writable();
        Charset charset = file.charset();
        boolean closed = file.isClosed();
        CompletableFuture<String> all = file.read();
        CompletableFuture<String> some = file.read(10);
        CompletableFuture<String> line = file.readLine();
        AsyncIterable<String> rest = file.lines();
        CompletableFuture<byte[]> allBytes = file.readBytes();
        CompletableFuture<byte[]> someBytes = file.readBytes(10);
        CompletableFuture<Integer> chars = file.write("a");
        CompletableFuture<Integer> count = file.write(new byte[] {1});
        CompletableFuture<Void> flushed = file.flush();
        CompletableFuture<Long> position = file.tell();
        CompletableFuture<Long> moved = file.seek(0L);
        CompletionStage<Void> closing = file.aclose();
        dev.aio4j.coroutines.files.AsyncFile core = file.coroutines();

        UnicodeDecodeError decode = (UnicodeDecodeError) new Exception().getCause();
        Path where = decode.path();
        Charset decodeCharset = decode.charset();
        long offset = decode.byteOffset();
        int length = decode.length();
        UnicodeEncodeError encode = (UnicodeEncodeError) new Exception().getCause();
        Path encodePath = encode.path();
        Charset encodeCharset = encode.charset();
        int index = encode.charIndex();
    }
}

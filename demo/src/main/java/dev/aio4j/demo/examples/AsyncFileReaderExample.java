package dev.aio4j.demo.examples;

import static dev.aio4j.Asyncio.*;

import dev.aio4j.AsyncCloseable;
import dev.aio4j.AsyncIterable;
import dev.aio4j.AsyncIterator;
import dev.aio4j.demo.ExampleBase;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * An object that is both an async context manager and an async iterator: {@code async with} around
 * {@code async for}.
 *
 * <pre>
 * class AsyncFileReader:                               # 001, "Combinando gestores de contexto async con iteradores async"
 *     async def __aenter__(self):
 *         await asyncio.sleep(0.5)        # simulate async file opening
 *         self.lines = ["Line 1", "Line 2", "Line 3"]
 *         return self
 *     async def __aexit__(self, exc_type, exc_val, exc_tb):
 *         await asyncio.sleep(0.2)
 *         self.lines = []
 *     def __aiter__(self): return self
 *     async def __anext__(self):
 *         if self.index &gt;= len(self.lines): raise StopAsyncIteration
 *         await asyncio.sleep(0.1)
 *         ...
 *
 * async with AsyncFileReader("data.txt") as reader:
 *     async for line in reader:
 *         print(line)
 * </pre>
 *
 * <p>Java: {@code __aenter__} is an asynchronous {@code open()}, {@code __aexit__} is
 * {@link AsyncCloseable#aclose()}, and the class is an {@link AsyncIterable} whose {@code aiter()}
 * hands out the {@code __anext__} iterator. (Not an {@code AsyncIterator} itself: {@code forEach}
 * closes the iterator it loops over, and closing is this class's {@code __aexit__}, which belongs to
 * {@code using}.) For real files, {@code AsyncFiles.lines(path)} is both at once (see the
 * {@code aiofiles} example).
 */
public final class AsyncFileReaderExample extends ExampleBase {
    public AsyncFileReaderExample() {
        super("async-file-reader", "001 \"Combinando gestores de contexto async con iteradores async\" (AsyncFileReader)");
    }

    /** An async context manager and iterable for reading (simulated) files. */
    final class AsyncFileReader implements AsyncCloseable, AsyncIterable<String> {
        private final String filename;
        private List<String> lines = List.of();
        private int index;

        AsyncFileReader(String filename) {
            this.filename = filename;
        }

        /** {@code __aenter__}: simulates opening the file. */
        CompletableFuture<AsyncFileReader> open() {
            return sleep(seconds(0.5)).thenApply(v -> {
                lines = List.of("Line 1", "Line 2", "Line 3");
                return this;
            });
        }

        /** {@code __aexit__}. */
        @Override
        public CompletionStage<Void> aclose() {
            return sleep(seconds(0.2)).thenRun(() -> lines = List.of());
        }

        /** {@code __anext__}, as the iterator {@code __aiter__} returns. */
        @Override
        public AsyncIterator<String> aiter() {
            return () -> {
                if (index >= lines.size()) return CompletableFuture.completedFuture(Optional.empty());
                return sleep(seconds(0.1)).thenApply(v -> Optional.of(lines.get(index++)));
            };
        }
    }

    @Override
    protected void main() {
        run(() -> new AsyncFileReader("data.txt").open().thenCompose(reader -> using(reader, r -> r.forEach(line -> {
            out.println(line);
            return CompletableFuture.completedFuture(null);
        }))));
    }
}

package dev.aio4j;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The Java surface of async iteration, compile-only (like {@link ApiSurfaceJavaTest}): every public
 * type and method is referenced with explicit Java types. The body never runs.
 */
class AsyncIterationApiSurfaceJavaTest {

    @Test
    void everyIterationFacadeMethodIsCallableFromJavaWithJavaTypesOnly() {
        Runnable neverRun = AsyncIterationApiSurfaceJavaTest::surface;
        assertNotNull(neverRun);
    }

    @SuppressWarnings("unused")
    private static void surface() {
        Function<Yield<String>, CompletionStage<Void>> body = out -> out.yield("a");
        AsyncIterator<String> generator = Asyncio.generate(body);
        CompletableFuture<Optional<String>> next = generator.anext();
        CompletionStage<Void> closed = generator.aclose();
        CompletionStage<Boolean> exited = generator.aexit(null);
        AsyncIterator<String> self = generator.aiter();

        AsyncIterable<String> iterable = () -> Asyncio.generate(body);
        CompletableFuture<Void> each = iterable.forEach(s -> CompletableFuture.completedFuture(null));
        CompletableFuture<List<String>> all = iterable.toList();

        Flow.Publisher<String> publisher = Asyncio.toPublisher(iterable);
        AsyncIterator<String> fromPublisher = Asyncio.fromPublisher(publisher);

        GeneratorExit exit = new GeneratorExit();
        GeneratorExit exitWithMessage = new GeneratorExit("closing");
        java.util.concurrent.CancellationException asCancellation = exit;
    }
}

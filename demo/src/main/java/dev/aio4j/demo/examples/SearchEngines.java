package dev.aio4j.demo.examples;

import static dev.aio4j.Asyncio.*;

import dev.aio4j.demo.ExampleBase;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** as_completed to show each search engine's results as soon as they arrive. */
public final class SearchEngines extends ExampleBase {
    public SearchEngines() {
        super("search-engines", "001 \"asyncio.as_completed()\" (search_engine)");
    }

    private CompletableFuture<String> searchEngine(String query, String engineName, double delay) {
        return sleep(seconds(delay), engineName + ": Results for '" + query + "'");
    }

    @Override
    protected void main() {
        run(() -> {
            String query = "python asyncio";
            List<CompletableFuture<String>> searches = List.of(
                    searchEngine(query, "Google", 1.5),
                    searchEngine(query, "Bing", 2.0),
                    searchEngine(query, "DuckDuckGo", 1.0));
            out.println("Searching...");
            CompletableFuture<Void> shown = CompletableFuture.completedFuture(null);
            for (CompletableFuture<String> search : asCompleted(searches)) {
                shown = shown.thenCompose(v -> search).thenAccept(out::println);
            }
            return shown;
        });
    }
}

package dev.aio4j.demo.examples;

import static dev.aio4j.Asyncio.*;

import dev.aio4j.Queue;
import dev.aio4j.Task;
import dev.aio4j.demo.ExampleBase;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * The seed's URL-queue crawler with simulated fetches: three consumers share one queue and a
 * {@code visited} set; {@code queue.join()} returns when every URL was marked {@code task_done}, then
 * the consumers are cancelled.
 *
 * <pre>
 * async def consumer(queue, visited):
 *     while True:
 *         url = await queue.get()
 *         if url in visited:
 *             queue.task_done()
 *             continue
 *         visited.add(url)
 *         print(f"Scraping: {url}")
 *         content = await fetch_url(None, url)       # asyncio.sleep(1)
 *         new_urls = []                              # would extract from content
 *         for new_url in new_urls:
 *             if new_url not in visited:
 *                 await queue.put(new_url)
 *         queue.task_done()
 * </pre>
 *
 * <p>Java: the {@code visited} set needs no synchronization — every consumer runs on the loop
 * thread, one at a time. The real crawler, over HTTP against the demo server, comes with the HTTP
 * client.
 */
public final class UrlQueue extends ExampleBase {
    public UrlQueue() {
        super("url-queue", "001 \"Web scraper con cola de URLs\" (simulated fetch_url, 3 consumers, join)");
    }

    private CompletableFuture<String> fetchUrl(String url) {
        return sleep(seconds(1), "Content from " + url);
    }

    private CompletableFuture<Void> producer(Queue<String> queue, List<String> startUrls) {
        CompletableFuture<Void> added = CompletableFuture.completedFuture(null);
        for (String url : startUrls) {
            added = added.thenCompose(v -> queue.put(url));
        }
        return added;
    }

    private CompletableFuture<Void> consumer(Queue<String> queue, Set<String> visited) {
        return queue.get().thenCompose(url -> {
            if (!visited.add(url)) {
                queue.taskDone();
                return consumer(queue, visited);
            }
            out.println("Scraping: " + url);
            return fetchUrl(url).thenCompose(content -> {
                List<String> newUrls = List.of();   // would extract from content
                CompletableFuture<Void> queued = CompletableFuture.completedFuture(null);
                for (String newUrl : newUrls) {
                    if (!visited.contains(newUrl)) {
                        queued = queued.thenCompose(v -> queue.put(newUrl));
                    }
                }
                return queued;
            }).thenCompose(v -> {
                queue.taskDone();
                return consumer(queue, visited);
            });
        });
    }

    @Override
    protected void main() {
        run(() -> {
            Queue<String> queue = new Queue<>();
            Set<String> visited = new HashSet<>();
            List<String> startUrls = List.of(
                    "https://example.com/page1",
                    "https://example.com/page2",
                    "https://example.com/page3");
            return producer(queue, startUrls).thenCompose(v -> {
                List<Task<Void>> consumers = new ArrayList<>();
                for (int i = 0; i < 3; i++) {
                    consumers.add(createTask(() -> consumer(queue, visited)));
                }
                return queue.join().thenRun(() -> {
                    consumers.forEach(Task::cancel);
                    out.println("Scraped " + visited.size() + " unique URLs");
                });
            });
        });
    }
}

package dev.aio4j.demo.examples;

import static dev.aio4j.Asyncio.*;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aio4j.Semaphore;
import dev.aio4j.TimeoutError;
import dev.aio4j.http.ClientResponse;
import dev.aio4j.http.ClientSession;
import dev.aio4j.http.ClientTimeout;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CancellationException;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;

/**
 * The seeds' {@code AsyncWebScraper} (000 "Web Scraping asíncrono", 001 "Web Scraping con Limitación
 * de Tasa"): at most {@code maxConcurrent} pages in flight (a {@link Semaphore}), each page's title,
 * link count and image count from jsoup (BeautifulSoup's part), and a failure recorded with its URL
 * instead of failing the run.
 *
 * <pre>
 * async def scrape_url(self, session, url):
 *     async with self.semaphore:
 *         try:
 *             async with session.get(url) as response:
 *                 if response.status == 200:
 *                     soup = BeautifulSoup(await response.text(), 'html.parser')
 *                     return {'url': url, 'title': soup.title.string if soup.title else '',
 *                             'links': len(soup.find_all('a')), 'images': len(soup.find_all('img'))}
 *         except Exception as e:
 *             return {'url': url, 'error': str(e)}
 * </pre>
 *
 * <p>Results are JSON objects ({@code url}, {@code status}, {@code title}, {@code links},
 * {@code images}, or {@code url} and {@code error}), in input order; {@link #writeJsonLines} writes
 * them one per line. Deviation: the seed returns {@code None} for a status other than 200 (and then
 * drops it); here it is an error, {@code "HTTP 404 Not Found"}. A timeout's error is
 * {@code "timeout"}, other failures the exception's class and message.
 *
 * <p>Runs on the event loop: {@link #scrapeAll} must be called in a task (inside {@code run}).
 * Cancelling it cancels every request in flight, and the semaphore's permits come back.
 */
public final class AsyncWebScraper {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Semaphore semaphore;
    private final ClientTimeout timeout;
    private final Function<String, String> label;

    /**
     * A scraper with at most {@code maxConcurrent} requests at once, each limited by {@code timeout}
     * (total), recording each URL as {@code label.apply(url)}.
     */
    public AsyncWebScraper(int maxConcurrent, Duration timeout, Function<String, String> label) {
        if (maxConcurrent < 1) {
            throw new IllegalArgumentException("maxConcurrent must be at least 1, got " + maxConcurrent);
        }
        this.semaphore = new Semaphore(maxConcurrent);
        this.timeout = ClientTimeout.ofTotal(timeout);
        this.label = label;
    }

    /** Scrapes one page; never fails except by cancellation (errors become {@code {"url", "error"}}). */
    public CompletableFuture<ObjectNode> scrapeUrl(ClientSession session, String url) {
        return semaphore.withPermit(() -> session.get(url)
                .thenCompose(response -> using(response, r -> r.ok()
                        ? r.text().thenApply(html -> page(url, r, html))
                        : CompletableFuture.completedFuture(error(url, "HTTP " + r.status() + " " + r.reason())))))
                .exceptionally(e -> {
                    Throwable cause = unwrapped(e);
                    if (cause instanceof CancellationException cancelled) {
                        throw cancelled;
                    }
                    return error(url, cause instanceof TimeoutError ? "timeout" : cause.getClass().getSimpleName() + ": " + cause.getMessage());
                });
    }

    /**
     * Scrapes every URL with one session, at most {@code maxConcurrent} at once; {@code progress} is told
     * after each page (in completion order). Results in input order. {@code warmUpUrls} are fetched
     * first (unrecorded), so that the pages' timeouts do not count a cold JVM's class loading.
     */
    public CompletableFuture<List<ObjectNode>> scrapeAll(List<String> urls, List<String> warmUpUrls, Consumer<ObjectNode> progress) {
        return using(ClientSession.builder().timeout(timeout).build(), session -> HttpPaths.warmUp(session, warmUpUrls).thenCompose(warm -> {
            List<CompletableFuture<ObjectNode>> tasks = new ArrayList<>();
            for (String url : urls) {
                tasks.add(scrapeUrl(session, url).thenApply(result -> {
                    progress.accept(result);
                    return result;
                }));
            }
            return gather(tasks);
        }));
    }

    /** Writes each result as one line of JSON. */
    public static void writeJsonLines(List<ObjectNode> results, Writer out) {
        try {
            for (ObjectNode result : results) {
                out.write(JSON.writeValueAsString(result));
                out.write('\n');
            }
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private ObjectNode page(String url, ClientResponse response, String html) {
        Document soup = Jsoup.parse(html, url);
        ObjectNode result = JSON.createObjectNode();
        result.put("url", label.apply(url));
        result.put("status", response.status());
        result.put("title", soup.title());
        result.put("links", soup.select("a").size());
        result.put("images", soup.select("img").size());
        return result;
    }

    private ObjectNode error(String url, String error) {
        ObjectNode result = JSON.createObjectNode();
        result.put("url", label.apply(url));
        result.put("error", error);
        return result;
    }

    private static Throwable unwrapped(Throwable e) {
        Throwable t = e;
        while (t instanceof CompletionException && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}

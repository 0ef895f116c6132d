package dev.aio4j.demo.examples;

import static dev.aio4j.Asyncio.*;

import dev.aio4j.Outcome;
import dev.aio4j.demo.ExampleBase;
import dev.aio4j.http.ClientSession;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * 001 "Obteniendo múltiples URLs concurrentemente": five URLs with {@code gather(...,
 * return_exceptions=True)} — here {@code gatherSettled} — printing status and body length, or the
 * error; then 004 §5.8.1's "Descargado {url} con longitud de N caracteres" over the server's pages.
 *
 * <pre>
 * async def fetch_url(session, url):
 *     async with session.get(url) as response:
 *         content = await response.text()
 *         return {"url": url, "status": response.status, "length": len(content)}
 * </pre>
 *
 * <p>Stand-ins on the tour's server: {@code /json} for {@code https://api.github.com}, httpbin's
 * {@code /delay} and {@code /status} twins, and one port nobody listens on for the error line (the
 * seed's list has none that fails; {@code return_exceptions} is there for it). The {@code /delay}
 * lines say "after the delay" instead of a byte count: the server's answer {@code {"delay": s}}
 * carries the paced delay, so its length would change with {@code --speed}. 004 §5.8.1 prints each
 * page from inside {@code fetch}, in completion order, which a real network makes random; here the
 * lines come after the gather, in input order.
 */
public final class FetchAllUrls extends ExampleBase {
    public FetchAllUrls() {
        super("fetch-all-urls", "001 \"Obteniendo múltiples URLs concurrentemente\" (fetch_all_urls) + 004 §5.8.1 (Descargado ...)");
    }

    private record Page(String url, int status, int length) {}

    private CompletableFuture<Page> fetchUrl(ClientSession session, String label, String url) {
        return session.get(url).thenCompose(response ->
                using(response, r -> r.text().thenApply(content -> new Page(label, r.status(), content.length()))));
    }

    @Override
    protected void main() {
        List<String> labels = List.of("/json", "/delay/1", "/delay/2", "/status/200", "/status/404", "http://127.0.0.1:9/ (nothing listens)");
        List<String> urls = List.of(serverUrl("/json"), serverUrl(HttpPaths.delay(seconds(1))), serverUrl(HttpPaths.delay(seconds(2))),
                serverUrl("/status/200"), serverUrl("/status/404"), "http://127.0.0.1:9/");
        long start = System.nanoTime();
        List<Outcome<Page>> results = run(() -> using(ClientSession.create(), session -> {
            List<CompletableFuture<Page>> tasks = new ArrayList<>();
            for (int i = 0; i < urls.size(); i++) {
                tasks.add(fetchUrl(session, labels.get(i), urls.get(i)));
            }
            return gatherSettled(tasks);   // return_exceptions=True
        }));
        double elapsed = pace.tutorialSeconds(System.nanoTime() - start);
        for (Outcome<Page> result : results) {
            if (!result.isSuccess()) {
                out.println("Error: " + result.exception().getClass().getSimpleName());
            } else if (result.value().url().startsWith("/delay/")) {
                out.println(result.value().url() + ": " + result.value().status() + " (after the delay)");
            } else {
                Page page = result.value();
                out.println(page.url() + ": " + page.status() + " (" + page.length() + " bytes)");
            }
        }
        out.println();
        printTime("Fetched %d URLs in %.2f seconds", urls.size(), elapsed);

        // 004 §5.8.1: three pages downloaded concurrently.
        List<String> pages = List.of("/pages/", "/pages/tasks.html", "/pages/queues.html");
        List<Page> downloaded = run(() -> using(ClientSession.create(), session -> {
            List<CompletableFuture<Page>> tasks = new ArrayList<>();
            for (String page : pages) {
                tasks.add(fetchUrl(session, page, serverUrl(page)));
            }
            return gather(tasks);
        }));
        for (Page page : downloaded) {
            out.println("Descargado " + page.url() + " con longitud de " + page.length() + " caracteres");
        }
    }
}

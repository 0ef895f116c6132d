package dev.aio4j.demo.examples;

import static dev.aio4j.Asyncio.*;

import dev.aio4j.demo.ExampleBase;
import dev.aio4j.http.ClientSession;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * 002 "Async en el mundo real: solicitudes HTTP": three {@code /delay/1} requests with
 * {@code gather}, about 1 s in all instead of 3.
 *
 * <pre>
 * async def fetch_url(session, url):
 *     async with session.get(url) as response:
 *         return {"url": url, "status": response.status}
 *
 * async def fetch_all(urls):
 *     async with aiohttp.ClientSession() as session:
 *         tasks = [fetch_url(session, url) for url in urls]
 *         return await asyncio.gather(*tasks)
 * </pre>
 *
 * <p>The requests go to the tour's server (httpbin.org's {@code /delay} has a twin there); each line
 * shows the tutorial's path, while the server is asked for the paced delay.
 */
public final class FetchAll extends ExampleBase {
    public FetchAll() {
        super("fetch-all", "002 \"Async en el mundo real: solicitudes HTTP\" (fetch_all: 3 × /delay/1 with gather)");
    }

    private record Result(String url, int status) {}

    private CompletableFuture<Result> fetchUrl(ClientSession session, String label, String url) {
        // `async with session.get(url) as response`: using(...) releases the response afterwards.
        return session.get(url).thenCompose(response ->
                using(response, r -> CompletableFuture.completedFuture(new Result(label, r.status()))));
    }

    private CompletableFuture<List<Result>> fetchAll(List<String> labels, List<String> urls) {
        return using(ClientSession.create(), session -> {
            List<CompletableFuture<Result>> tasks = new ArrayList<>();
            for (int i = 0; i < urls.size(); i++) {
                tasks.add(fetchUrl(session, labels.get(i), urls.get(i)));
            }
            return gather(tasks);
        });
    }

    @Override
    protected void main() {
        List<String> labels = List.of("/delay/1", "/delay/1", "/delay/1");
        String url = serverUrl(HttpPaths.delay(seconds(1)));
        long start = System.nanoTime();
        List<Result> results = run(() -> fetchAll(labels, List.of(url, url, url)));
        double elapsed = pace.tutorialSeconds(System.nanoTime() - start);
        for (Result r : results) {
            out.println(r.url() + ": " + r.status());
        }
        printTime("Total time: %.2fs", elapsed);   // ~1s instead of ~3s
    }
}

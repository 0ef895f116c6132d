package dev.aio4j.demo.examples;

import static dev.aio4j.Asyncio.*;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aio4j.Semaphore;
import dev.aio4j.Task;
import dev.aio4j.demo.ExampleBase;
import dev.aio4j.http.ClientSession;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A semaphore that caps the requests in flight, twice: 000's {@code process_urls} ({@code gather}
 * over one {@code ClientSession}) and 003 §6's {@code fetch_all} ({@code TaskGroup}, a client per
 * request).
 *
 * <pre>
 * semaphore = asyncio.Semaphore(5)  # Máximo 5 requests simultáneos      # 000 "Semáforos para control de concurrencia"
 *
 * async def rate_limited_request(session, url):
 *     async with semaphore:
 *         async with session.get(url) as response:
 *             return await response.json()
 *
 * async def process_urls(urls):
 *     async with aiohttp.ClientSession() as session:
 *         tasks = [rate_limited_request(session, url) for url in urls]
 *         results = await asyncio.gather(*tasks)
 *     return results
 *
 * async def fetch_url(url: str, semaphore: asyncio.Semaphore) -> dict:  # 003 §6 "Limitar Concurrencia"
 *     async with semaphore:  # Máximo N requests concurrentes
 *         async with httpx.AsyncClient() as client:
 *             response = await client.get(url)
 *             return {"url": url, "status": response.status_code}
 *
 * async def fetch_all(urls: Sequence[str], max_concurrent: int = 10) -> list[dict]:
 *     semaphore = asyncio.Semaphore(max_concurrent)
 *     async with asyncio.TaskGroup() as tg:
 *         tasks = [tg.create_task(fetch_url(url, semaphore)) for url in urls]
 *     return [task.result() for task in tasks]
 * </pre>
 *
 * <p>The seeds print nothing; here {@code process_urls} reads the tour server's ten {@code /users/{id}}
 * and {@code fetch_all} asks for ten {@code /delay/1} with {@code max_concurrent=5}, counting the
 * requests in flight: never more than 5, so about 2 s in all. {@code async with semaphore} is
 * {@code semaphore.withPermit(() -> …)}, which releases the permit however the body ends. The 000
 * semaphore is created inside {@code run}, next to the loop that uses it.
 */
public final class ProcessUrls extends ExampleBase {
    public ProcessUrls() {
        super("process-urls", "000 process_urls + 003 §6 fetch_all (Semaphore caps requests in flight; gather / TaskGroup)");
    }

    private record Fetched(String url, int status) {}

    private Semaphore semaphore;
    private int inFlight;
    private int peak;

    private CompletableFuture<JsonNode> rateLimitedRequest(ClientSession session, String url) {
        return semaphore.withPermit(() -> session.get(url).thenCompose(response -> using(response, r -> r.json())));
    }

    private CompletableFuture<List<JsonNode>> processUrls(List<String> urls) {
        return using(ClientSession.create(), session -> {
            List<CompletableFuture<JsonNode>> tasks = new ArrayList<>();
            for (String url : urls) {
                tasks.add(rateLimitedRequest(session, url));
            }
            return gather(tasks);
        });
    }

    private CompletableFuture<Fetched> fetchUrl(String label, String url, Semaphore semaphore) {
        return semaphore.withPermit(() -> {
            peak = Math.max(peak, ++inFlight);   // the loop's thread only: no lock needed
            return using(ClientSession.create(), client -> client.get(url)
                    .thenCompose(response -> using(response, r -> CompletableFuture.completedFuture(new Fetched(label, r.status())))))
                    .whenComplete((r, e) -> inFlight--);
        });
    }

    private CompletableFuture<List<Fetched>> fetchAll(List<String> labels, List<String> urls, int maxConcurrent) {
        Semaphore limit = new Semaphore(maxConcurrent);
        List<Task<Fetched>> tasks = new ArrayList<>();
        return taskGroup(tg -> {
            for (int i = 0; i < urls.size(); i++) {
                String label = labels.get(i);
                String url = urls.get(i);
                tasks.add(tg.createTask(() -> fetchUrl(label, url, limit)));
            }
            return null;
        }).thenApply(v -> tasks.stream().map(Task::result).toList());
    }

    @Override
    protected void main() {
        String api = server().url();
        List<String> users = new ArrayList<>();
        for (int id = 1; id <= 10; id++) {
            users.add(api + "/users/" + id);
        }
        List<JsonNode> results = run(() -> {
            semaphore = new Semaphore(5);
            return processUrls(users);
        });
        for (JsonNode user : results) {
            out.println("User " + user.get("id").asInt() + ": " + user.get("name").asText());
        }

        String delayed = serverUrl(HttpPaths.delay(seconds(1)));
        List<String> labels = new ArrayList<>();
        List<String> urls = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            labels.add("/delay/1");
            urls.add(delayed);
        }
        long start = System.nanoTime();
        List<Fetched> fetched = run(() -> fetchAll(labels, urls, 5));
        double elapsed = pace.tutorialSeconds(System.nanoTime() - start);
        for (Fetched f : fetched) {
            out.println(f.url() + ": " + f.status());
        }
        out.println("Most requests in flight: " + peak);
        printTime("Total time: %.2fs", elapsed);   // ~2s: two rounds of 5
    }
}

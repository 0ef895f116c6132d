package dev.aio4j.demo.examples;

import static dev.aio4j.Asyncio.*;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aio4j.demo.ExampleBase;
import dev.aio4j.http.ClientResponse;
import dev.aio4j.http.ClientSession;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * 000 "La solución asíncrona": {@code /users}, {@code /posts} and {@code /comments} requested at the
 * same time with {@code gather}, then each body read as JSON.
 *
 * <pre>
 * async def fetch_data_async():
 *     start = time.time()
 *     async with aiohttp.ClientSession() as session:
 *         tasks = [
 *             session.get('https://api.example.com/users'),
 *             session.get('https://api.example.com/posts'),
 *             session.get('https://api.example.com/comments')
 *         ]
 *         responses = await asyncio.gather(*tasks)
 *         results = [await response.json() for response in responses]
 *     print(f"Tiempo total: {time.time() - start:.2f}s")  # ~1 segundo
 *     return results
 * </pre>
 *
 * <p>{@code https://api.example.com} is the tour's server, whose three collections are fixed data. The
 * seed prints only the time; the caller here also prints what came back. Java: the responses are
 * released with {@code using(response, r -> r.json())} (aiohttp releases a response once its body has
 * been read).
 */
public final class FetchDataAsync extends ExampleBase {
    public FetchDataAsync() {
        super("fetch-data-async", "000 \"La solución asíncrona\" (fetch_data_async: /users, /posts, /comments with gather)");
    }

    private CompletableFuture<List<JsonNode>> fetchDataAsync(String api) {
        long start = System.nanoTime();
        return using(ClientSession.create(), session -> {
            // The requests run concurrently.
            List<CompletableFuture<ClientResponse>> tasks = List.of(
                    session.get(api + "/users"),
                    session.get(api + "/posts"),
                    session.get(api + "/comments"));
            return gather(tasks).thenCompose(responses -> readAll(responses, 0, new ArrayList<>()));
        }).thenApply(results -> {
            printTime("Tiempo total: %.2fs", pace.tutorialSeconds(System.nanoTime() - start));
            return results;
        });
    }

    /** {@code [await response.json() for response in responses]}: one after the other, in order. */
    private static CompletableFuture<List<JsonNode>> readAll(List<ClientResponse> responses, int i, List<JsonNode> results) {
        if (i == responses.size()) {
            return CompletableFuture.completedFuture(results);
        }
        return using(responses.get(i), r -> r.raiseForStatus().json()).thenCompose(json -> {
            results.add(json);
            return readAll(responses, i + 1, results);
        });
    }

    @Override
    protected void main() {
        String api = server().url();
        List<JsonNode> results = run(() -> fetchDataAsync(api));
        JsonNode users = results.get(0).get("users");
        JsonNode posts = results.get(1);
        JsonNode comments = results.get(2);
        out.println("users: " + users.size() + ", posts: " + posts.size() + ", comments: " + comments.size());
        out.println("first user: " + users.get(0).get("name").asText());
        out.println("first post: " + posts.get(0).get("title").asText());
        out.println("first comment: " + comments.get(0).get("body").asText());
    }
}

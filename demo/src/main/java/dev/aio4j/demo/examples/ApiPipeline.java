package dev.aio4j.demo.examples;

import static dev.aio4j.Asyncio.*;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aio4j.demo.ExampleBase;
import dev.aio4j.http.ClientSession;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * 001 "Pipeline de Datos de API Asíncrona": the user ids, then for every user its details and its
 * posts at the same time, every user at the same time.
 *
 * <pre>
 * async def process_user(session, user_id):
 *     details, posts = await asyncio.gather(
 *         fetch_user_details(session, user_id),
 *         fetch_user_posts(session, user_id))
 *     return {"user": details, "posts": posts, "post_count": len(posts)}
 *
 * user_ids = await fetch_user_ids(session)
 * user_data = await asyncio.gather(*[process_user(session, uid) for uid in user_ids[:10]])
 * for data in user_data:
 *     print(f"User {data['user']['name']}: {data['post_count']} posts")
 * </pre>
 *
 * <p>{@code https://api.example.com} is the tour's server: {@code /users}, {@code /users/{id}} and
 * {@code /users/{id}/posts} serve fixed data, so the lines below are always the same.
 */
public final class ApiPipeline extends ExampleBase {
    public ApiPipeline() {
        super("api-pipeline", "001 \"Pipeline de Datos de API Asíncrona\" (users → details + posts concurrently)");
    }

    private record UserData(JsonNode user, JsonNode posts, int postCount) {}

    /** The tour server's base URL, looked up before the loop runs (the first look-up starts the server). */
    private String api;

    private static CompletableFuture<JsonNode> getJson(ClientSession session, String url) {
        return session.get(url).thenCompose(response -> using(response, r -> r.raiseForStatus().json()));
    }

    private CompletableFuture<List<Integer>> fetchUserIds(ClientSession session) {
        return getJson(session, api + "/users").thenApply(data -> {
            List<Integer> ids = new ArrayList<>();
            data.get("users").forEach(user -> ids.add(user.get("id").asInt()));
            return ids;
        });
    }

    private CompletableFuture<UserData> processUser(ClientSession session, int userId) {
        CompletableFuture<JsonNode> details = getJson(session, api + "/users/" + userId);
        CompletableFuture<JsonNode> posts = getJson(session, api + "/users/" + userId + "/posts");
        return gather(details, posts).thenApply(both -> new UserData(both.get(0), both.get(1), both.get(1).size()));
    }

    @Override
    protected void main() {
        api = server().url();
        List<UserData> userData = run(() -> using(ClientSession.create(), session ->
                fetchUserIds(session).thenCompose(userIds -> {
                    List<CompletableFuture<UserData>> users = new ArrayList<>();
                    for (int id : userIds.subList(0, Math.min(10, userIds.size()))) {
                        users.add(processUser(session, id));
                    }
                    return gather(users);
                })));
        for (UserData data : userData) {
            out.println("User " + data.user().get("name").asText() + ": " + data.postCount() + " posts");
        }
    }
}

package dev.aio4j.demo.examples;

import static dev.aio4j.Asyncio.*;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aio4j.demo.ExampleBase;
import dev.aio4j.http.ClientSession;
import dev.aio4j.http.RequestOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * A client of 003's {@code POST /compute} ("FastAPI: Funciones Síncronas en Endpoints Async"): the
 * endpoint runs the CPU-bound hash chain on a thread pool, so the server keeps answering; the client
 * sends three bodies at once and waits for the three results with {@code gather}.
 *
 * <pre>
 * def sync_heavy_computation(data: str) -> str:
 *     for _ in range(1000000):
 *         data = hashlib.sha256(data.encode()).hexdigest()
 *     return data
 *
 * @app.post("/compute")
 * async def compute(payload: dict):
 *     result = await run_in_threadpool(sync_heavy_computation, payload["data"])
 *     return {"result": result}
 * </pre>
 *
 * <p>The seed has only the server; its client here is what a caller would write with aiohttp:
 * {@code session.post(url, json={"data": ..., "iterations": N})} is
 * {@code session.post(url, RequestOptions.create().json(Map.of(...)))}. The tour's server takes the
 * number of rounds as {@code "iterations"} (the seed's fixed 1,000,000 would take about a second per
 * call); 10,000 keeps the tour quick, and the digests are the same as Python's {@code hashlib} chain.
 */
public final class ComputeClient extends ExampleBase {
    public ComputeClient() {
        super("compute-client", "003 \"FastAPI: Funciones Síncronas en Endpoints Async\" (a client of POST /compute, 3 bodies with gather)");
    }

    private static final int ITERATIONS = 10_000;

    private static CompletableFuture<JsonNode> compute(ClientSession session, String url, String data) {
        RequestOptions body = RequestOptions.create().json(Map.of("data", data, "iterations", ITERATIONS));
        return session.post(url, body).thenCompose(response -> using(response, r -> r.raiseForStatus().json()));
    }

    @Override
    protected void main() {
        String url = serverUrl("/compute");
        List<String> inputs = List.of("hello", "world", "aio4j");
        long start = System.nanoTime();
        List<JsonNode> results = run(() -> using(ClientSession.create(), session -> {
            List<CompletableFuture<JsonNode>> calls = new ArrayList<>();
            for (String data : inputs) {
                calls.add(compute(session, url, data));
            }
            return gather(calls);
        }));
        double elapsed = pace.tutorialSeconds(System.nanoTime() - start);
        for (int i = 0; i < inputs.size(); i++) {
            JsonNode r = results.get(i);
            out.println(inputs.get(i) + " -> " + r.get("result").asText() + " (" + r.get("iterations").asInt() + " rounds)");
        }
        printTime("Total time: %.2fs", elapsed);
    }
}

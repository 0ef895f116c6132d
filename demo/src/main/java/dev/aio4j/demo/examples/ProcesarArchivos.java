package dev.aio4j.demo.examples;

import static dev.aio4j.Asyncio.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aio4j.demo.ExampleBase;
import dev.aio4j.files.AsyncFiles;
import dev.aio4j.files.OpenMode;
import dev.aio4j.http.ClientSession;
import dev.aio4j.http.RequestOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * 000 "Context Managers asíncronos": a file read with aiofiles, its content POSTed with aiohttp, both
 * inside {@code async with}.
 *
 * <pre>
 * async def procesar_archivos():
 *     # Lectura asíncrona de archivos
 *     async with aiofiles.open('data.txt', 'r') as file:
 *         content = await file.read()
 *
 *     # HTTP requests asíncronos
 *     async with aiohttp.ClientSession() as session:
 *         async with session.post('/api/process', json={'data': content}) as response:
 *             result = await response.json()
 *
 *     return result
 * </pre>
 *
 * <p>The seed assumes {@code data.txt} exists and a server answers {@code /api/process}: this example
 * writes three files into a temporary directory (deleted at the end), processes them at the same time
 * with {@code gather}, and posts to the tour's server, which echoes the object with
 * {@code "processed": true} and a {@code "processedAt"} time stamp (not printed: it changes every run).
 * {@code async with aiofiles.open(...)} is {@code AsyncFiles.withFile(path, OpenMode.READ, f -> …)};
 * {@code async with session.post(...) as response} is {@code using(response, r -> …)}.
 */
public final class ProcesarArchivos extends ExampleBase {
    public ProcesarArchivos() {
        super("procesar-archivos", "000 \"Context Managers asíncronos\" (procesar_archivos: aiofiles read + aiohttp POST /api/process)");
    }

    private CompletableFuture<JsonNode> procesarArchivo(ClientSession session, String url, Path file) {
        return AsyncFiles.withFile(file, OpenMode.READ, f -> f.read())
                .thenCompose(content -> session.post(url, RequestOptions.create().json(Map.of("data", content))))
                .thenCompose(response -> using(response, r -> r.raiseForStatus().json()));
    }

    @Override
    protected void main() throws IOException {
        String url = serverUrl("/api/process");
        Path dir = Files.createTempDirectory("aio4j-procesar");
        try {
            List<Path> files = List.of(dir.resolve("data.txt"), dir.resolve("ventas.txt"), dir.resolve("clientes.txt"));
            List<String> contents = List.of("Hola, asyncio!", "ventas: 42", "clientes: Ada, Alan, Grace");
            List<JsonNode> results = run(() -> {
                CompletableFuture<Void> written = CompletableFuture.completedFuture(null);
                for (int i = 0; i < files.size(); i++) {
                    Path file = files.get(i);
                    String content = contents.get(i);
                    written = written.thenCompose(v -> AsyncFiles.writeText(file, content));
                }
                return written.thenCompose(v -> using(ClientSession.create(), session -> {
                    List<CompletableFuture<JsonNode>> calls = new ArrayList<>();
                    for (Path file : files) {
                        calls.add(procesarArchivo(session, url, file));
                    }
                    return gather(calls);
                }));
            });
            for (int i = 0; i < files.size(); i++) {
                ObjectNode result = (ObjectNode) results.get(i);
                boolean stamped = result.remove("processedAt") != null;
                out.println(files.get(i).getFileName() + ": " + result + (stamped ? " (+ processedAt)" : ""));
            }
        } finally {
            AioFiles.deleteRecursively(dir);
        }
    }
}

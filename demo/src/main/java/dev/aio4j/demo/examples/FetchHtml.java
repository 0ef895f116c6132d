package dev.aio4j.demo.examples;

import static dev.aio4j.Asyncio.*;

import dev.aio4j.demo.ExampleBase;
import dev.aio4j.http.ClientSession;
import java.util.concurrent.CompletableFuture;

/**
 * 004 §5.6.2 "Usar Gestores de Contexto Asíncronos con Bibliotecas": a library's own async context
 * managers, {@code aiohttp.ClientSession} and its responses, close the connection pool and release
 * the connection however the block ends.
 *
 * <pre>
 * async def fetch(session, url):
 *     async with session.get(url) as response:
 *         return await response.text()
 *
 * async def main():
 *     async with aiohttp.ClientSession() as session:
 *         html = await fetch(session, 'https://www.example.com')
 *         print(html)
 * </pre>
 *
 * <p>Java: {@code async with X as x: body} is {@code using(X, x -> body)}, for the session as for the
 * response. {@code https://www.example.com} is the tour's server's {@code /pages/}, a small fixed page.
 */
public final class FetchHtml extends ExampleBase {
    public FetchHtml() {
        super("fetch-html", "004 §5.6.2 \"Usar Gestores de Contexto Asíncronos con Bibliotecas\" (ClientSession + response.text())");
    }

    private static CompletableFuture<String> fetch(ClientSession session, String url) {
        return session.get(url).thenCompose(response -> using(response, r -> r.text()));
    }

    @Override
    protected void main() {
        String url = serverUrl("/pages/");
        run(() -> using(ClientSession.create(), session -> fetch(session, url).thenAccept(html -> out.println(html))));
    }
}

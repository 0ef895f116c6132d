package dev.aio4j.demo.examples;

import static dev.aio4j.Asyncio.*;

import dev.aio4j.Queue;
import dev.aio4j.Task;
import dev.aio4j.demo.ExampleBase;
import dev.aio4j.net.Connection;
import dev.aio4j.net.Net;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;

/**
 * 004 §5.8.2 "Servidor de Chat Asíncrono Usando asyncio", the client ({@code tcp_echo_client}): two
 * clients, A and B, connect to the tour server's TCP chat with {@code Net.openConnection}
 * ({@code asyncio.open_connection}); each runs a {@code listen()} task printing what arrives, A says
 * hello and B answers.
 *
 * <pre>
 * reader, writer = await asyncio.open_connection('127.0.0.1', 8888)
 * print("Conectado al servidor. Ingresa mensajes:")
 *
 * async def listen():
 *     while True:
 *         data = await reader.readline()
 *         if not data: break
 *         print(f"Recibido: {data.decode().strip()}")
 *
 * asyncio.create_task(listen())
 * while True:
 *     message = await asyncio.get_event_loop().run_in_executor(None, input)
 *     writer.write(f"{message}\n".encode())
 *     await writer.drain()
 * </pre>
 *
 * <p>The seed reads what to send from the keyboard ({@code input} in an executor) and never ends;
 * here the two messages are fixed, shown as {@code A > text}, and both clients hang up afterwards.
 * The seed's server relays raw lines; the tour's server (server/README.md) prefixes each with the
 * sender's {@code HOST:PORT: } and sends {@code * ...} notices (welcome, joined, left). The listener
 * drops that prefix, so a line prints as in the seed's "Salida", and skips the notices, whose
 * addresses and counts change from run to run. With {@code --server URL} the chat is looked for on
 * port 8888 of that host.
 */
public final class ChatClient extends ExampleBase {
    public ChatClient() {
        super("chat-client", "004 §5.8.2 \"Servidor de Chat Asíncrono\" (tcp_echo_client: open_connection + listen task)");
    }

    /**
     * One chat client: its connection, its listen() task, and the messages listen() received (a queue,
     * so that the main task waits for them in its own context, not inside the listener's callbacks).
     */
    private final class Client {
        final String name;
        final Connection connection;
        final Queue<String> received = new Queue<>();
        Task<Void> listener;

        Client(String name, Connection connection) {
            this.name = name;
            this.connection = connection;
        }

        CompletableFuture<Void> listen() {
            return connection.reader().readLine().thenCompose(data -> {
                if (data.length == 0) {
                    return CompletableFuture.completedFuture(null);   // EOF: the server closed
                }
                String line = new String(data, StandardCharsets.UTF_8).strip();
                if (!line.startsWith("* ")) {
                    String text = line.substring(line.indexOf(": ") + 2);   // after "HOST:PORT: "
                    out.println(name + ": Recibido: " + text);
                    received.putNowait(text);
                }
                return listen();
            });
        }

        CompletableFuture<Void> say(String message) {
            out.println(name + " > " + message);
            connection.writer().write((message + "\n").getBytes(StandardCharsets.UTF_8));
            return connection.writer().drain();
        }

        /** Stops listen() (cancelling the task cancels its pending readLine) and closes the connection. */
        CompletableFuture<Void> hangUp() {
            listener.cancel(false);
            connection.writer().close();
            return connection.writer().waitClosed();
        }
    }

    /** Connects, waits for the server's welcome (so the client is in the room), starts listen(). */
    private CompletableFuture<Client> connect(String name, String host, int port) {
        return Net.openConnection(host, port).thenCompose(connection -> {
            out.println(name + ": Conectado al servidor. Ingresa mensajes:");
            return connection.reader().readLine().thenApply(welcome -> {
                Client client = new Client(name, connection);
                client.listener = createTask(client::listen, "listen " + name);
                return client;
            });
        });
    }

    @Override
    protected void main() {
        String host = server().host();
        int port = server().chatPort();
        run(() -> connect("A", host, port).thenCompose(a -> connect("B", host, port).thenCompose(b -> {
            return a.say("¡Hola a todos!")
                    .thenCompose(v -> b.received.get())
                    .thenCompose(heard -> b.say("¡Hola, A!"))
                    .thenCompose(v -> a.received.get())
                    .thenCompose(heard -> a.hangUp())
                    .thenCompose(v -> b.hangUp());
        })));
        out.println("Both clients hung up");
    }
}

package dev.aio4j.net;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aio4j.Asyncio;
import dev.aio4j.EventLoop;
import java.net.ConnectException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The Java facade of dev.aio4j.net on real sockets (127.0.0.1 only), each test under a timeout. */
@Timeout(20)
class NetJavaTest {
    /** Echoes lines upper-cased until the client ends its side. */
    static CompletionStage<Void> echo(StreamReader reader, StreamWriter writer) {
        return reader.readLine().thenCompose(line -> {
            if (line.length == 0) return CompletableFuture.completedFuture(null);
            writer.write(new String(line, UTF_8).toUpperCase());
            return writer.drain().thenCompose(v -> echo(reader, writer));
        });
    }

    @Test
    void echoRoundTripCompletesEveryFutureOnTheLoopThread() throws Exception {
        List<String> threads = new CopyOnWriteArrayList<>();
        List<String> lines = new CopyOnWriteArrayList<>();
        try (EventLoop loop = EventLoop.create()) {
            loop.runUntilComplete(() -> Net.startServer(NetJavaTest::echo, "127.0.0.1", 0)
                .thenCompose(server -> Net.openConnection("127.0.0.1", server.port()).thenCompose(conn -> {
                    threads.add(Thread.currentThread().getName());
                    conn.writer().write("hello\n");
                    conn.writer().write("world\n".getBytes(UTF_8));
                    return conn.reader().readLine()
                        .thenCompose(l -> { lines.add(new String(l, UTF_8)); threads.add(Thread.currentThread().getName()); return conn.reader().readLine(); })
                        .thenCompose(l -> { lines.add(new String(l, UTF_8)); conn.writer().writeEof(); return conn.reader().read(); })
                        .thenCompose(rest -> {
                            lines.add("rest=" + rest.length + " eof=" + conn.reader().atEof());
                            conn.writer().close();
                            return conn.writer().waitClosed();
                        })
                        .thenCompose(v -> { threads.add(Thread.currentThread().getName()); server.close(); return server.waitClosed(); })
                        .thenApply(v -> server.isServing());
                })))
                .booleanValue();
        }
        assertEquals(List.of("HELLO\n", "WORLD\n", "rest=0 eof=true"), lines);
        assertEquals(3, threads.size());
        threads.forEach(t -> assertTrue(t.startsWith("aio4j-loop-"), t));
    }

    @Test
    void readExactlyPastTheEndIsAnIncompleteReadErrorAsItself() {
        IncompleteReadError e = assertThrows(IncompleteReadError.class, () -> Asyncio.run(() ->
            Net.startServer((reader, writer) -> { writer.write("abc"); return writer.drain(); }, "127.0.0.1", 0)
                .thenCompose(server -> Net.openConnection("127.0.0.1", server.port())
                    .thenCompose(conn -> conn.reader().readExactly(5))
                    .whenComplete((v, err) -> server.close()))));
        assertEquals("abc", new String(e.partial(), UTF_8));
        assertEquals(5, e.expected());
    }

    @Test
    void aLineOverTheLimitIsALimitOverrunErrorForTheHandler() throws Exception {
        CompletableFuture<Throwable> seen = new CompletableFuture<>();
        Asyncio.run(() -> Net.startServer((reader, writer) -> reader.readLine()
                    .whenComplete((line, err) -> seen.complete(err)), "127.0.0.1", 0, 8)
            .thenCompose(server -> Net.openConnection("127.0.0.1", server.port()).thenCompose(conn -> {
                conn.writer().write("much too long a line\n");
                return conn.reader().read();   // the server closes after its handler
            }).whenComplete((v, err) -> server.close())));
        LimitOverrunError e = assertInstanceOf(LimitOverrunError.class, seen.get(5, SECONDS));
        assertTrue(e.consumed() > 8, "consumed " + e.consumed());
    }

    @Test
    void aRefusedConnectionIsAConnectExceptionAsItself() {
        int port = Asyncio.run(() -> Net.startServer((r, w) -> CompletableFuture.completedFuture(null), "127.0.0.1", 0)
            .thenCompose(server -> { server.close(); return server.waitClosed().thenApply(v -> server.port()); }));
        assertThrows(ConnectException.class, () -> Asyncio.run(() -> Net.openConnection("127.0.0.1", port)));
    }

    @Test
    void outsideALoopThereIsNoRunningLoop() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Net.openConnection("127.0.0.1", 1));
        assertTrue(e.getMessage().contains("no running event loop"), e.getMessage());
    }
}

package dev.aio4j.net;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.aio4j.Future;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;

/**
 * The Java surface of dev.aio4j.net, compile-only (like {@code ApiSurfaceJavaTest}): every public
 * method is referenced with explicit Java types. The body never runs.
 */
class NetApiSurfaceJavaTest {

    @Test
    void everyNetFacadeMethodIsCallableFromJavaWithJavaTypesOnly() {
        Runnable neverRun = NetApiSurfaceJavaTest::surface;
        assertNotNull(neverRun);
    }

    @SuppressWarnings("unused")
    private static void surface() {
        BiFunction<StreamReader, StreamWriter, CompletionStage<Void>> handler =
            (r, w) -> CompletableFuture.completedFuture(null);
        int defaultLimit = Net.DEFAULT_LIMIT_BYTES;
        Future<Server> server = Net.startServer(handler, "127.0.0.1", 0);
        Future<Server> limited = Net.startServer(handler, "127.0.0.1", 0, 1024);
        Future<Connection> conn = Net.openConnection("127.0.0.1", 80);
        Future<Connection> limitedConn = Net.openConnection("127.0.0.1", 80, 1024);

        Connection c = conn.join();
        StreamReader reader = c.reader();
        StreamWriter writer = c.writer();
        Future<byte[]> line = reader.readLine();
        Future<byte[]> until = reader.readUntil(new byte[] {';'});
        Future<byte[]> exactly = reader.readExactly(4);
        Future<byte[]> some = reader.read(10);
        Future<byte[]> all = reader.read();
        boolean eof = reader.atEof();
        int limit = reader.limit();
        dev.aio4j.net.coroutines.StreamReader coreReader = reader.coroutines();

        writer.write(new byte[] {1});
        writer.write("text");
        Future<Void> drained = writer.drain();
        writer.writeEof();
        writer.close();
        boolean closing = writer.isClosing();
        Future<Void> closed = writer.waitClosed();
        String peer = writer.peerName();
        dev.aio4j.net.coroutines.StreamWriter coreWriter = writer.coroutines();

        Server s = server.join();
        int port = s.port();
        String host = s.host();
        boolean serving = s.isServing();
        s.close();
        Future<Void> waited = s.waitClosed();
        Future<Void> forever = s.serveForever();
        dev.aio4j.net.coroutines.StreamServer coreServer = s.coroutines();

        IncompleteReadError incomplete = new IncompleteReadError(new byte[0], 3);
        byte[] partial = incomplete.partial();
        Integer expected = incomplete.expected();
        LimitOverrunError overrun = new LimitOverrunError("too long", 10);
        int consumed = overrun.consumed();
    }
}

package dev.aio4j.demo;

import dev.aio4j.server.DemoServer;
import java.net.URI;
import java.net.URISyntaxException;

/**
 * Where the tour's HTTP examples send their requests: the server given with {@code --server URL}, or
 * else the {@code server} module's {@link DemoServer}, started in this JVM on 127.0.0.1 and an
 * ephemeral port the first time an example asks for a URL — so the tour needs no outside network,
 * and a tour without HTTP examples starts no server at all.
 *
 * <p>One per {@code aio4j-demo run}; {@link #close()} stops the in-process server if it was started
 * (a remote server is left alone). Thread-safe: an example may ask from any thread.
 *
 * <pre>{@code
 * try (TourServer server = TourServer.inProcess()) {
 *     String health = server.url("/health");   // starts the server: http://127.0.0.1:<port>/health
 * }
 * }</pre>
 */
public final class TourServer implements AutoCloseable {
    private final String remote;
    private DemoServer local;   // Guarded by this.
    private boolean closed;     // Guarded by this.

    private TourServer(String remote) {
        this.remote = remote;
    }

    /** The server at {@code baseUrl} (an absolute http or https URL); never starts one. */
    public static TourServer remote(String baseUrl) {
        return new TourServer(checkedBaseUrl(baseUrl));
    }

    /** The {@code server} module in this JVM, started on first use. */
    public static TourServer inProcess() {
        return new TourServer(null);
    }

    /**
     * {@code baseUrl} without trailing slashes, or {@code IllegalArgumentException} saying what is wrong
     * with it: it must be an absolute http(s) URL with a host, and no query or fragment.
     */
    static String checkedBaseUrl(String baseUrl) {
        URI uri;
        try {
            uri = new URI(baseUrl.strip());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a URL: '" + baseUrl + "' (" + e.getReason() + ")");
        }
        String scheme = uri.getScheme();
        if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https")) || uri.getHost() == null) {
            throw new IllegalArgumentException("expected an http:// or https:// URL with a host, like http://127.0.0.1:8080, got '" + baseUrl + "'");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException("the server URL takes no query or fragment: '" + baseUrl + "'");
        }
        String url = uri.toString();
        while (url.endsWith("/")) {
            url = url.substring(0, url.length() - 1);
        }
        return url;
    }

    /** The base URL without a trailing slash; starts the in-process server if it is not running yet. */
    public synchronized String url() {
        if (remote != null) {
            return remote;
        }
        if (closed) {
            throw new IllegalStateException("the tour's server is closed");
        }
        if (local == null) {
            local = startOnOwnThread();
        }
        return local.url();
    }

    /**
     * Starts the in-process server from a thread of its own: when the first URL is asked for on an
     * event loop's thread (inside {@code run(...)}), the server's own aio4j loop must not be created
     * there — it would take that thread's running loop for its own and fail to close later.
     */
    private static DemoServer startOnOwnThread() {
        DemoServer[] started = new DemoServer[1];
        RuntimeException[] failed = new RuntimeException[1];
        Thread starter = new Thread(() -> {
            try {
                started[0] = DemoServer.start("127.0.0.1", 0);
            } catch (RuntimeException e) {
                failed[0] = e;
            }
        }, "tour-server-start");
        starter.start();
        try {
            starter.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting the tour's server", e);
        }
        if (failed[0] != null) {
            throw failed[0];
        }
        return started[0];
    }

    /** {@link #url()} plus {@code path}, which must start with '/': {@code server.url("/delay/1")}. */
    public String url(String path) {
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("path must start with '/': '" + path + "'");
        }
        return url() + path;
    }

    /** The TCP chat's port given to a remote server: aio4j-server's default ({@code --chat-port 8888}). */
    public static final int DEFAULT_REMOTE_CHAT_PORT = 8888;

    /** The server's host name or address, as in {@link #url()}: {@code 127.0.0.1} for the in-process one. */
    public String host() {
        String host = URI.create(url()).getHost();
        return host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    }

    /**
     * The port of the server's TCP chat (line-based, see server/README.md): the in-process server's
     * (started if need be), or {@link #DEFAULT_REMOTE_CHAT_PORT} for {@code --server URL}.
     */
    public synchronized int chatPort() {
        if (remote != null) {
            return DEFAULT_REMOTE_CHAT_PORT;
        }
        url();
        return local.chatPort();
    }

    /** Whether the in-process server runs (always false for a remote server). */
    public synchronized boolean started() {
        return local != null;
    }

    /** True for {@code --server URL}. */
    public boolean isRemote() {
        return remote != null;
    }

    /** Stops the in-process server if it was started; idempotent. */
    @Override
    public synchronized void close() {
        closed = true;
        if (local != null) {
            DemoServer server = local;
            local = null;
            server.close();
        }
    }

    @Override
    public String toString() {
        return remote != null ? "TourServer(remote " + remote + ")" : "TourServer(in-process" + (started() ? " " + url() : ", not started") + ")";
    }
}

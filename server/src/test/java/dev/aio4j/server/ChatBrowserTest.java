package dev.aio4j.server;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The chat page and the task-monitor page in headless Chromium (Debian's {@code /usr/bin/chromium},
 * driven by Playwright without downloading a browser), against the real server on 127.0.0.1.
 *
 * <p>Without Chromium these tests FAIL, so a CI machine missing it is noticed. To skip them on
 * purpose set {@code AIO4J_SKIP_BROWSER_TESTS=1}; {@code AIO4J_CHROMIUM} overrides the browser path.
 */
@Timeout(120)
class ChatBrowserTest {
    private static final List<String> FLAGS = List.of(
        "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run");

    private static Playwright playwright;
    private static Browser browser;

    @BeforeAll
    static void launchChromium() {
        Path chromium = Path.of(System.getenv().getOrDefault("AIO4J_CHROMIUM", "/usr/bin/chromium"));
        if (!Files.isExecutable(chromium)) {
            String hint = "Chromium not found at " + chromium + ": install it (apt-get install -y chromium), "
                + "point AIO4J_CHROMIUM at it, or set AIO4J_SKIP_BROWSER_TESTS=1 to skip the browser tests";
            if ("1".equals(System.getenv("AIO4J_SKIP_BROWSER_TESTS"))) Assumptions.abort(hint);
            fail(hint);
        }
        playwright = Playwright.create(new Playwright.CreateOptions()
            .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
            .setExecutablePath(chromium).setHeadless(true).setArgs(FLAGS));
    }

    @AfterAll
    static void closeChromium() {
        if (browser != null) browser.close();
        if (playwright != null) playwright.close();
    }

    private static Page openChat(BrowserContext context, DemoServer server) {
        Page page = context.newPage();
        page.setDefaultTimeout(15_000);
        page.navigate(server.url("/chat/"));
        page.locator("#log li").filter(new Locator.FilterOptions().setHasText("* welcome web-")).waitFor();
        return page;
    }

    /** The page's own name, from its welcome line {@code * welcome web-N; k online}. */
    private static String nameOf(Page page) {
        String welcome = page.locator("#log li").first().textContent();
        return welcome.substring("* welcome ".length(), welcome.indexOf(';'));
    }

    private static Locator line(Page page, String text) {
        return page.locator("#log li").filter(new Locator.FilterOptions().setHasText(text));
    }

    @Test
    void twoPagesChatAndAScriptTypedIntoTheChatIsShownAsText() {
        try (DemoServer server = DemoServer.start(new ServerConfig("127.0.0.1", 0));
             BrowserContext one = browser.newContext();
             BrowserContext two = browser.newContext()) {
            Page alice = openChat(one, server);
            Page bob = openChat(two, server);
            String bobName = nameOf(bob);
            line(alice, "* " + bobName + " joined").waitFor();
            String aliceName = nameOf(alice);

            alice.fill("#message", "hello from alice");
            alice.press("#message", "Enter");
            line(bob, aliceName + ": hello from alice").waitFor();

            String markup = "<script>window.pwned = 1</script><b>bold</b><img src=x onerror=\"window.pwned = 2\">";
            bob.fill("#message", markup);
            bob.press("#message", "Enter");
            Locator shown = line(alice, "window.pwned = 1");
            shown.waitFor();
            assertEquals(bobName + ": " + markup, shown.textContent());
            assertEquals(0, alice.locator("#log b, #log img, #log script").count(), "markup must stay text");
            assertNull(alice.evaluate("() => window.pwned"), "the typed script must not run");
            assertEquals(bobName + ": " + markup, line(alice, "bold").textContent());
        }
    }

    @Test
    void theTaskMonitorPageListsTheChatServerAndItsConnections() throws Exception {
        try (DemoServer server = DemoServer.start(new ServerConfig("127.0.0.1", 0));
             Socket client = new Socket("127.0.0.1", server.chatPort());
             BrowserContext context = browser.newContext()) {
            client.setSoTimeout(5_000);
            BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(), UTF_8));
            assertTrue(in.readLine().startsWith("* welcome "));
            Page page = context.newPage();
            page.setDefaultTimeout(15_000);
            page.navigate(server.url("/debug/"));
            String serverTask = "server 127.0.0.1:" + server.chatPort();
            String connTask = "conn 127.0.0.1:" + client.getLocalPort();
            Locator root = page.locator("li.task").filter(new Locator.FilterOptions().setHasText(serverTask));
            root.waitFor();
            root.locator("li.task .name").filter(new Locator.FilterOptions().setHasText(connTask)).waitFor();
            assertTrue(page.locator("#status").textContent().contains("live task"));
        }
    }
}

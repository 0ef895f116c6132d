package dev.aio4j.demo.examples;

import static dev.aio4j.Asyncio.*;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aio4j.demo.ExampleBase;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;

/**
 * The seeds' web scraper ({@link AsyncWebScraper}) over the tour server's small site ({@code /site/}):
 * the index, pages 1 to 30, a page that does not exist and one that answers after twice the timeout,
 * 5 at a time with a 2-second timeout per page (real seconds, not scaled by {@code --speed}); one JSON line per page, in input order, then the seed's
 * "Scraped N websites".
 *
 * <pre>
 * scraper = AsyncWebScraper(max_concurrent=20)
 * results = await scraper.scrape_multiple(urls)
 * print(f"Scraped {len(results)} websites")
 * </pre>
 *
 * <p>Never the internet: the seeds' python.org / pypi.org are replaced by {@code /site/...}. URLs
 * print as paths (the server's port changes from run to run). On a terminal a progress bar
 * (me.tongfei:progressbar) runs on stderr while the pages come in; it is off when stdout is not a
 * terminal, so tests and pipes see only the JSON lines. One request per route first warms client and
 * server up (unrecorded). {@code -Dscraper.out=FILE} also writes the
 * JSON lines to FILE.
 */
public final class Scraper extends ExampleBase {
    private static final int PAGES = 30;

    public Scraper() {
        super("scraper", "000 \"Web Scraping asíncrono\" + 001 \"Web Scraping con Limitación de Tasa\" (AsyncWebScraper: Semaphore, jsoup, JSON lines)");
    }

    @Override
    protected void main() throws Exception {
        List<String> urls = new ArrayList<>();
        urls.add(serverUrl("/site/"));
        for (int n = 1; n <= PAGES; n++) {
            urls.add(serverUrl("/site/page/" + n));
        }
        urls.add(serverUrl("/site/missing"));
        // The timeout is the tutorial's 2 s at any speed: a busy machine must not time out the ordinary
        // pages (under a load of 20 on two cores some took over 1 s). The slow page takes twice that.
        Duration timeout = Duration.ofSeconds(2);
        urls.add(serverUrl("/site/slow?delayMs=" + 2 * HttpPaths.millis(timeout)));
        String base = server().url();
        List<String> warmUp = List.of(serverUrl("/site/"), serverUrl("/site/page/1"), serverUrl("/site/missing"), serverUrl("/site/slow?delayMs=0"));
        AsyncWebScraper scraper = new AsyncWebScraper(5, timeout,
                url -> url.replace(base, "").replaceAll("delayMs=\\d+", "delayMs=4000"));

        // Only on a terminal (System.console() is null when stdin or stdout is redirected).
        ProgressBar bar = System.console() == null ? null : new ProgressBarBuilder()
                .setTaskName("Scraping").setInitialMax(urls.size())
                .setConsumer(new ConsoleProgressBarConsumer(System.err)).build();
        List<ObjectNode> results;
        try {
            results = run(() -> scraper.scrapeAll(urls, warmUp, result -> {
                if (bar != null) {
                    bar.step();
                }
            }));
        } finally {
            if (bar != null) {
                bar.close();
            }
        }
        Writer stdout = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        AsyncWebScraper.writeJsonLines(results, stdout);
        String file = System.getProperty("scraper.out");
        if (file != null) {
            try (Writer writer = Files.newBufferedWriter(Path.of(file), StandardCharsets.UTF_8)) {
                AsyncWebScraper.writeJsonLines(results, writer);
            }
        }
        long errors = results.stream().filter(r -> r.has("error")).count();
        out.println("Scraped " + results.size() + " websites (" + errors + " with errors)");
    }
}

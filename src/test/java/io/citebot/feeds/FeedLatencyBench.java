package io.citebot.feeds;

import io.citebot.Citebot;
import io.citebot.TestFiles;
import io.citebot.chat.SearchOptions;
import io.citebot.config.FeedSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Not part of the suite (no "Test" suffix): the time from a new item in a feed to its answerability, the polling
 * interval aside: one poll that finds one new item (feed fetch, page fetch, extraction, embedding, commit), then a
 * question answered from it. 30 items, one after another, on the local news site; seeds index.
 * Run with {@code ./mvnw test -Dtest=FeedLatencyBench -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class FeedLatencyBench {

    @Test
    void new_item_to_answerable() throws Exception {
        Path tmp = Files.createTempDirectory("feed-bench");
        try (Citebot bot = TestFiles.seedsBot(tmp.resolve("data")); FakeNewsSite site = new FakeNewsSite()) {
            FeedFollower f = new FeedFollower(new FeedSettings(List.of(site.url("/rss.xml")), Duration.ofMinutes(15), Duration.ofSeconds(10)),
                    bot.articles(), tmp.resolve("data/feeds.json"));
            List<Double> millis = new ArrayList<>();
            for (int i = 0; i < 35; i++) {
                String town = "Harborville" + (char) ('A' + i % 26) + i;
                site.addRss(new FakeNewsSite.Story("story-" + i, "bench-" + i, "Storm closes the port of " + town,
                        "Fri, 20 Nov 2026 08:00:00 GMT", "A winter storm closed the port of " + town + " on Friday, stranding "
                        + (100 + i) + " fishing boats in the outer basin.\n\nThe coast guard said winds reached 30 metres a second "
                        + "and warned that the closure could last until Sunday evening.", "Storm closes a port."));
                long t0 = System.nanoTime();
                f.pollAll();
                var answer = bot.chat().answer("How many fishing boats were stranded in " + town + "?", SearchOptions.DEFAULT);
                long t1 = System.nanoTime();
                if (answer.refused() || !answer.text().contains(String.valueOf(100 + i))) {
                    throw new AssertionError("not answerable: " + answer.text());
                }
                if (i >= 5) {
                    millis.add((t1 - t0) / 1e6);
                }
            }
            Collections.sort(millis);
            System.out.printf("Feed item → answerable (one poll + one answer): p50 %.0f ms, p90 %.0f ms, max %.0f ms (n=%d)%n",
                    millis.get(millis.size() / 2), millis.get((int) (millis.size() * 0.9)), millis.getLast(), millis.size());
        }
    }
}

package io.citebot.feeds;

import io.citebot.App;
import io.citebot.Citebot;
import io.citebot.Servers;
import io.citebot.TestFiles;
import io.citebot.chat.SearchOptions;
import io.citebot.config.FeedSettings;
import io.citebot.index.StoredArticle;
import io.citebot.net.Addresses;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import static org.assertj.core.api.Assertions.assertThat;

/** Following RSS and Atom feeds of a news site on loopback, into a real index over the seeds. */
class FeedFollowerTest {

    static final FakeNewsSite.Story FERRY = new FakeNewsSite.Story("ferry-strike", "hd-1001", "Ferry workers strike over night shifts",
            "Fri, 20 Nov 2026 08:00:00 GMT",
            "Ferry workers at the North Quay walked out on Thursday over new night-shift rotas, halting crossings to the islands for twelve hours.\n\n"
                    + "The union said the harbor authority had ignored repeated safety warnings about fatigue among crews on the late crossings. "
                    + "Harbor master Ines Olsen said talks with the union would resume on Monday.\n\n"
                    + "About 4,000 passengers were affected, according to the operator Nordline, which offered refunds.",
            "Ferry crossings halted for twelve hours.");
    static final FakeNewsSite.Story SEAWALL = new FakeNewsSite.Story("seawall", "hd-1002", "Council approves seawall budget",
            "Thu, 19 Nov 2026 17:30:00 GMT", null,
            "The council approved a new seawall budget of 12 million crowns on Wednesday, the largest in a decade, after two winters of flooding on Quay Street.");
    static final FakeNewsSite.Story LIGHTHOUSE = new FakeNewsSite.Story("lighthouse", "urn:cw:77", "Old lighthouse reopens as museum",
            "2026-11-19T09:00:00Z",
            "The old lighthouse on Gull Point reopened on Saturday as a maritime museum after a three-year restoration paid for by local donors.\n\n"
                    + "Curator Tomas Berg said the lamp room would be open to visitors every weekend, weather permitting, and that school groups could book tours.",
            "A museum opens in the lighthouse.");

    @TempDir
    Path tmp;

    Citebot bot;
    FakeNewsSite site;

    @BeforeEach
    void start() throws Exception {
        bot = TestFiles.seedsBot(tmp.resolve("data"));
        site = new FakeNewsSite();
        site.addRss(SEAWALL);
        site.addRss(FERRY);
        site.addAtom(LIGHTHOUSE);
    }

    @AfterEach
    void stop() throws Exception {
        site.close();
        bot.close();
    }

    FeedFollower follower(Duration interval, String... feeds) {
        return new FeedFollower(new FeedSettings(List.of(feeds), interval, Duration.ofSeconds(1)), bot.articles(), tmp.resolve("data/feeds.json"));
    }

    Optional<StoredArticle> titled(String title) {
        return indexed().values().stream().filter(a -> a.title().equals(title)).findFirst();
    }

    Map<String, StoredArticle> indexed() {
        try {
            return bot.index().articles();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void should_index_items_from_their_pages_with_metadata_and_without_site_chrome() {
        // when
        follower(Duration.ofMinutes(15), site.url("/rss.xml"), site.url("/atom.xml")).pollAll();

        // then: the page's metadata (canonical URL, site name, date) and only the article's text
        StoredArticle ferry = titled(FERRY.title()).orElseThrow();
        assertThat(ferry.url()).isEqualTo("https://harbordaily.example/news/ferry-strike");
        assertThat(ferry.source()).isEqualTo("Harbor Daily");
        assertThat(ferry.date()).isEqualTo(LocalDate.of(2026, 11, 20));
        assertThat(ferry.id()).startsWith("feed-");
        String text = String.join("\n", bot.chat().catalog().article(ferry.id()).orElseThrow().passages().stream().map(h -> h.passage().text()).toList());
        assertThat(text).contains("night-shift rotas", "Ines Olsen", "4,000 passengers")
                .doesNotContain("Most read", "Gull steals", "newsletter", "All rights reserved", "Subscribe", "By Mara Lind");
        assertThat(titled(LIGHTHOUSE.title())).isPresent();

        // a page that cannot be fetched falls back to the feed's own text and metadata
        StoredArticle seawall = titled(SEAWALL.title()).orElseThrow();
        assertThat(seawall.url()).isEqualTo(site.url("/news/seawall.html"));
        assertThat(seawall.source()).isEqualTo("Harbor Daily");
        assertThat(seawall.date()).isEqualTo(LocalDate.of(2026, 11, 19));

        // answerable, citing the article's URL
        var answer = bot.chat().answer("Why did ferry workers strike?", SearchOptions.DEFAULT);
        assertThat(answer.refused()).isFalse();
        assertThat(answer.citations().getFirst().url()).isEqualTo("https://harbordaily.example/news/ferry-strike");
    }

    @Test
    void should_poll_conditionally_pick_up_new_items_and_keep_those_that_left() {
        FeedFollower f = follower(Duration.ofMinutes(15), site.url("/rss.xml"));
        f.pollAll();
        long pages = site.count("/news/");

        // unchanged: a 304, no page fetched again
        f.pollAll();
        assertThat(site.ifNoneMatch).isNotEmpty();
        assertThat(f.statuses().getFirst().status()).isEqualTo("not modified");
        assertThat(site.count("/news/")).isEqualTo(pages);

        // a new item appears, an old one leaves the feed
        site.addRss(LIGHTHOUSE);
        site.removeRss(FERRY.slug());
        f.pollAll();
        assertThat(titled(LIGHTHOUSE.title())).isPresent();
        assertThat(titled(FERRY.title())).as("an item that left the feed stays in the archive").isPresent();
        assertThat(site.count("/news/")).isEqualTo(pages + 1);
        assertThat(f.statuses().getFirst().articles()).isEqualTo(3);
    }

    @Test
    void should_list_feeds_on_the_command_line_and_in_health() throws Exception {
        follower(Duration.ofMinutes(15), site.url("/rss.xml"), site.url("/broken.xml")).pollAll();
        var env = Map.of("CITEBOT_DATA_DIR", tmp.resolve("data").toString(), "CITEBOT_FEEDS",
                site.url("/rss.xml") + "," + site.url("/broken.xml"), "CITEBOT_CONFIG", TestFiles.FIXTURES.resolve("empty.properties").toString());
        var out = new StringWriter();
        int code = App.run(new String[] {"feeds"}, env, new PrintWriter(out, true), new PrintWriter(new StringWriter(), true));
        assertThat(code).isZero();
        assertThat(out.toString()).contains(site.url("/rss.xml"), "ok: 2 new or changed", "2 articles", "failing (HTTP 500)");
        // --poll needs the index, which this test's bot holds: a clear message, exit 2
        var err = new StringWriter();
        int polled = App.run(new String[] {"feeds", "--poll"}, env, new PrintWriter(new StringWriter(), true),
                new PrintWriter(err, true));
        assertThat(polled).isEqualTo(2);
        assertThat(err.toString()).contains("serve holds the index");

        FeedFollower f = follower(Duration.ofMinutes(15), site.url("/rss.xml"));
        var web = Servers.of(bot.chat(), bot.articles()).loopbackOnly(true).feeds(f::statuses).build();
        web.javalin().start("127.0.0.1", 0);
        try {
            var health = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + web.javalin().port() + "/health")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            assertThat(health).contains("\"feeds\":[{\"url\":\"" + site.url("/rss.xml") + "\"", "\"articles\":2");
        } finally {
            web.javalin().stop();
        }
    }

    @Test
    void should_not_fetch_private_addresses_a_feed_points_to_and_use_the_feed_text_instead() {
        // items whose links lead to the private network: another local name, an intranet address, a redirect there
        site.addRss(new FakeNewsSite.Story(site.url("/news/ferry-strike.html").replace("127.0.0.1", "localhost"), "priv-1",
                "Local name", "Fri, 20 Nov 2026 08:00:00 GMT", null, "The harbor board met on Friday about the winter timetable."));
        site.addRss(new FakeNewsSite.Story("http://10.255.255.1/intranet/payroll.html", "priv-2", "Intranet",
                "Fri, 20 Nov 2026 08:00:00 GMT", null, "The ferry company posted new winter fares for island residents."));
        site.addRss(new FakeNewsSite.Story(site.url("/moved"), "priv-3", "Redirected", "Fri, 20 Nov 2026 08:00:00 GMT", null,
                "Dock workers repaired the north pier after the storm."));
        long pages = site.count("/news/");
        follower(Duration.ofMinutes(15), site.url("/rss.xml")).pollAll();

        // the feed's own host is trusted (FERRY and SEAWALL pages were fetched); the others were not followed
        assertThat(site.count("/news/")).isEqualTo(pages + 2);
        assertThat(site.count("/moved")).isEqualTo(1);
        for (String title : List.of("Local name", "Intranet", "Redirected")) {
            StoredArticle a = titled(title).orElseThrow();
            assertThat(bot.chat().catalog().article(a.id()).orElseThrow().passages().getFirst().passage().text()).doesNotContain("Ines Olsen");
        }
        assertThat(Addresses.isPublic(InetAddress.getLoopbackAddress())).isFalse();
    }

    @Test
    void should_tell_public_from_private_addresses() throws Exception {
        for (String ip : List.of("127.0.0.1", "10.1.2.3", "172.16.0.1", "192.168.1.1", "169.254.169.254", "100.64.0.1", "0.0.0.0",
                "::1", "fd00::1", "fe80::1")) {
            assertThat(Addresses.isPublic(InetAddress.getByName(ip))).as(ip).isFalse();
        }
        for (String ip : List.of("93.184.216.34", "8.8.8.8", "2606:4700::1111")) {
            assertThat(Addresses.isPublic(InetAddress.getByName(ip))).as(ip).isTrue();
        }
        assertThat(Addresses.mayFetch(URI.create("file:///etc/passwd"), null)).isFalse();
        assertThat(Addresses.mayFetch(URI.create("http://127.0.0.1:9/x"), "127.0.0.1")).isTrue();
    }

    @Test
    void should_poll_once_from_the_command_line_when_no_server_runs() throws Exception {
        bot.close();
        var env = Map.of("CITEBOT_DATA_DIR", tmp.resolve("data").toString(), "CITEBOT_SEEDS_DIR", TestFiles.SEEDS.toString(),
                "CITEBOT_FEEDS", site.url("/rss.xml"), "CITEBOT_CONFIG", TestFiles.FIXTURES.resolve("empty.properties").toString());
        var out = new StringWriter();
        int code = App.run(new String[] {"feeds", "--poll"}, env, new PrintWriter(out, true),
                new PrintWriter(new StringWriter(), true));
        assertThat(code).isZero();
        assertThat(out.toString()).contains("ok: 2 new or changed", "2 articles");
        bot = TestFiles.seedsBot(tmp.resolve("data"));
        assertThat(titled(FERRY.title())).isPresent();
    }

    @Test
    void should_survive_failing_feeds_and_report_them() {
        FeedFollower f = follower(Duration.ofMinutes(15), site.url("/broken.xml"), site.url("/garbage.xml"), site.url("/slow.xml"),
                site.url("/rss.xml"));
        f.pollAll();
        var statuses = f.statuses();
        assertThat(statuses.get(0).status()).isEqualTo("failing");
        assertThat(statuses.get(0).error()).contains("HTTP 500");
        assertThat(statuses.get(1).error()).contains("not a readable RSS or Atom feed");
        assertThat(statuses.get(2).error()).contains("timed out");
        assertThat(statuses.get(3).status()).startsWith("ok");
        assertThat(titled(FERRY.title())).isPresent();
        assertThat(f.backoff(1)).isEqualTo(Duration.ofMinutes(30));
        assertThat(f.backoff(5)).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void should_not_duplicate_or_refetch_after_a_restart() {
        follower(Duration.ofMinutes(15), site.url("/rss.xml"), site.url("/atom.xml")).pollAll();
        int articles = indexed().size();
        long pages = site.count("/news/");

        // a new follower (a restarted server) with the same state file
        FeedFollower again = follower(Duration.ofMinutes(15), site.url("/rss.xml"), site.url("/atom.xml"));
        again.pollAll();
        assertThat(indexed()).hasSize(articles);
        assertThat(site.count("/news/")).isEqualTo(pages);
        assertThat(again.statuses()).extracting(FeedFollower.FeedStatus::articles).containsExactly(2, 1);
    }

    @Test
    void should_pick_up_a_new_item_on_its_own_at_the_next_poll() throws Exception {
        try (FeedFollower f = follower(Duration.ofMillis(300), site.url("/rss.xml"))) {
            f.start();
            long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (titled(FERRY.title()).isEmpty() && System.nanoTime() < end) {
                Thread.sleep(50);
            }
            assertThat(titled(FERRY.title())).isPresent();
            site.addRss(LIGHTHOUSE);
            while (titled(LIGHTHOUSE.title()).isEmpty() && System.nanoTime() < end) {
                Thread.sleep(50);
            }
            assertThat(titled(LIGHTHOUSE.title())).isPresent();
        }
    }
}

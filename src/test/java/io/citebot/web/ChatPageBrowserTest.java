package io.citebot.web;

import io.citebot.Citebot;
import io.citebot.Servers;
import io.citebot.TestFiles;
import io.citebot.chat.ArticleService;
import io.citebot.chat.FeedbackStore;
import io.citebot.chat.SearchOptions;
import io.citebot.config.ApiSettings;
import io.javalin.Javalin;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The chat page in a real browser: Debian's Chromium, headless, loads {@code /?q=...} from a server on loopback
 * (listening as {@code serve} does, with its Host and Origin checks and its Content-Security-Policy), runs
 * app.js, and the rendered page is read back. CI installs Chromium; elsewhere the test is skipped without it.
 */
class ChatPageBrowserTest {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    @TempDir
    static Path tmp;

    static Citebot bot;
    static Javalin app;

    /** Without Chromium each test is reported skipped, one by one (an assumption in @BeforeAll counted none at all). */
    @BeforeEach
    void needsChromium() {
        assumeTrue(Files.isExecutable(CHROMIUM) || System.getenv("CI") != null, "Debian's chromium is not installed");
    }

    @BeforeAll
    static void start() throws Exception {
        bot = TestFiles.seedsBot(tmp.resolve("data"));
        app = Servers.of(bot.chat()).loopbackOnly(true).build().javalin().start("127.0.0.1", 0);
    }

    @AfterAll
    static void stop() throws Exception {
        if (app != null) {
            app.stop();
        }
        if (bot != null) {
            bot.close();
        }
    }

    /** The page after Chromium has asked {@code question} on load and rendered the answer. */
    private static Document ask(String question) throws Exception {
        return ask(question, "");
    }

    /** As {@link #ask(String)}, the page opened with a fragment ("#c=ID"); waits for the new answer. */
    private static Document ask(String question, String fragment) throws Exception {
        String url = "http://127.0.0.1:" + app.port() + "/?q=" + URLEncoder.encode(question, StandardCharsets.UTF_8) + fragment;
        try (var browser = new HeadlessChromium(CHROMIUM, Files.createTempDirectory(tmp, "chromium"), url)) {
            String html = browser.waitFor("document.querySelector('#log .msg.bot:not(.pending):not(.earlier)') ? document.documentElement.outerHTML : ''",
                    Duration.ofSeconds(60));
            return Jsoup.parse(html);
        }
    }

    @Test
    void should_show_a_cited_answer_whose_markers_open_their_passages() throws Exception {
        // when
        Document page = ask("What did Dmitry Peskov say about negotiations?");

        // then
        Element answer = page.selectFirst("#log .msg.bot");
        assertThat(answer).as(page.select("#log").outerHtml()).isNotNull();
        assertThat(answer.className()).doesNotContain("refused", "error", "pending");
        assertThat(answer.selectFirst("p").text()).contains("Peskov").contains("[1]");
        assertThat(answer.select("p button.cite")).extracting(Element::text).contains("[1]");
        assertThat(answer.select("ol li button.cite")).extracting(Element::text).isNotEmpty()
                .allMatch(t -> t.contains("Putin") || t.contains("Diplomatic"));
    }

    @Test
    void should_lead_with_the_short_answer_in_bold() throws Exception {
        Element answer = ask("Who is the spokesman of the Kremlin?").selectFirst("#log .msg.bot");
        assertThat(answer.selectFirst("p.short strong").text()).isEqualTo("Dmitry Peskov");
        assertThat(answer.select("p.short button.cite")).extracting(Element::text).containsExactly("[1]");
        assertThat(answer.select("p").get(1).text()).contains("Dmitry Peskov").contains("[1]");
    }

    @Test
    void should_draw_a_timeline_oldest_first_with_dates_and_markers_that_open_their_passages() throws Exception {
        // given a story reported on three dates
        bot.articles().put(List.of(
                new ArticleService.Submitted("canal-2", "Canal bridge contract awarded", "The city awarded the canal bridge"
                        + " contract to Nordsund Marine on Thursday after a tender that drew five bids for the canal bridge.",
                        "2023-04-10", "City Wire", null),
                new ArticleService.Submitted("canal-1", "City approves canal bridge", "The city council approved a 12 million"
                        + " dollar plan on Tuesday to build a new canal bridge for cyclists and walkers near the old mill.",
                        "2023-03-04", "City Wire", null),
                new ArticleService.Submitted("canal-3", "Canal bridge opens", "The new canal bridge opened to cyclists and walkers"
                        + " on Saturday, a week ahead of schedule, the city council said of the bridge.", "2023-09-13", "City Wire", null)));

        try {
            // when
            Element answer = ask("How did the canal bridge project unfold?").selectFirst("#log .msg.bot");

            // then
            assertThat(answer.select("ol.timeline li time")).extracting(e -> e.attr("datetime"))
                    .containsExactly("2023-03-04", "2023-04-10", "2023-09-13");
            assertThat(answer.select("ol.timeline li").first().text()).contains("approved").contains("[");
            assertThat(answer.select("ol.timeline button.cite")).hasSize(3);
        } finally {
            // the other tests' pages are about the seeds alone
            List.of("canal-1", "canal-2", "canal-3").forEach(bot.articles()::delete);
        }
    }

    @Test
    void should_continue_a_conversation_from_a_link_and_take_a_vote() throws Exception {
        // given: a conversation started elsewhere (a Slack thread, another tab)
        var first = bot.chat().ask("What did Putin offer?", null, SearchOptions.DEFAULT);
        String id = first.conversationId();

        // when: the link opens the page, which asks a follow-up in that conversation
        Document page = ask("How did Iran respond to his offer?", "#c=" + id);

        // then: the earlier turn is shown and the follow-up was read in its context
        assertThat(page.select("#log .msg.user")).extracting(Element::text)
                .containsExactly("What did Putin offer?", "How did Iran respond to his offer?");
        assertThat(page.selectFirst("#log .msg.earlier").text()).isEqualTo(first.answer().text());
        Element answer = page.selectFirst("#log .msg.bot:not(.earlier)");
        assertThat(answer.text()).contains("Searched for: How did Iran respond to his offer? (Putin)");
        assertThat(answer.select(".feedback button.vote")).extracting(e -> e.attr("data-rating")).containsExactly("up", "down");
        assertThat(bot.chat().history(id)).hasSize(2);
    }

    @Test
    void should_take_a_vote_with_a_comment_under_an_answer() throws Exception {
        String url = "http://127.0.0.1:" + app.port() + "/?q=" + URLEncoder.encode("What did Putin offer?", StandardCharsets.UTF_8);
        try (var browser = new HeadlessChromium(CHROMIUM, Files.createTempDirectory(tmp, "chromium"), url)) {
            browser.waitFor("document.querySelector('#log .msg.bot .feedback button.vote') ? 'yes' : ''", Duration.ofSeconds(60));
            // when: 👎, a comment, send
            browser.evaluate("document.querySelector('#log .msg.bot .feedback button[data-rating=down]').click(); 'ok'");
            browser.waitFor("document.querySelector('#log .msg.bot form.comment input') ? 'yes' : ''", Duration.ofSeconds(10));
            browser.evaluate("document.querySelector('#log .msg.bot form.comment input').value = 'Needs the date of the offer';"
                    + " document.querySelector('#log .msg.bot form.comment button').click(); 'ok'");
            String row = browser.waitFor("(document.querySelector('#log .msg.bot .feedback') || {}).textContent || ''", Duration.ofSeconds(10));
            long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (!row.contains("Thanks") && System.nanoTime() < end) {
                Thread.sleep(100);
                row = browser.evaluate("document.querySelector('#log .msg.bot .feedback').textContent");
            }
            // then: thanked, and stored with the comment on that turn
            assertThat(row).contains("Thanks for the feedback.");
            assertThat(bot.chat().feedback(20)).anyMatch(f -> "Needs the date of the offer".equals(f.comment())
                    && f.rating() == FeedbackStore.Rating.DOWN && f.question().equals("What did Putin offer?"));
        }
    }

    @Test
    void should_send_the_key_it_keeps_when_the_server_needs_one() throws Exception {
        String key = "ck-browser-0123456789abcdef";
        var keyed = Servers.of(bot.chat()).loopbackOnly(true).api(new ApiSettings(Set.of(key), 0, List.of(), true)).build().javalin().start("127.0.0.1", 0);
        try (var browser = new HeadlessChromium(CHROMIUM, Files.createTempDirectory(tmp, "chromium"), "http://127.0.0.1:" + keyed.port() + "/")) {
            // the server's page, not the blank one Chromium starts with (its storage is another origin's: the key set
            // there was missing on the server's page, which then asked for one in a dialog that blocks the page)
            String origin = "http://127.0.0.1:" + keyed.port();
            browser.waitFor("location.origin === '" + origin + "' && document.readyState === 'complete' ? 'yes' : ''", Duration.ofSeconds(30));
            // the key as the page keeps it after asking once; then a question from a link
            assertThat(browser.evaluate("localStorage.setItem('citebot.apiKey', '" + key + "'); localStorage.getItem('citebot.apiKey')"))
                    .isEqualTo(key);
            // navigate, and make sure the new page is the one being watched (a busy machine may drop the first request)
            for (int attempt = 0; attempt < 3; attempt++) {
                browser.evaluate("location.href = '/?q=What%20did%20Putin%20offer%3F'; 'ok'");
                try {
                    browser.waitFor("location.search.includes('q=') && document.readyState === 'complete' ? 'yes' : ''", Duration.ofSeconds(10));
                    break;
                } catch (AssertionError notYet) {
                    if (attempt == 2) {
                        throw notYet;
                    }
                }
            }
            String html = browser.waitFor("document.querySelector('#log .msg.bot:not(.pending)') ? document.documentElement.outerHTML : ''",
                    Duration.ofSeconds(60));
            Element answer = Jsoup.parse(html).selectFirst("#log .msg.bot");
            assertThat(answer.className()).doesNotContain("error");
            assertThat(answer.text()).contains("[1]");
        } finally {
            keyed.stop();
        }
    }

    /** On a phone (390 px) and a desktop (1280 px): nothing wider than the screen, 44 px targets, the source in view. */
    @ParameterizedTest
    @ValueSource(ints = {390, 1280})
    void should_fit_the_screen_and_bring_the_cited_passage_into_view(int width) throws Exception {
        String url = "http://127.0.0.1:" + app.port() + "/?q=" + URLEncoder.encode("What did Putin offer?", StandardCharsets.UTF_8);
        try (var browser = new HeadlessChromium(CHROMIUM, Files.createTempDirectory(tmp, "chromium"), "about:blank", width, 844)) {
            browser.screen(width, 844, width < 500); // Chromium's window is at least 500 px wide: a phone is emulated
            browser.evaluate("location.href = '" + url + "'; 'ok'");
            browser.waitFor("document.querySelector('#log .msg.bot .feedback button.vote') ? 'yes' : ''", Duration.ofSeconds(60));
            assertThat(browser.evaluate("String(window.innerWidth)")).isEqualTo(String.valueOf(width));
            assertThat(browser.evaluate("String(document.documentElement.scrollWidth <= window.innerWidth)")).as("no sideways scrolling").isEqualTo("true");
            // votes say what they mean in words, and are big enough to tap
            browser.screenshot(Path.of("target/screenshots/chat-" + width + ".png"));
            assertThat(browser.evaluate("[...document.querySelectorAll('.feedback button.vote')].map(b => b.textContent.trim()"
                    + " + ':' + (b.getBoundingClientRect().height >= 44)).join('|')")).isEqualTo("👍 Helpful:true|👎 Not helpful:true");
            // a citation opens its passage, in view, with a close button of 44 px
            browser.evaluate("document.querySelector('#log .msg.bot button.cite').click(); 'ok'");
            browser.waitFor("(() => { const r = document.getElementById('source').getBoundingClientRect();"
                    + " return !document.getElementById('source').hidden && r.top >= 0 && r.top < window.innerHeight - 100 ? 'yes' : ''; })()",
                    Duration.ofSeconds(10));
            Thread.sleep(500); // the smooth scroll's end, for the picture
            browser.screenshot(Path.of("target/screenshots/chat-" + width + "-source.png"));
            assertThat(browser.evaluate("(() => { const r = document.getElementById('source-close').getBoundingClientRect();"
                    + " return String(r.width >= 44 && r.height >= 44); })()")).isEqualTo("true");
            assertThat(browser.evaluate("String(document.documentElement.scrollWidth <= window.innerWidth)")).isEqualTo("true");
        }
    }

    @Test
    void should_mark_a_refusal() throws Exception {
        Element answer = ask("Who won the 2018 World Cup?").selectFirst("#log .msg.bot");
        assertThat(answer).isNotNull();
        assertThat(answer.className()).contains("refused");
        assertThat(answer.text()).contains("do not cover");
    }

    @Test
    void should_show_a_brief_citing_both_articles_for_an_overview_question() throws Exception {
        Element answer = ask("What are these articles about?").selectFirst("#log .msg.bot");
        assertThat(answer).isNotNull();
        assertThat(answer.select("ol li button.cite")).extracting(Element::text)
                .anyMatch(t -> t.contains("Diplomatic Balancing Act")).anyMatch(t -> t.contains("Putin has proposed"));
    }
}

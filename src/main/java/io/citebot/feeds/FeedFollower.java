package io.citebot.feeds;

import com.rometools.rome.feed.synd.SyndContent;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.SyndFeedInput;
import com.rometools.rome.io.XmlReader;
import io.citebot.chat.ArticleService;
import io.citebot.config.FeedSettings;
import io.citebot.ingest.Article;
import io.citebot.ingest.ArticleParser;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the archive current from RSS and Atom feeds. Each feed is polled every interval (conditionally: an
 * unchanged feed costs a 304); each new or changed item's page is fetched and read with the same extractor as
 * {@code .html} files, falling back to the feed's own content and metadata. Articles get ids from the item's guid
 * (or link), so a poll, a restart or a second feed carrying the same item never adds it twice; nothing is removed
 * when it leaves a feed. A failing feed is reported, backed off and retried; it never stops the others.
 */
public final class FeedFollower implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(FeedFollower.class);
    /** Feeds polled at the same time. */
    static final int CONCURRENT = 3;
    /** Items read from one poll of one feed; feeds carry their latest few dozen. */
    static final int MAX_ITEMS = 200;
    /** A page with less article text than this falls back to the feed's own content. */
    static final int MIN_PAGE_CHARS = 200;
    /** The longest wait after failures in a row (or the interval, when that is longer). */
    static final Duration MAX_BACKOFF = Duration.ofHours(1);
    private static final String FEED_ACCEPT = "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.8, */*;q=0.5";

    /** What {@code /health} and {@code citebot feeds} show of a feed. */
    public record FeedStatus(String url, Instant lastPoll, Instant lastSuccess, String status, String error, int articles) {
    }

    private final FeedSettings settings;
    private final ArticleService articles;
    private final FeedState state;
    private final Fetcher fetcher;
    private final Map<String, Instant> due = new ConcurrentHashMap<>();
    private final Set<String> running = ConcurrentHashMap.newKeySet();
    private ScheduledExecutorService ticker;
    private ExecutorService pollers;

    public FeedFollower(FeedSettings settings, ArticleService articles, Path stateFile) {
        this.settings = settings;
        this.articles = articles;
        this.state = FeedState.load(stateFile);
        this.fetcher = new Fetcher(settings.timeout());
    }

    /** Polls every feed now, then each again every interval (later after failures), in the background. */
    public synchronized void start() {
        if (ticker != null || !settings.enabled()) {
            return;
        }
        pollers = Executors.newFixedThreadPool(CONCURRENT, r -> Thread.ofPlatform().name("feed-poll").daemon().unstarted(r));
        ticker = Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform().name("feeds").daemon().unstarted(r));
        settings.urls().forEach(u -> due.put(u, Instant.EPOCH));
        ticker.scheduleWithFixedDelay(this::tick, 0, 200, TimeUnit.MILLISECONDS);
        log.info("Following {} feed(s) every {}", settings.urls().size(), settings.interval());
    }

    private void tick() {
        Instant now = Instant.now();
        for (String url : settings.urls()) {
            if (!due.getOrDefault(url, Instant.EPOCH).isAfter(now) && running.add(url)) {
                pollers.execute(() -> {
                    try {
                        poll(url);
                    } finally {
                        running.remove(url);
                    }
                });
            }
        }
    }

    /** Polls every feed once, now, and waits (the CLI and tests). */
    public void pollAll() {
        try (ExecutorService once = Executors.newFixedThreadPool(CONCURRENT)) {
            settings.urls().forEach(url -> once.execute(() -> poll(url)));
        }
    }

    /** Polls one feed: fetch, read, index what is new or changed, remember. Never throws. */
    void poll(String url) {
        FeedState.Feed f = state.feed(url);
        Instant now = Instant.now();
        f.lastPoll = now;
        try {
            Fetcher.Response r = fetcher.get(URI.create(url), f.etag, f.lastModified, FEED_ACCEPT);
            for (int hop = 0; r.status() / 100 == 3 && r.status() != 304 && r.location() != null; hop++) {
                // the feed moved: follow it, checked like an item's page (the configured host stays trusted)
                if (hop == Fetcher.MAX_REDIRECTS) {
                    throw new IOException("more than " + Fetcher.MAX_REDIRECTS + " redirects");
                }
                r = fetcher.getPublic(r.uri().resolve(r.location()), URI.create(url).getHost(), FEED_ACCEPT);
            }
            if (r.status() == 304) {
                succeeded(url, f, now, "not modified");
                return;
            }
            if (r.status() / 100 != 2) {
                throw new IOException("HTTP " + r.status());
            }
            SyndFeed feed = new SyndFeedInput().build(new XmlReader(new ByteArrayInputStream(r.body())));
            Map<String, String> fingerprints = new LinkedHashMap<>();
            List<Article> changed = new ArrayList<>();
            List<SyndEntry> entries = feed.getEntries().stream().limit(MAX_ITEMS).toList();
            Set<String> indexed = articles.indexed(entries.stream().map(e -> firstNonBlank(e.getUri(), e.getLink()))
                    .filter(Objects::nonNull).map(FeedFollower::itemId).toList());
            for (SyndEntry e : entries) {
                String key = firstNonBlank(e.getUri(), e.getLink());
                if (key == null) {
                    continue;
                }
                String id = itemId(key);
                String fingerprint = sha256(String.join("\u0000", key, String.valueOf(e.getTitle()), String.valueOf(e.getLink()),
                        String.valueOf(e.getPublishedDate()), String.valueOf(e.getUpdatedDate()), feedText(e)));
                if (fingerprint.equals(f.items.get(id)) && indexed.contains(id)) {
                    continue;
                }
                Article a = article(id, e, feed, r.uri());
                if (a != null) {
                    changed.add(a);
                    fingerprints.put(id, fingerprint);
                }
            }
            if (!changed.isEmpty()) {
                var report = articles.putFromFeed(changed, url);
                log.info("Feed {}: {}", url, report.summary());
            }
            f.items.putAll(fingerprints);
            f.etag = r.etag();
            f.lastModified = r.lastModified();
            succeeded(url, f, now, changed.isEmpty() ? "ok: nothing new" : "ok: " + changed.size() + " new or changed");
        } catch (IOException | FeedException | RuntimeException e) {
            f.failures++;
            f.status = "failing";
            f.error = e instanceof FeedException ? "not a readable RSS or Atom feed: " + e.getMessage() : e.getMessage() != null ? e.getMessage() : e.toString();
            due.put(url, now.plus(backoff(f.failures)));
            log.warn("Feed {} failed ({} in a row; next try in {} s): {}", url, f.failures, backoff(f.failures).toSeconds(), f.error);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            try {
                state.save();
            } catch (IOException e) {
                log.warn("Feed state not saved: {}", e.getMessage());
            }
        }
    }

    private void succeeded(String url, FeedState.Feed f, Instant now, String status) {
        f.failures = 0;
        f.error = null;
        f.status = status;
        f.lastSuccess = now;
        due.put(url, now.plus(settings.interval()));
    }

    /** The interval doubled for each failure in a row, at most an hour (or the interval, if longer). */
    Duration backoff(int failures) {
        Duration max = settings.interval().compareTo(MAX_BACKOFF) > 0 ? settings.interval() : MAX_BACKOFF;
        Duration d = settings.interval().multipliedBy(1L << Math.min(failures, 20));
        return d.compareTo(max) > 0 ? max : d;
    }

    /**
     * The article of an item: its page when the page holds article text (page metadata first), else the feed's own
     * content; null when neither has text.
     */
    private Article article(String id, SyndEntry e, SyndFeed feed, URI feedUri) {
        String link = e.getLink() == null ? null : feedUri.resolve(e.getLink().strip()).toString();
        LocalDate date = day(e.getPublishedDate() != null ? e.getPublishedDate() : e.getUpdatedDate());
        String source = firstNonBlank(feed.getTitle(), null);
        if (link != null && link.matches("(?i)https?://\\S+")) {
            try {
                Fetcher.Response page = fetcher.getPublic(URI.create(link), feedUri.getHost(), "text/html, application/xhtml+xml;q=0.9, */*;q=0.5");
                if (page.status() / 100 == 2) {
                    ArticleParser.Page p = ArticleParser.readPage(new String(page.body(), charset(page)), page.uri().toString());
                    if (p.text().length() >= MIN_PAGE_CHARS) {
                        return ArticleParser.fromFields(id, firstNonBlank(p.title(), e.getTitle()), p.text(), p.date() != null ? p.date() : date,
                                firstNonBlank(p.source(), source), firstNonBlank(p.url(), link));
                    }
                } else {
                    log.info("Feed item page {}: HTTP {}; using the feed's content", link, page.status());
                }
            } catch (IOException | IllegalArgumentException ex) {
                log.info("Feed item page {} unreadable ({}); using the feed's content", link, ex.getMessage());
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
        String text = ArticleParser.htmlText(feedText(e));
        if (text.isBlank()) {
            log.info("Feed item {} has no text, on its page or in the feed; skipped", firstNonBlank(link, id));
            return null;
        }
        return ArticleParser.fromFields(id, e.getTitle(), text, date, source, link);
    }

    /** The item's content ({@code content:encoded}, Atom content), else its description. */
    private static String feedText(SyndEntry e) {
        String content = e.getContents() == null ? "" : e.getContents().stream().map(SyndContent::getValue)
                .filter(v -> v != null && !v.isBlank()).collect(Collectors.joining("\n"));
        if (!content.isBlank()) {
            return content;
        }
        return e.getDescription() != null && e.getDescription().getValue() != null ? e.getDescription().getValue() : "";
    }

    /** The charset the page's Content-Type names, else UTF-8. */
    private static Charset charset(Fetcher.Response page) {
        var m = Pattern.compile("charset=\"?([A-Za-z0-9._-]+)").matcher(String.valueOf(page.contentType()));
        if (m.find()) {
            try {
                return Charset.forName(m.group(1));
            } catch (IllegalArgumentException e) {
                return StandardCharsets.UTF_8;
            }
        }
        return StandardCharsets.UTF_8;
    }

    private static LocalDate day(Date d) {
        return d == null ? null : d.toInstant().atZone(ZoneOffset.UTC).toLocalDate();
    }

    /** An item's article id: stable across polls, restarts and feeds (guid or Atom id, else link). */
    private static String itemId(String key) {
        return "feed-" + sha256(key).substring(0, 16);
    }

    private static String firstNonBlank(String a, String b) {
        return a != null && !a.isBlank() ? a.strip() : b != null && !b.isBlank() ? b.strip() : null;
    }

    static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What each configured feed's last poll came to. */
    public List<FeedStatus> statuses() {
        return statuses(settings, state);
    }

    /** The same, read from a state file (for {@code citebot feeds}, beside a running server). */
    public static List<FeedStatus> statuses(FeedSettings settings, Path stateFile) {
        return statuses(settings, FeedState.load(stateFile));
    }

    private static List<FeedStatus> statuses(FeedSettings settings, FeedState state) {
        Map<String, FeedState.Feed> all = state.all();
        return settings.urls().stream().map(url -> {
            FeedState.Feed f = all.getOrDefault(url, new FeedState.Feed());
            return new FeedStatus(url, f.lastPoll, f.lastSuccess, f.status, f.error, f.items.size());
        }).toList();
    }

    @Override
    public synchronized void close() {
        if (ticker != null) {
            ticker.shutdownNow();
            pollers.shutdownNow();
            try {
                pollers.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}

package io.citebot.watch;

import io.citebot.answer.Answer;
import io.citebot.answer.Answerer;
import io.citebot.answer.Overview;
import io.citebot.api.ArticleLinks;
import io.citebot.chat.ChatService;
import io.citebot.chat.InvalidInputException;
import io.citebot.chat.SearchOptions;
import io.citebot.chat.Watch;
import io.citebot.chat.WatchStore.Delivery;
import io.citebot.chat.WatchStore;
import io.citebot.config.WatchSettings;
import io.citebot.index.Filters;
import io.citebot.index.Hit;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches: people follow a topic, and when articles arrive that match it (the same retrieval as a question, the
 * same evidence threshold as an answer) citebot posts a short cited brief of what is new to the watch's webhook or
 * Slack channel. Every {@code CITEBOT_WATCH_INTERVAL} each watch is checked once, so it posts at most once an
 * interval; the articles a post covers are marked seen in the same durable write that records the post, so a
 * restart never posts them again (an unsent post is sent after it).
 */
public final class Watches implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Watches.class);
    /** Passages searched per check: a new article must be among the query's best this many to count. */
    static final int DEPTH = 100;
    /** Passages of new articles a post is composed from. */
    static final int POST_PASSAGES = 8;
    public static final int MAX_QUERY_CHARS = 300;
    /** The query of a watch of the whole archive, which posts a daily digest of the newest articles. */
    public static final String EVERYTHING = "*";
    public static final int MAX_PER_OWNER = 100;
    private static final Pattern SLACK_CHANNEL = Pattern.compile("[CGD][A-Z0-9]{2,30}");

    private final ChatService chat;
    private final Answerer matcher;
    private final Answerer briefs;
    private final WatchStore store;
    private final WebhookNotifier webhooks;
    private final Posts posts;
    private final Duration interval;
    private final Clock clock;
    private ScheduledExecutorService scheduler;
    private volatile LongSupplier changes;
    /** The value of {@link #changes} at the last check; none before the first (what arrived while down is looked for). */
    private volatile long checkedAt = Long.MIN_VALUE;
    /** Searches made by checks (tests see a quiet archive cost none). */
    final AtomicLong searches = new AtomicLong();

    /**
     * @param matcher tells whether a new article is about a watch's topic: an article matches when this answerer does
     *                not refuse a brief of the topic from its passages (the extractive answerer: the evidence threshold
     *                calibrated for answers, and no model call per article)
     */
    public Watches(ChatService chat, Answerer matcher, WatchStore store, ArticleLinks links, WatchSettings settings) {
        this(chat, matcher, store, links, settings, Duration.ofSeconds(1));
    }

    /** @param backoff the first wait between tries of a webhook (tests shorten it) */
    public Watches(ChatService chat, Answerer matcher, WatchStore store, ArticleLinks links, WatchSettings settings,
                   Duration backoff) {
        this(chat, matcher, store, links, settings, backoff, Clock.systemDefaultZone());
    }

    /** @param clock the time of day daily digests are due by, in its zone */
    public Watches(ChatService chat, Answerer matcher, WatchStore store, ArticleLinks links, WatchSettings settings,
                   Duration backoff, Clock clock) {
        this(chat, matcher, null, store, links, settings, backoff, clock);
    }

    /**
     * @param matcher which new articles match a watch (an extractive answerer at the watches' evidence threshold)
     * @param briefs  who composes a watch's post at that threshold (null: the answers' answerer)
     */
    public Watches(ChatService chat, Answerer matcher, Answerer briefs, WatchStore store, ArticleLinks links, WatchSettings settings) {
        this(chat, matcher, briefs, store, links, settings, Duration.ofSeconds(1), Clock.systemDefaultZone());
    }

    private Watches(ChatService chat, Answerer matcher, Answerer briefs, WatchStore store, ArticleLinks links, WatchSettings settings,
                    Duration backoff, Clock clock) {
        this.clock = clock;
        this.chat = chat;
        this.matcher = matcher;
        this.briefs = briefs;
        this.store = store;
        this.posts = new Posts(store, links);
        this.interval = settings.interval();
        this.webhooks = new WebhookNotifier(settings.webhookSecret(), settings.allowPrivate(), backoff);
        posts.add(webhooks);
    }

    /**
     * Checks watches that post as articles arrive only when {@code changes} has moved since the last check (the
     * ingester's commits): an archive that did not change has nothing new for them. Without it, every check searches.
     */
    public Watches checkingWhen(LongSupplier changes) {
        this.changes = changes;
        return this;
    }

    /** Adds where else watches may post (the Slack door, when it is on). */
    public Watches notifyingWith(Notifier notifier) {
        posts.add(notifier);
        return this;
    }

    // ---- what doors call

    /**
     * Makes {@code owner} a watch of {@code query} posting to a webhook or a Slack channel. The articles the archive
     * holds already count as seen: posts are about articles that arrive later.
     *
     * @throws InvalidInputException naming what is wrong
     */
    public Watch create(String owner, String query, LocalDate from, LocalDate to, String source, String webhookUrl,
                        String slackChannel) {
        return create(owner, query, from, to, source, webhookUrl, slackChannel, null);
    }

    /**
     * As {@link #create(String, String, LocalDate, LocalDate, String, String, String)}; with {@code digestAt}, the watch
     * posts a daily digest of what arrived at that time of day instead of posting as articles arrive.
     */
    public Watch create(String owner, String query, LocalDate from, LocalDate to, String source, String webhookUrl,
                        String slackChannel, LocalTime digestAt) {
        if (query == null || query.isBlank()) {
            throw new InvalidInputException("query is required");
        }
        String q = query.strip();
        if (q.length() > MAX_QUERY_CHARS) {
            throw new InvalidInputException("query is longer than " + MAX_QUERY_CHARS + " characters");
        }
        if ((webhookUrl == null) == (slackChannel == null)) {
            throw new InvalidInputException("give webhookUrl or slackChannel (one of them)");
        }
        if (webhookUrl != null) {
            String refused = webhookUrl.length() > 2000 ? "webhookUrl is longer than 2000 characters" : webhooks.refusal(webhookUrl);
            if (refused != null) {
                throw new InvalidInputException(refused);
            }
        }
        if (slackChannel != null && !SLACK_CHANNEL.matcher(slackChannel).matches()) {
            throw new InvalidInputException("slackChannel must be a Slack channel id (C…, G… or D…)");
        }
        if (from != null && to != null && from.isAfter(to)) {
            throw new InvalidInputException("from (" + from + ") is after to (" + to + ")");
        }
        if (source != null && source.length() > 200) {
            throw new InvalidInputException("source is longer than 200 characters");
        }
        if (q.equals(EVERYTHING) && digestAt == null) {
            throw new InvalidInputException("a watch of everything (*) posts a daily digest: give its time, e.g. \"digest\": \"08:00\"");
        }
        Watch w = new Watch("w_" + HexFormat.of().formatHex(posts.randomBytes()), owner, q, from, to,
                source == null || source.isBlank() ? null : source.strip(), webhookUrl, slackChannel, null, clock.instant(), null,
                digestAt);
        if (!posts.reaches(w)) {
            throw new InvalidInputException("this server cannot post to Slack: its Slack door is off");
        }
        if (store.list(owner).size() >= MAX_PER_OWNER) {
            throw new InvalidInputException("at most " + MAX_PER_OWNER + " watches per key; remove one first");
        }
        Set<String> present = new LinkedHashSet<>();
        if (!q.equals(EVERYTHING)) {
            chat.search(q, DEPTH, options(w), false).forEach(h -> present.add(h.article().id()));
        }
        Watch created = store.create(w, present);
        log.info("Watch {} follows \"{}\" for {} ({} articles already seen)", w.id(), q, owner, present.size());
        return created;
    }

    /** A daily digest's time of day from "HH:MM" (or "H:MM"); null for none. */
    public static LocalTime time(String value) {
        if (value == null) {
            return null;
        }
        if (!value.matches("\\d{1,2}:\\d{2}")) {
            throw new InvalidInputException("digest must be a time of day HH:MM, e.g. 08:00");
        }
        try {
            return LocalTime.parse(value.length() == 4 ? "0" + value : value);
        } catch (DateTimeParseException e) {
            throw new InvalidInputException("digest must be a time of day HH:MM, e.g. 08:00");
        }
    }

    public List<Watch> list(String owner) {
        return store.list(owner);
    }

    /** A watch by its id. */
    public Optional<Watch> get(String id) {
        return store.get(id);
    }

    /** Removes {@code owner}'s watch; false when it has none with this id. */
    public boolean delete(String owner, String id) {
        return store.delete(owner, id);
    }

    /** A watch's latest post, if it made one. */
    public Optional<Delivery> latest(String watchId) {
        return store.latest(watchId);
    }

    // ---- the checks

    /** Checks every watch every interval, in the background. */
    public synchronized void start() {
        if (scheduler == null) {
            scheduler = Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform().name("watches").daemon().unstarted(r));
            scheduler.scheduleWithFixedDelay(this::checkSafely, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
            log.info("Watches are checked every {}", interval);
        }
    }

    private void checkSafely() {
        try {
            checkAll();
        } catch (RuntimeException e) {
            log.warn("Checking watches failed: {}", e.toString());
        }
    }

    /** Sends what is owed, then checks each active watch once; returns the posts made. */
    public int checkAll() {
        posts.sendOwed();
        int made = 0;
        ZonedDateTime now = ZonedDateTime.now(clock);
        LongSupplier c = changes;
        long version = c == null ? Long.MIN_VALUE : c.getAsLong();
        boolean changed = c == null || version != checkedAt;
        for (Watch w : store.all()) {
            if (!w.active() || !due(w, now) || (w.digestAt() == null && !changed)) {
                continue;
            }
            if (check(w)) {
                made++;
            }
            if (w.digestAt() != null) {
                store.digested(w.id(), now.toLocalDate());
            }
        }
        checkedAt = version;
        return made;
    }

    /** Whether a watch is checked now: always, or for a daily digest once a day from its time on. */
    private boolean due(Watch w, ZonedDateTime now) {
        if (w.digestAt() == null) {
            return true;
        }
        return !now.toLocalTime().isBefore(w.digestAt())
                && store.lastDigest(w.id()).map(day -> day.isBefore(now.toLocalDate())).orElse(true);
    }

    /** Whether {@code w} found new articles that match it, and made a post of them. */
    boolean check(Watch w) {
        searches.incrementAndGet();
        if (w.query().equals(EVERYTHING)) {
            return digestOfEverything(w);
        }
        Set<String> seen = store.seen(w.id());
        Selection s = select(chat.search(w.query(), DEPTH, options(w), false), seen, matcher, w.query());
        if (s.fresh().isEmpty()) {
            return false;
        }
        List<Hit> untold = untold(s.matching(), seen);
        Answer brief = untold.isEmpty() ? null : chat.brief(w.query(), untold.subList(0, Math.min(POST_PASSAGES, untold.size())), briefs);
        if (brief == null || brief.refused()) {
            store.see(w.id(), s.fresh().keySet(), null, null);
            log.info("Watch {}: {} new articles, {}", w.id(), s.fresh().size(), s.matching().isEmpty() || !untold.isEmpty()
                    ? "none about its topic" : "other outlets' copies of reports it has seen");
            return false;
        }
        posts.post(w, brief, s.fresh().keySet());
        return true;
    }

    /**
     * The passages that do not retell a report the watch has seen: another outlet's copy of a wire story it already
     * posted (or that was in the archive when it was made) is not news.
     */
    private List<Hit> untold(List<Hit> matching, Set<String> seen) {
        if (matching.isEmpty()) {
            return matching;
        }
        Map<String, List<Hit>> copies = chat.copiesElsewhere(matching);
        return matching.stream()
                .filter(h -> copies.getOrDefault(h.passage().id(), List.of()).stream().noneMatch(c -> seen.contains(c.article().id())))
                .toList();
    }

    /**
     * A digest of the whole archive: a brief of the newest articles published since the last digest (the day the
     * watch was made, at first), those it already posted left out.
     */
    private boolean digestOfEverything(Watch w) {
        LocalDate since = store.lastDigest(w.id()).orElse(LocalDate.ofInstant(w.createdAt(), clock.getZone()));
        if (w.from() != null && w.from().isAfter(since)) {
            since = w.from();
        }
        Answer brief = chat.answer("What are these articles about?", new SearchOptions(null, new Filters(since, w.to(), w.source()), null));
        Set<String> cited = new LinkedHashSet<>();
        brief.citations().forEach(c -> cited.add(c.articleId()));
        if (brief.refused() || cited.isEmpty() || store.seen(w.id()).containsAll(cited)) {
            return false;
        }
        posts.post(w, brief, cited);
        return true;
    }

    /**
     * What a check finds: the articles among a search's hits that the watch has not seen (with their passages, best
     * first), the passages of those that match its topic, and each new article's evidence strength for the topic.
     */
    public record Selection(Map<String, List<Hit>> fresh, List<Hit> matching, Map<String, Double> evidence) {
    }

    /**
     * The new articles among {@code hits} and the passages of those that match {@code query}: an article matches when
     * {@code matcher} would not refuse a brief of the topic from its passages.
     */
    public static Selection select(List<Hit> hits, Set<String> seen, Answerer matcher, String query) {
        Map<String, List<Hit>> fresh = new LinkedHashMap<>();
        for (Hit h : hits) {
            if (!seen.contains(h.article().id())) {
                fresh.computeIfAbsent(h.article().id(), a -> new ArrayList<>()).add(h);
            }
        }
        String topic = Overview.question(query);
        List<Hit> matching = new ArrayList<>();
        Map<String, Double> evidence = new LinkedHashMap<>();
        fresh.forEach((article, passages) -> {
            Answer brief = matcher.answer(topic, passages);
            evidence.put(article, brief.confidence());
            if (!brief.refused()) {
                matching.addAll(passages);
            }
        });
        return new Selection(fresh, matching, evidence);
    }

    /** The search options of a watch's query: its filters. */
    public static SearchOptions options(Watch w) {
        return new SearchOptions(null, new Filters(w.from(), w.to(), w.source()), null);
    }

    @Override
    public synchronized void close() {
        if (scheduler != null) {
            scheduler.shutdownNow();
            scheduler = null;
        }
    }
}

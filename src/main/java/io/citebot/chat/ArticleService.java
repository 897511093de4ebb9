package io.citebot.chat;

import io.citebot.index.IngestReport;
import io.citebot.index.Ingester;
import io.citebot.index.StoredArticle;
import io.citebot.ingest.Article;
import io.citebot.ingest.ArticleParser;
import io.citebot.ingest.TextHygiene;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Articles written by other systems (a CMS, a script, the feed follower) rather than read from the articles
 * folder: checked field by field, then indexed and embedded in one commit, so a batch is written whole or not at
 * all. They live in the index under their own origin ("api", "feed:URL"), survive restarts, and the folder sync
 * leaves them alone.
 */
public final class ArticleService {

    /** The origin of articles written over HTTP. */
    public static final String API_ORIGIN = "api";
    public static final String FEED_ORIGIN_PREFIX = "feed:";
    public static final int MAX_BATCH = 100;
    public static final int MAX_TEXT_CHARS = 500_000;
    public static final int MAX_TITLE_CHARS = 500;
    public static final int MAX_SOURCE_CHARS = 200;
    public static final int MAX_URL_CHARS = 2_000;
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,199}");

    private final Ingester ingester;
    private final Lookup stored;

    /** The metadata of those of some ids that are indexed. */
    @FunctionalInterface
    public interface Lookup {
        Map<String, StoredArticle> articles(Collection<String> ids) throws IOException;
    }

    public ArticleService(Ingester ingester, Lookup stored) {
        this.ingester = ingester;
        this.stored = stored;
    }

    /** An article as a caller sends it; every field may be missing or wrong until {@link #validate} says otherwise. */
    public record Submitted(String id, String title, String text, String date, String source, String url) {
    }

    /** An article written, and what cleaning cut from the text it was sent with (empty when nothing). */
    public record Written(String id, List<String> cut) {
    }

    /** Checks a batch and writes it whole; returns each article's id and what was cut from its text, in order. */
    public List<Written> put(List<Submitted> batch) {
        if (batch.isEmpty()) {
            throw new InvalidInputException("no articles to add");
        }
        if (batch.size() > MAX_BATCH) {
            throw new InvalidInputException("at most " + MAX_BATCH + " articles a request, got " + batch.size());
        }
        List<Article> articles = new ArrayList<>();
        List<Written> written = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < batch.size(); i++) {
            String where = batch.size() == 1 ? "" : "articles[" + i + "]: ";
            ArticleParser.Read read;
            try {
                read = validate(batch.get(i));
            } catch (InvalidInputException e) {
                throw new InvalidInputException(where + e.getMessage());
            }
            Article a = read.article();
            written.add(new Written(a.id(), read.cut()));
            if (!ids.add(a.id())) {
                throw new InvalidInputException(where + "id \"" + a.id() + "\" appears twice in this request");
            }
            articles.add(a);
        }
        Map<String, StoredArticle> known = lookup(ids);
        for (int i = 0; i < articles.size(); i++) {
            StoredArticle old = known.get(articles.get(i).id());
            if (old != null && !writable(old)) {
                String where = batch.size() == 1 ? "" : "articles[" + i + "]: ";
                throw new ConflictException(where + "article \"" + old.id() + "\" comes from a file in the articles folder; change the file instead");
            }
        }
        write(articles, API_ORIGIN);
        return List.copyOf(written);
    }

    /** Writes articles that came from a feed (already read and checked by the feed follower). */
    public IngestReport putFromFeed(List<Article> articles, String feedUrl) {
        return write(articles, FEED_ORIGIN_PREFIX + feedUrl);
    }

    /** Whether an article with this id is indexed. */
    public boolean exists(String id) {
        return lookup(List.of(id)).containsKey(id);
    }

    /** Those of these ids that name an indexed article (one lookup, for a caller that checks many). */
    public Set<String> indexed(Collection<String> ids) {
        return Set.copyOf(lookup(ids).keySet());
    }

    private Map<String, StoredArticle> lookup(Collection<String> ids) {
        try {
            return stored.articles(ids);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Removes an article written over HTTP or from a feed; false when there is none. */
    public boolean delete(String id) {
        StoredArticle old = lookup(List.of(id)).get(id);
        if (old == null) {
            return false;
        }
        if (!writable(old)) {
            throw new ConflictException("article \"" + id + "\" comes from a file in the articles folder; remove the file instead");
        }
        if (!ingester.writable()) {
            throw new ConflictException("this citebot does not write to the index (a replica that only answers); send the deletion to the one that writes");
        }
        try {
            return ingester.delete(id);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Where the article with this id came from ("file", "api", "feed"), if it is indexed. */
    public Optional<String> origin(String id) {
        return Optional.ofNullable(lookup(List.of(id)).get(id)).map(ArticleService::originKind);
    }

    /** Where an article came from: "file", "api" or "feed". */
    public static String originKind(StoredArticle a) {
        return a.origin().equals(API_ORIGIN) ? "api" : a.origin().startsWith(FEED_ORIGIN_PREFIX) ? "feed" : "file";
    }

    private static boolean writable(StoredArticle a) {
        return !originKind(a).equals("file");
    }

    private IngestReport write(List<Article> articles, String origin) {
        if (!ingester.writable()) {
            throw new ConflictException("this citebot does not write to the index (a replica that only answers, or a second process"
                    + " beside the server that holds it); send articles to the one that writes");
        }
        try {
            return ingester.put(articles, origin);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The article a submission makes, or the first reason it cannot be one. */
    static ArticleParser.Read validate(Submitted s) {
        String title = required(s.title(), "title");
        String text = required(s.text(), "text");
        if (title.length() > MAX_TITLE_CHARS) {
            throw new InvalidInputException("title is longer than " + MAX_TITLE_CHARS + " characters");
        }
        if (text.length() > MAX_TEXT_CHARS) {
            throw new InvalidInputException("text is longer than " + MAX_TEXT_CHARS + " characters");
        }
        String id = s.id() == null ? generatedId(title, text) : s.id();
        if (!ID.matcher(id).matches()) {
            throw new InvalidInputException("id must be 1-200 letters, digits or . _ : - (starting with a letter or digit)");
        }
        LocalDate date = null;
        if (s.date() != null) {
            if (!s.date().strip().matches("\\d{4}-\\d{2}-\\d{2}")) {
                throw new InvalidInputException("date must be YYYY-MM-DD, was \"" + TextHygiene.clean(s.date()) + "\"");
            }
            try {
                date = LocalDate.parse(s.date().strip());
            } catch (DateTimeParseException e) {
                throw new InvalidInputException("date is not a calendar date: \"" + TextHygiene.clean(s.date()) + "\"");
            }
        }
        if (s.source() != null && s.source().length() > MAX_SOURCE_CHARS) {
            throw new InvalidInputException("source is longer than " + MAX_SOURCE_CHARS + " characters");
        }
        if (s.url() != null && !s.url().isBlank()) {
            String url = s.url().strip();
            if (url.length() > MAX_URL_CHARS || !url.matches("(?i)https?://\\S+")) {
                throw new InvalidInputException("url must be an http:// or https:// address of at most " + MAX_URL_CHARS + " characters");
            }
            try {
                URI.create(url);
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException("url is not a valid address");
            }
        }
        ArticleParser.Read read = ArticleParser.readFields(id, title, text, date, s.source(), s.url());
        if (read.article().text().isBlank()) {
            throw new InvalidInputException("text has no readable words");
        }
        return read;
    }

    private static String required(String value, String field) {
        if (value == null || TextHygiene.clean(value).isBlank()) {
            throw new InvalidInputException("\"" + field + "\" is required");
        }
        return value;
    }

    /** The same title and text make the same id, so sending an article twice does not add it twice. */
    private static String generatedId(String title, String text) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest((title.strip() + "\n" + text.strip()).getBytes(StandardCharsets.UTF_8));
            return "api-" + HexFormat.of().formatHex(h, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

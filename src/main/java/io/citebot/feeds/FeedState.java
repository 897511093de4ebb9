package io.citebot.feeds;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.citebot.json.Json;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.LoggerFactory;

/**
 * What citebot remembers of each feed between polls and across restarts, in {@code data/feeds.json}: the
 * validators for conditional GET, the outcome of the last poll, failures in a row (for backoff), and a
 * fingerprint of each item seen, so an unchanged item's page is not fetched again.
 */
final class FeedState {

    /** One feed's record; Jackson reads and writes it as it is. */
    static final class Feed {
        public String etag;
        public String lastModified;
        public Instant lastPoll;
        public Instant lastSuccess;
        public String status = "not polled yet";
        public String error;
        public int failures;
        /** article id → fingerprint of the item it came from */
        public Map<String, String> items = new LinkedHashMap<>();
    }

    /** The file's shape: feed URL → record. */
    static final class Saved {
        public Map<String, Feed> feeds = new LinkedHashMap<>();
    }

    private static final ObjectMapper JSON = Json.mapper();

    private final Path file;
    private final Saved saved;

    private FeedState(Path file, Saved saved) {
        this.file = file;
        this.saved = saved;
    }

    /** The state in {@code file}, or a fresh one when there is none (or it cannot be read: it is only a cache). */
    static FeedState load(Path file) {
        Saved saved = null;
        if (Files.isRegularFile(file)) {
            try {
                saved = JSON.readValue(file.toFile(), Saved.class);
            } catch (IOException e) {
                LoggerFactory.getLogger(FeedState.class).warn("Feed state {} unreadable ({}); starting afresh", file, e.getMessage());
            }
        }
        return new FeedState(file, saved != null ? saved : new Saved());
    }

    synchronized Feed feed(String url) {
        return saved.feeds.computeIfAbsent(url, u -> new Feed());
    }

    synchronized Map<String, Feed> all() {
        return new LinkedHashMap<>(saved.feeds);
    }

    /** Writes the state atomically (a temporary file moved over the old one). */
    synchronized void save() throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        JSON.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), saved);
        try (var channel = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
            channel.force(true); // on disk before it replaces the old state
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}

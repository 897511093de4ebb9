package io.citebot;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.citebot.chat.Conversations;
import io.citebot.chat.InvalidInputException;
import io.citebot.config.Config;
import io.citebot.index.lucene.ArticleIndex;
import io.citebot.index.lucene.EnglishAnalysis;
import io.citebot.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.h2.tools.Restore;

/**
 * Backups of a data folder, made while citebot runs: the index as of its latest commit (a Lucene snapshot, so
 * merges and commits during the copy do no harm), the conversation and feedback database (H2's online
 * {@code BACKUP TO}), the feed state, and a {@code backup.json} that says what is inside. A restore puts them into
 * an empty data folder.
 */
public final class Backups {

    /** What a backup or a restore holds. */
    public record Result(Path dir, int articles, int passages, long indexBytes, long millis) {
    }

    private Backups() {
    }

    /** Writes a backup of a running bot's data into {@code target}, which must not exist or be empty. */
    public static Result backup(Citebot bot, Path target) throws IOException {
        long t0 = System.nanoTime();
        if (bot.config().index().solr()) {
            throw new InvalidInputException("the index is the Solr collection " + bot.config().index().collection()
                    + "; back it up with Solr's collection BACKUP (docs/scaling.md), and the shared database with its own tools");
        }
        requireEmpty(target, "backup folder");
        Files.createDirectories(target);
        long bytes = bot.index().backup(target.resolve("index"));
        boolean embedded = bot.conversations().embedded();
        if (embedded) {
            bot.conversations().backup(target);
        }
        Path feeds = bot.config().feedStateFile();
        if (Files.isRegularFile(feeds)) {
            Files.copy(feeds, target.resolve("feeds.json"));
        }
        int articles;
        int passages;
        try (ArticleIndex copy = ArticleIndex.openReadOnly(target.resolve("index"), new EnglishAnalysis())) {
            articles = copy.articleCount();
            passages = copy.passageCount();
        }
        ObjectNode manifest = Json.object().put("format", 2).put("created", Instant.now().toString())
                .put("articles", articles).put("passages", passages).put("indexBytes", bytes)
                .put("conversations", embedded ? "conversations.base.mv.db and conversations.journal" : "in the shared database " + bot.config().database().url()
                        + ": back it up with its own tools (pg_dump)");
        Json.mapper().writerWithDefaultPrettyPrinter().writeValue(target.resolve("backup.json").toFile(), manifest);
        ownerOnly(target);
        return new Result(target, articles, passages, bytes, (System.nanoTime() - t0) / 1_000_000);
    }

    /**
     * What {@code POST /api/admin/backup} runs on a server: a backup of {@code bot} into the folder it is given,
     * answered as {"dir", "articles", "passages", "indexBytes", "millis"}.
     */
    public static Function<Path, Object> forServer(Citebot bot) {
        return dir -> {
            try {
                Result r = backup(bot, dir);
                return Map.of("dir", r.dir().toString(), "articles", r.articles(), "passages", r.passages(),
                        "indexBytes", r.indexBytes(), "millis", r.millis());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
    }

    /** Puts a backup into the configured data folder, which must hold no index and no database yet. */
    public static Result restore(Path backup, Config config) throws IOException {
        long t0 = System.nanoTime();
        if (!Files.isRegularFile(backup.resolve("backup.json")) || !Files.isDirectory(backup.resolve("index"))) {
            throw new InvalidInputException(backup + " is not a citebot backup (no backup.json and index/)");
        }
        requireEmpty(config.indexDir(), "index folder");
        Path db = config.conversationsFile().resolveSibling(config.conversationsFile().getFileName() + ".mv.db");
        Path base = config.conversationsFile().resolveSibling(config.conversationsFile().getFileName() + ".base.mv.db");
        if (Files.exists(db) || Files.exists(base)) {
            throw new InvalidInputException("the data folder already has a conversation database (" + db + "); restore into an empty data folder");
        }
        Files.createDirectories(config.indexDir());
        long bytes = 0;
        try (Stream<Path> files = Files.list(backup.resolve("index"))) {
            for (Path f : files.toList()) {
                Files.copy(f, config.indexDir().resolve(f.getFileName().toString()), StandardCopyOption.COPY_ATTRIBUTES);
                bytes += Files.size(f);
            }
        }
        if (Conversations.inBackup(backup)) {
            Conversations.restore(backup, config.conversationsFile());
        } else if (Files.isRegularFile(backup.resolve("conversations.zip"))) {
            // a backup of format 1 (H2's BACKUP TO)
            Restore.execute(backup.resolve("conversations.zip").toString(), config.conversationsFile().getParent().toString(),
                    config.conversationsFile().getFileName().toString());
        }
        if (Files.isRegularFile(backup.resolve("feeds.json"))) {
            Files.copy(backup.resolve("feeds.json"), config.feedStateFile());
        }
        try (ArticleIndex restored = ArticleIndex.openReadOnly(config.indexDir(), new EnglishAnalysis())) {
            return new Result(config.dataDir(), restored.articleCount(), restored.passageCount(), bytes, (System.nanoTime() - t0) / 1_000_000);
        }
    }

    /** A backup holds every conversation: its folders and files are readable by their owner only (where POSIX). */
    private static void ownerOnly(Path dir) throws IOException {
        if (!Files.getFileStore(dir).supportsFileAttributeView(PosixFileAttributeView.class)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.toList()) {
                Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(
                        Files.isDirectory(p) ? "rwx------" : "rw-------"));
            }
        }
    }

    private static void requireEmpty(Path dir, String what) throws IOException {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new InvalidInputException(what + " " + dir + " is not a folder");
        }
        if (Files.isDirectory(dir)) {
            try (Stream<Path> s = Files.list(dir)) {
                if (s.findAny().isPresent()) {
                    throw new InvalidInputException(what + " " + dir + " is not empty");
                }
            }
        }
    }
}

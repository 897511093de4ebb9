package io.citebot.index;

import io.citebot.ingest.Article;
import io.citebot.ingest.ArticleParser.Problem;
import io.citebot.ingest.ArticleParser;
import io.citebot.ingest.Chunker;
import io.citebot.ingest.Passage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings the index in line with files on disk. A file whose bytes are unchanged is skipped without parsing;
 * an article whose parsed content is unchanged is not rewritten; articles of a changed file that the file no
 * longer holds, and articles of files that were removed from a synced folder, leave the index.
 */
public final class Ingester {

    private static final Logger log = LoggerFactory.getLogger(Ingester.class);

    private final AtomicLong commits = new AtomicLong();

    /**
     * A large ingest commits first after this, so its first articles are soon searchable, and then each time after
     * twice the wait before, up to {@link #LONGEST_COMMIT_WAIT}. A commit writes what was buffered as a segment, and
     * merging segments builds their vector graphs again: committing every 10 s made ~900 segments of a million-passage
     * ingest, this about 34 (docs/benchmarks.md, "Ingest at the model's speed"). A kill -9 loses only what was not
     * committed (at most that wait's embedding, done again at the next start); nothing committed is embedded again.
     */
    static final Duration FIRST_COMMIT_WAIT = Duration.ofSeconds(10);
    static final Duration LONGEST_COMMIT_WAIT = Duration.ofMinutes(5);
    /**
     * Marks the hashes of files and articles with the version of the parsing, cleaning and embedding pipeline,
     * so that a citebot that reads pages or embeds passages differently reprocesses what an older one indexed.
     */
    static final String PIPELINE = "/p2";
    /**
     * What is embedded for a passage: its article's headline, then its text. A passage of a long story rarely
     * names what the story is about ("He said the talks would resume"); the headline does.
     */
    public static String embeddingInput(Article article, Passage passage) {
        return article.title() + "\n" + passage.text();
    }

    /** Passages embedded in one call: large enough to keep every core busy, small enough to show progress. */
    static final int EMBED_BATCH = 256;

    private final IndexBackend index;
    private final ArticleParser parser;
    private final Chunker chunker;
    private final Embedder embedder;
    private final IngestProgress progress = new IngestProgress();

    public Ingester(IndexBackend index, ArticleParser parser, Chunker chunker, Embedder embedder) {
        this.index = index;
        this.parser = parser;
        this.chunker = chunker;
        this.embedder = embedder;
    }

    /**
     * How many times this ingester has committed: what searches see may have changed when it moves (watches check
     * again only then).
     */
    public long commits() {
        return commits.get();
    }

    private void commit() throws IOException {
        index.commit();
        commits.incrementAndGet();
    }

    public IngestProgress progress() {
        return progress;
    }

    /**
     * Ingests every supported file under {@code path} (or the one file {@code path} names). When {@code path}
     * is a folder, articles of files that are no longer in it are removed.
     */
    public IngestReport ingest(Path path) throws IOException {
        IngestReport report = ingestHoldingWrites(path);
        settle(report);
        return report;
    }

    /**
     * Merges the index after a pass that wrote much of it ({@link IndexBackend#settle}), outside the lock that orders
     * writes: the API's and the feeds' writes go on while the segments merge.
     */
    private void settle(IngestReport report) throws IOException {
        index.settle(report.passagesWritten());
    }

    private synchronized IngestReport ingestHoldingWrites(Path path) throws IOException {
        long t0 = System.nanoTime();
        Path root = path.toAbsolutePath().normalize();
        boolean folder = Files.isDirectory(root);
        if (!folder && !Files.isRegularFile(root)) {
            throw new IOException("no such file or folder: " + path);
        }
        if (!folder && !ArticleParser.supports(root)) {
            throw new IOException("unsupported file type: " + path + " (supported: "
                    + String.join(", ", ArticleParser.EXTENSIONS.stream().sorted().toList()) + ")");
        }
        List<Problem> walkProblems = new ArrayList<>();
        List<Path> files = folder ? ArticleFiles.list(root, walkProblems) : List.of(root);
        Path base = folder ? root : root.getParent();
        progress.start(files.size());
        boolean ok = false;
        try {
            Run run = new Run(index.files(), index.articles());
            run.problems.addAll(walkProblems);
            for (Path file : files) {
                run.file(base, file);
                progress.fileDone();
            }
            run.flush();
            if (folder) {
                run.removeMissing(root);
            }
            commit();
            ok = true;
            IngestReport report = run.report(files.size(), (System.nanoTime() - t0) / 1_000_000);
            progress.problems(report.problems());
            log.info("Ingested {}: {}", path, report.summary());
            for (Problem p : report.problems()) {
                log.warn("Skipped {}{}: {}", p.file(), p.line() > 0 ? " line " + p.line() : "", p.reason());
            }
            return report;
        } finally {
            progress.finish(ok);
        }
    }

    /** Whether this process may write to the index. */
    public boolean writable() {
        return index.writable();
    }

    /**
     * Writes articles that come from no file (the HTTP write API, a feed) under {@code origin} ("api", "feed:URL"),
     * embedded and committed when this returns: new ones are added, changed ones replace their passages, equal
     * ones are left as they are. The folder sync never removes them (they have no file).
     */
    public IngestReport put(List<Article> articles, String origin) throws IOException {
        IngestReport report = putHoldingWrites(articles, origin);
        settle(report);
        return report;
    }

    private synchronized IngestReport putHoldingWrites(List<Article> articles, String origin) throws IOException {
        if (!index.writable()) {
            throw new IOException("the index is open read-only; only the process that holds it can write");
        }
        long t0 = System.nanoTime();
        Run run = new Run(Map.of(), index.articles(articles.stream().map(Article::id).toList()));
        for (Article a : articles) {
            run.write(a, origin);
        }
        run.flush();
        commit();
        return run.report(0, (System.nanoTime() - t0) / 1_000_000);
    }

    /** Removes an article and its passages; false when there is none with this id. */
    public synchronized boolean delete(String articleId) throws IOException {
        if (!index.articles(List.of(articleId)).containsKey(articleId)) {
            return false;
        }
        index.deleteArticle(articleId);
        commit();
        return true;
    }

    /** State of one ingest run. */
    private final class Run {
        private final Map<String, String> fileHashes;
        /** Marks the stored hash of a file that had problems, so that it never matches and the file is read again. */
        private static final String WITH_PROBLEMS = "!problems";
        private final Map<String, StoredArticle> known;
        /** Known article ids by the file they came from. */
        private final Map<String, List<String>> idsByOrigin = new HashMap<>();
        /** Article ids written or confirmed in this run, with the file they came from. */
        private final Map<String, String> seenIds = new HashMap<>();
        final List<Problem> problems = new ArrayList<>();
        private int unchangedFiles;
        private int added;
        private int updated;
        private int unchanged;
        private int removed;
        private int passages;
        private int embedded;
        private long embedNanos;
        private long lastCommit = System.nanoTime();
        private long commitWait = FIRST_COMMIT_WAIT.toNanos();
        /** Articles waiting for their passages to be embedded. */
        private final List<Pending> pending = new ArrayList<>();
        private int pendingPassages;

        Run(Map<String, String> fileHashes, Map<String, StoredArticle> known) {
            this.fileHashes = fileHashes;
            this.known = known;
            known.values().forEach(a -> idsByOrigin.computeIfAbsent(a.origin(), o -> new ArrayList<>()).add(a.id()));
        }

        void file(Path base, Path file) throws IOException {
            String origin = file.toString();
            String relative = base.relativize(file).toString().replace('\\', '/');
            byte[] bytes;
            try {
                bytes = Files.size(file) > ArticleFiles.maxBytes(file) ? null : Files.readAllBytes(file);
            } catch (IOException e) {
                keep(origin, relative, e instanceof AccessDeniedException ? "permission denied" : "could not be read: " + e);
                return;
            }
            if (bytes == null) {
                keep(origin, relative, "larger than " + ArticleFiles.megabytes(ArticleFiles.maxBytes(file)) + ", the most a file of its kind may have"
                        + (relative.endsWith(".jsonl") ? " (split it)" : ""));
                return;
            }
            if (ArticleFiles.isBinary(bytes)) {
                keep(origin, relative, "not text (binary content)");
                return;
            }
            String fileHash = Hashes.of(bytes) + PIPELINE;
            if (fileHash.equals(fileHashes.get(origin))) {
                unchangedFiles++;
                idsByOrigin.getOrDefault(origin, List.of()).forEach(id -> seenIds.put(id, origin));
                return;
            }
            int problemsBefore = problems.size();
            ArticleParser.Parsed parsed;
            try {
                parsed = parser.parse(relative, bytes);
            } catch (RuntimeException e) {
                problems.add(new Problem(relative, 0, "could not parse: " + e.getMessage()));
                return;
            }
            problems.addAll(parsed.problems());
            Set<String> inThisFile = new HashSet<>();
            for (Article article : parsed.articles()) {
                if (!inThisFile.add(article.id())) {
                    problems.add(new Problem(relative, 0, "article id \"" + article.id() + "\" appears twice; the first is kept"));
                    continue;
                }
                String other = seenIds.putIfAbsent(article.id(), origin);
                if (other != null && !other.equals(origin)) {
                    problems.add(new Problem(relative, 0, "article id \"" + article.id() + "\" is already used by " + other));
                    continue;
                }
                if (article.text().length() > ArticleFiles.MAX_ARTICLE_CHARS) {
                    problems.add(new Problem(relative, 0, "article \"" + article.id() + "\" is longer than " + ArticleFiles.MAX_ARTICLE_CHARS
                            + " characters; not indexed"));
                    continue;
                }
                if (article.text().isBlank()) {
                    problems.add(new Problem(relative, 0, "no article text left after cleaning: " + article.id()));
                    continue;
                }
                write(article, origin);
            }
            for (String id : idsByOrigin.getOrDefault(origin, List.of())) {
                if (!origin.equals(seenIds.get(id)) && known.remove(id) != null) {
                    index.deleteArticle(id);
                    removed++;
                }
            }
            // a file with problems is parsed again next time (its articles are not written again unless they
            // changed), so its problems stay listed in /health until the file is fixed, across restarts
            index.putFile(origin, problems.size() > problemsBefore ? fileHash + WITH_PROBLEMS : fileHash);
        }

        /** Reports a file that could not be read, and keeps the articles it gave before: nothing is lost. */
        private void keep(String origin, String relative, String reason) {
            problems.add(new Problem(relative, 0, reason));
            idsByOrigin.getOrDefault(origin, List.of()).forEach(id -> seenIds.put(id, origin));
        }

        private void write(Article article, String origin) throws IOException {
            String contentHash = Hashes.of(String.join("\u0000", article.id(), article.title(), article.text(),
                    String.valueOf(article.date()), String.valueOf(article.source()), String.valueOf(article.url()))
                    .getBytes(StandardCharsets.UTF_8)) + PIPELINE;
            StoredArticle old = known.get(article.id());
            if (old != null && old.contentHash().equals(contentHash) && old.origin().equals(origin)) {
                unchanged++;
                return;
            }
            List<Passage> chunks = chunker.chunk(article);
            pending.add(new Pending(article, chunks, origin, contentHash, old != null));
            pendingPassages += chunks.size();
            if (old == null) {
                added++;
            } else {
                updated++;
            }
            if (pendingPassages >= EMBED_BATCH) {
                flush();
            }
        }

        /**
         * Embeds the pending articles' passages in one batch and writes them. A passage whose text the
         * article already had keeps its vector; identical texts are embedded once.
         */
        void flush() throws IOException {
            if (pending.isEmpty()) {
                return;
            }
            Map<String, float[]> vectors = new HashMap<>();
            for (Pending p : pending) {
                if (p.replacesOld()) {
                    vectors.putAll(index.vectorsOf(p.article().id()));
                }
            }
            Map<String, String> toEmbed = new LinkedHashMap<>();
            for (Pending p : pending) {
                for (Passage c : p.chunks()) {
                    String input = embeddingInput(p.article(), c);
                    String h = Hashes.ofText(input);
                    if (!vectors.containsKey(h)) {
                        toEmbed.putIfAbsent(h, input);
                    }
                }
            }
            long t0 = System.nanoTime();
            List<float[]> fresh = embedder.embed(List.copyOf(toEmbed.values()));
            embedNanos += System.nanoTime() - t0;
            int i = 0;
            for (String h : toEmbed.keySet()) {
                vectors.put(h, fresh.get(i++));
            }
            embedded += fresh.size();
            for (Pending p : pending) {
                List<float[]> vs = p.chunks().stream().map(c -> vectors.get(Hashes.ofText(embeddingInput(p.article(), c)))).toList();
                index.put(p.article(), p.chunks(), vs, p.origin(), p.contentHash());
                passages += p.chunks().size();
            }
            progress.passagesDone(pendingPassages);
            pending.clear();
            pendingPassages = 0;
            if (System.nanoTime() - lastCommit > commitWait) {
                commit();
                lastCommit = System.nanoTime();
                commitWait = Math.min(2 * commitWait, LONGEST_COMMIT_WAIT.toNanos());
                log.info("Ingest progress: {}/{} files, {} passages indexed", progress.filesDone(), progress.filesTotal(), passages);
            }
        }

        void removeMissing(Path root) throws IOException {
            String prefix = root.toString().endsWith("/") ? root.toString() : root + "/";
            for (String origin : fileHashes.keySet()) {
                if (origin.startsWith(prefix) && Files.notExists(Path.of(origin))) { // not when it cannot be told
                    for (String id : idsByOrigin.getOrDefault(origin, List.of())) {
                        if (!seenIds.containsKey(id) && known.remove(id) != null) {
                            index.deleteArticle(id);
                            removed++;
                        }
                    }
                    index.deleteFile(origin);
                }
            }
        }

        IngestReport report(int files, long millis) {
            return new IngestReport(files, unchangedFiles, added, updated, unchanged, removed, passages, embedded,
                    embedNanos / 1_000_000, List.copyOf(problems), millis);
        }
    }

    private record Pending(Article article, List<Passage> chunks, String origin, String contentHash, boolean replacesOld) {
    }
}

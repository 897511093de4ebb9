package io.citebot;

import io.citebot.config.Config;
import io.citebot.index.BgeEmbedder;
import io.citebot.index.Embedder;
import io.citebot.index.Ingester;
import io.citebot.index.lucene.ArticleIndex;
import io.citebot.ingest.ArticleParser;
import io.citebot.ingest.Chunker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/** Paths to the repository's seeds and the test fixtures, and copies of them in temp folders. */
public final class TestFiles {

    public static final Path SEEDS = Path.of("seeds");
    public static final Path FIXTURES = Path.of("src/test/resources/fixtures");
    /** Single pages for the extractor's tests, kept out of the retrieval tests' corpus. */
    public static final Path PAGES = Path.of("src/test/resources/pages");
    public static final String SEED_RUSSIA = "000_48c6837d7efeb01b";
    public static final String SEED_PUTIN = "004_a9df3fd6e590312d";

    private static Embedder embedder;

    private TestFiles() {
    }

    /** One real embedding model for the whole test run (loading it takes about a second). */
    public static synchronized Embedder embedder() {
        if (embedder == null) {
            embedder = new BgeEmbedder();
        }
        return embedder;
    }

    /**
     * The seeds and the fixtures written to {@code index} as an ingest writes them (the shared embedder); returns the
     * ingester, for writes a test makes after them.
     */
    public static Ingester indexSeedsAndFixtures(ArticleIndex index) throws IOException {
        Ingester ingester = new Ingester(index, new ArticleParser(), Chunker.defaults(), embedder());
        ingester.ingest(SEEDS);
        ingester.ingest(FIXTURES);
        return ingester;
    }

    /** A bot over the seeds with its data under {@code dataDir}, the seeds indexed (the shared embedder). */
    public static Citebot seedsBot(Path dataDir) throws IOException {
        var config = Config.load(Map.of("CITEBOT_DATA_DIR", dataDir.toString(),
                "CITEBOT_SEEDS_DIR", SEEDS.toString(), "CITEBOT_CONFIG", FIXTURES.resolve("empty.properties").toString()));
        var bot = Citebot.open(config, false, embedder());
        bot.syncSeeds();
        return bot;
    }

    /**
     * A bot over the seeds that asks an OpenAI-compatible model at {@code modelUrl} (a fake on loopback), with
     * further settings (retries, timeouts) from {@code settings}.
     */
    public static Citebot modelBot(Path dataDir, String modelUrl, Map<String, String> settings) throws IOException {
        var env = new HashMap<>(Map.of("CITEBOT_DATA_DIR", dataDir.toString(), "CITEBOT_SEEDS_DIR", SEEDS.toString(),
                "CITEBOT_CONFIG", FIXTURES.resolve("empty.properties").toString(), "CITEBOT_LLM_PROVIDER", "openai",
                "CITEBOT_LLM_BASE_URL", modelUrl, "CITEBOT_LLM_MODEL", "fake-model"));
        env.putAll(settings);
        var bot = Citebot.open(Config.load(env), false, embedder());
        bot.syncSeeds();
        return bot;
    }

    public static byte[] bytes(Path p) {
        try {
            return Files.readAllBytes(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Copies every file of {@code from} (recursively) into {@code to}. */
    public static Path copyTree(Path from, Path to) {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
            return to;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package io.citebot.index;

import io.citebot.index.lucene.EnglishAnalysis;
import io.citebot.index.lucene.ArticleIndex;
import static org.assertj.core.api.Assertions.assertThat;

import io.citebot.TestFiles;
import io.citebot.ingest.ArticleParser;
import io.citebot.ingest.ArticleParser.Problem;
import io.citebot.ingest.Chunker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files that are not articles are reported, one line each, and never stop the rest of an ingest. */
class IngestProblemsTest {

    @TempDir
    Path tmp;

    private Path folder;
    private ArticleIndex index;
    private Ingester ingester;

    @BeforeEach
    void setUp() throws Exception {
        folder = TestFiles.copyTree(TestFiles.SEEDS, tmp.resolve("articles"));
        index = ArticleIndex.open(tmp.resolve("index"), new EnglishAnalysis());
        ingester = new Ingester(index, new ArticleParser(), Chunker.defaults(), TestFiles.embedder());
    }

    @AfterEach
    void tearDown() throws Exception {
        index.close();
    }

    private static String reasonFor(IngestReport report, String file) {
        return report.problems().stream().filter(p -> p.file().equals(file)).map(Problem::reason).findFirst().orElse(null);
    }

    @Test
    void should_report_binary_files_special_files_and_bad_links_and_index_the_rest() throws Exception {
        // given
        byte[] random = new byte[1 << 20];
        new Random(7).nextBytes(random);
        random[100] = 0;
        Files.write(folder.resolve("a-random.txt"), random);
        Files.createSymbolicLink(folder.resolve("b-dangling.md"), folder.resolve("nowhere.md"));
        Files.createDirectories(folder.resolve("sub"));
        Files.createSymbolicLink(folder.resolve("sub/loop"), folder);
        Path fifo = folder.resolve("c-pipe.txt");
        new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor();

        // when
        IngestReport report = ingester.ingest(folder);

        // then
        assertThat(reasonFor(report, "a-random.txt")).contains("not text");
        assertThat(reasonFor(report, "b-dangling.md")).contains("points nowhere");
        assertThat(reasonFor(report, "sub/loop")).contains("loops");
        assertThat(reasonFor(report, "c-pipe.txt")).contains("not a regular file");
        assertThat(index.articles()).containsOnlyKeys(TestFiles.SEED_RUSSIA, TestFiles.SEED_PUTIN);
        // /health shows them until they are fixed
        assertThat(ingester.progress().problems()).anyMatch(p -> p.startsWith("a-random.txt: not text"));
        Files.delete(folder.resolve("a-random.txt"));
        Files.delete(folder.resolve("b-dangling.md"));
        Files.delete(folder.resolve("sub/loop"));
        Files.delete(fifo);
        ingester.ingest(folder);
        assertThat(ingester.progress().problems()).isEmpty();
    }

    @Test
    void should_keep_what_a_file_gave_before_when_it_can_no_longer_be_read() throws Exception {
        // given: the seed was indexed, then replaced by binary content
        ingester.ingest(folder);
        Files.write(folder.resolve(TestFiles.SEED_PUTIN + ".txt"), new byte[] {'a', 0, 'b'});

        // when
        IngestReport report = ingester.ingest(folder);

        // then
        assertThat(reasonFor(report, TestFiles.SEED_PUTIN + ".txt")).contains("not text");
        assertThat(index.articles()).containsKey(TestFiles.SEED_PUTIN);
        assertThat(report.articlesRemoved()).isZero();
    }

    @Test
    void should_refuse_an_article_too_long_to_be_one_and_index_the_others() throws Exception {
        // given: a jsonl whose second line is a 600,000-character "article"
        String big = "word ".repeat(120_000);
        Files.writeString(folder.resolve("dump.jsonl"), "{\"id\": \"ok\", \"title\": \"Fine\", \"text\": \"A short article about the harbour.\"}\n"
                + "{\"id\": \"huge\", \"title\": \"Huge\", \"text\": \"" + big + "\"}\n");

        // when
        IngestReport report = ingester.ingest(folder);

        // then
        assertThat(reasonFor(report, "dump.jsonl")).contains("\"huge\"").contains("longer than");
        assertThat(index.articles()).containsKey("ok").doesNotContainKey("huge");
    }

    @Test
    void should_report_a_duplicate_id_within_one_file_and_keep_the_first() throws Exception {
        Files.writeString(folder.resolve("dump.jsonl"), "{\"id\": \"x\", \"title\": \"First\", \"text\": \"The first article about the harbour.\"}\n"
                + "{\"id\": \"x\", \"title\": \"Second\", \"text\": \"The second article about the ferry.\"}\n");

        IngestReport report = ingester.ingest(folder);

        assertThat(reasonFor(report, "dump.jsonl")).contains("\"x\" appears twice");
        assertThat(index.articles().get("x").title()).isEqualTo("First");
        assertThat(report.articlesAdded()).isEqualTo(3);
    }
}

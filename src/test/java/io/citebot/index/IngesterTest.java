package io.citebot.index;

import io.citebot.TestFiles;
import io.citebot.index.lucene.ArticleIndex;
import io.citebot.index.lucene.EnglishAnalysis;
import io.citebot.ingest.Article;
import io.citebot.ingest.ArticleParser;
import io.citebot.ingest.Chunker;
import io.citebot.ingest.Passage;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.TermQuery;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IngesterTest {

    @TempDir
    Path tmp;

    private Path seeds;
    private ArticleIndex index;
    private Ingester ingester;

    @BeforeEach
    void setUp() throws Exception {
        seeds = TestFiles.copyTree(TestFiles.SEEDS, tmp.resolve("seeds"));
        index = ArticleIndex.open(tmp.resolve("index"), new EnglishAnalysis());
        ingester = new Ingester(index, new ArticleParser(), Chunker.defaults(), TestFiles.embedder());
    }

    @AfterEach
    void tearDown() throws Exception {
        index.close();
    }

    @Test
    void should_index_every_passage_of_the_seeds_with_metadata() throws Exception {
        // when
        IngestReport report = ingester.ingest(seeds);

        // then
        assertThat(report.articlesAdded()).isEqualTo(2);
        assertThat(report.problems()).isEmpty();
        assertThat(index.articleCount()).isEqualTo(2);
        assertThat(index.passageCount()).isEqualTo(report.passagesWritten()).isGreaterThan(8);
        StoredArticle russia = index.articles().get(TestFiles.SEED_RUSSIA);
        assertThat(russia.source()).isEqualTo("Devdiscourse News Desk");
        assertThat(russia.date()).hasToString("2025-04-04");
        assertThat(russia.passages()).isEqualTo(4);
        assertThat(ingester.progress().current()).isTrue();
        assertThat(ingester.progress().passagesDone()).isEqualTo(report.passagesWritten());
    }

    @Test
    void should_report_what_it_skips_and_refuse_oversized_files_from_their_size() throws Exception {
        // given: a 200 MB text file (sparse: the disk holds none of it), an archive, a link looping to the folder
        try (var f = new RandomAccessFile(seeds.resolve("huge.txt").toFile(), "rw")) {
            f.setLength(200L * 1024 * 1024);
        }
        Files.writeString(seeds.resolve("more.zip"), "PK");
        Files.createSymbolicLink(seeds.resolve("loop"), seeds);

        // when
        long heapBefore = usedHeap();
        IngestReport report = ingester.ingest(seeds);

        // then: every skipped entry is named with its reason; the big file was never read into memory
        assertThat(report.problems()).extracting(p -> p.file() + ": " + p.reason()).contains(
                "huge.txt: larger than 2.0 MB, the most a file of its kind may have",
                "more.zip: not an article file (citebot reads .txt, .md, .html and .jsonl files; unpack archives into the folder)",
                "loop: a link that loops back to a folder above it");
        assertThat(usedHeap() - heapBefore).as("heap grown by the ingest").isLessThan(100L * 1024 * 1024);
        assertThat(report.articlesAdded()).isEqualTo(2);
    }

    private static long usedHeap() {
        System.gc();
        return Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();
    }

    @Test
    void should_report_a_files_problems_again_after_a_restart_until_it_is_fixed() throws Exception {
        // given: a dump with a malformed line, ingested once
        Files.writeString(seeds.resolve("dump.jsonl"), "{\"id\": \"d1\", \"title\": \"Tug\", \"text\": \"The tugboat was retired.\"}\n{not json\n");
        assertThat(ingester.ingest(seeds).problems()).extracting(p -> p.file()).contains("dump.jsonl");

        // when: a restart (a new index and ingester on the same folder), files unchanged
        index.close();
        index = ArticleIndex.open(tmp.resolve("index"), new EnglishAnalysis());
        ingester = new Ingester(index, new ArticleParser(), Chunker.defaults(), TestFiles.embedder());
        IngestReport again = ingester.ingest(seeds);

        // then: the problem is still listed, and nothing was written or embedded again
        assertThat(again.problems()).extracting(p -> p.file() + " line " + p.line()).contains("dump.jsonl line 2");
        assertThat(again.passagesEmbedded()).isZero();
        assertThat(again.articlesAdded() + again.articlesUpdated()).isZero();

        // and once fixed, it is gone
        Files.writeString(seeds.resolve("dump.jsonl"), "{\"id\": \"d1\", \"title\": \"Tug\", \"text\": \"The tugboat was retired.\"}\n");
        assertThat(ingester.ingest(seeds).problems()).isEmpty();
    }

    @Test
    void should_do_nothing_when_nothing_changed() throws Exception {
        // given
        ingester.ingest(seeds);

        // when
        IngestReport again = ingester.ingest(seeds);

        // then
        assertThat(again.filesUnchanged()).isEqualTo(2);
        assertThat(again.passagesWritten()).isZero();
        assertThat(again.changed()).isFalse();
        assertThat(index.hasUncommittedChanges()).isFalse();
        assertThat(index.articleCount()).isEqualTo(2);
    }

    @Test
    void should_survive_a_restart_and_skip_unchanged_files() throws Exception {
        // given
        ingester.ingest(seeds);
        int passages = index.passageCount();
        index.close();

        // when
        index = ArticleIndex.open(tmp.resolve("index"), new EnglishAnalysis());
        IngestReport report = new Ingester(index, new ArticleParser(), Chunker.defaults(), TestFiles.embedder()).ingest(seeds);

        // then
        assertThat(report.filesUnchanged()).isEqualTo(2);
        assertThat(index.passageCount()).isEqualTo(passages);
    }

    @Test
    void should_replace_the_passages_of_a_changed_file() throws Exception {
        // given
        ingester.ingest(seeds);
        Path file = seeds.resolve(TestFiles.SEED_PUTIN + ".txt");

        // when
        Files.writeString(file, "Ferry services resume across the strait. The operator said on Monday that all crossings"
                + " would run on the summer timetable again after the storm damage to the northern pier was repaired.\n");
        IngestReport report = ingester.ingest(seeds);

        // then
        assertThat(report.articlesUpdated()).isEqualTo(1);
        assertThat(report.filesUnchanged()).isEqualTo(1);
        assertThat(index.articles().get(TestFiles.SEED_PUTIN).passages()).isEqualTo(1);
        assertThat(index.passageCount()).isEqualTo(4 + 1);
    }

    @Test
    void should_weigh_terms_by_the_passages_the_current_index_holds() throws Exception {
        // given: idf read once (the passage count is kept for that reader)
        ingester.ingest(seeds);
        int before = index.passageCount();
        assertThat(index.idf(List.of("ferri")).get("ferri")).isEqualTo(IndexBackend.bm25Idf(before, 0));

        // when: a file is replaced, the index holds other passages (a new reader, with deletions)
        Files.writeString(seeds.resolve(TestFiles.SEED_PUTIN + ".txt"), "Ferry services resume across the strait. The"
                + " operator said on Monday that all crossings would run on the summer timetable again.\n");
        ingester.ingest(seeds);

        // then: the weight is counted over the new passages, not the old count
        int after = index.passageCount();
        assertThat(after).isNotEqualTo(before);
        assertThat(index.idf(List.of("ferri")).get("ferri")).isEqualTo(IndexBackend.bm25Idf(after, 1));
    }

    @Test
    void should_merge_the_index_into_one_segment_after_a_large_write_only() throws Exception {
        // given: the seeds, then a second commit: two segments
        ingester.ingest(seeds);
        int seeded = index.passageCount();
        String long_ = String.join(" ", java.util.Collections.nCopies(40,
                "The harbour authority said the new pier would open to ferries in the spring after two years of work."));
        ingester.put(List.of(new Article("pier-1", "Harbour opens a new pier", long_, null, null, null)), "api");

        // then: that write was a large share of the passages, so the index was merged into one segment
        assertThat(index.passageCount() - seeded).isGreaterThanOrEqualTo((int) Math.ceil(0.2 * index.passageCount()));
        assertThat(index.segmentCount()).isEqualTo(1);

        // when: a write of a small share (one passage of many)
        ingester.put(List.of(new Article("pier-2", "Pier opening delayed", "The opening of the new pier was delayed by a week.",
                null, null, null)), "api");

        // then: its segment is left to Lucene's usual merges
        assertThat(index.segmentCount()).isEqualTo(2);
    }

    @Test
    void should_embed_only_passages_whose_text_is_new() throws Exception {
        // given
        IngestReport first = ingester.ingest(seeds);
        Path file = seeds.resolve(TestFiles.SEED_RUSSIA + ".txt");
        String text = Files.readString(file);

        // when one paragraph of four changes
        Files.writeString(file, text.replace("The comments highlight Moscow's attempt to maintain balance",
                "The remarks show how Moscow tries to keep its balance"));
        IngestReport second = ingester.ingest(seeds);
        index.close();
        index = ArticleIndex.open(tmp.resolve("index"), new EnglishAnalysis());
        IngestReport afterRestart = new Ingester(index, new ArticleParser(), Chunker.defaults(), TestFiles.embedder()).ingest(seeds);

        // then
        assertThat(first.passagesEmbedded()).isEqualTo(first.passagesWritten());
        assertThat(second.articlesUpdated()).isEqualTo(1);
        assertThat(second.passagesWritten()).isEqualTo(4);
        assertThat(second.passagesEmbedded()).isEqualTo(1);
        assertThat(afterRestart.passagesEmbedded()).isZero();
    }

    @Test
    void should_keep_one_copy_of_each_vector_and_give_it_back_as_embedded() throws Exception {
        // when
        ingester.ingest(seeds);

        // then: each passage's vector comes back from the index's vector values, as the model made it, and the
        // passage's stored fields hold no second copy of it
        Article russia = new ArticleParser().parse(TestFiles.SEED_RUSSIA + ".txt",
                Files.readAllBytes(seeds.resolve(TestFiles.SEED_RUSSIA + ".txt"))).articles().get(0);
        var vectors = index.vectorsOf(TestFiles.SEED_RUSSIA);
        assertThat(vectors).hasSize(4);
        for (Passage p : Chunker.defaults().chunk(russia)) {
            String input = Ingester.embeddingInput(russia, p);
            assertThat(vectors.get(Hashes.ofText(input))).containsExactly(TestFiles.embedder().embed(List.of(input)).get(0));
        }
        List<List<String>> storedBinary = index.search(new TermQuery(new Term(IndexFields.KIND, IndexFields.KIND_PASSAGE)), 100,
                (doc, score) -> doc.getFields().stream().filter(f -> f.binaryValue() != null).map(f -> f.name()).toList());
        assertThat(storedBinary).isNotEmpty().allSatisfy(fields -> assertThat(fields).isEmpty());
    }

    @Test
    void should_remove_the_articles_of_a_deleted_file() throws Exception {
        // given
        ingester.ingest(seeds);

        // when
        Files.delete(seeds.resolve(TestFiles.SEED_PUTIN + ".txt"));
        IngestReport report = ingester.ingest(seeds);

        // then
        assertThat(report.articlesRemoved()).isEqualTo(1);
        assertThat(index.articles()).containsOnlyKeys(TestFiles.SEED_RUSSIA);
        assertThat(index.passageCount()).isEqualTo(4);
    }

    @Test
    void should_remove_articles_a_jsonl_file_no_longer_holds_and_keep_the_rest_untouched() throws Exception {
        // given
        Path dir = Files.createDirectories(tmp.resolve("dump"));
        Path jsonl = Files.copy(TestFiles.FIXTURES.resolve("mixed.jsonl"), dir.resolve("mixed.jsonl"));
        IngestReport first = ingester.ingest(dir);

        // when
        Files.writeString(jsonl, Files.readAllLines(jsonl).getFirst() + "\n");
        IngestReport second = ingester.ingest(dir);

        // then
        assertThat(first.articlesAdded()).isEqualTo(2);
        assertThat(first.problems()).hasSize(3);
        assertThat(second.articlesRemoved()).isEqualTo(1);
        assertThat(second.articlesUnchanged()).isEqualTo(1);
        assertThat(second.passagesWritten()).isZero();
        assertThat(index.articles()).containsOnlyKeys("bridge-1");
    }

    @Test
    void should_ingest_a_single_file_under_its_name() throws Exception {
        // when
        ingester.ingest(TestFiles.FIXTURES.resolve("harbor-news.html"));

        // then
        assertThat(index.articles()).containsOnlyKeys("harbor-news");
    }

    @Test
    void should_refuse_a_second_writer_with_a_clear_message() {
        assertThatThrownBy(() -> ArticleIndex.open(tmp.resolve("index"), new EnglishAnalysis()))
                .isInstanceOf(IndexLockedException.class)
                .hasMessageContaining("in use by another citebot process");
    }

    @Test
    void should_report_a_missing_path() {
        assertThatThrownBy(() -> ingester.ingest(tmp.resolve("nope"))).hasMessageContaining("no such file or folder");
    }
}

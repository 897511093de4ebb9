package io.citebot.index.lucene;

import static org.assertj.core.api.Assertions.assertThat;

import io.citebot.TestFiles;
import io.citebot.index.Filters;
import io.citebot.index.Hit;
import io.citebot.index.Ingester;
import io.citebot.index.PassageSearcher;
import io.citebot.ingest.Article;
import io.citebot.ingest.Passage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.codecs.Codec;
import org.apache.lucene.codecs.compressing.Compressor;
import org.apache.lucene.codecs.compressing.Decompressor;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.SegmentCommitInfo;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.store.ByteArrayDataInput;
import org.apache.lucene.store.ByteBuffersDataOutput;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.BytesRef;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The index's codec: stored fields uncompressed, found by name, and older segments written again in it. */
class CitebotCodecTest {

    @TempDir
    Path tmp;

    /** A passage longer than two of the codec's blocks: Lucene writes such a document in slices of a block each. */
    static final String LONG = "The harbor ferry's logbook runs to many pages. ".repeat(1_500);

    static final List<Article> ARTICLES = List.of(
            OldFormat.HARBOR.get(0), OldFormat.HARBOR.get(1), OldFormat.HARBOR.get(2),
            new Article("log-1", "The ferry logbook", LONG + "\n\nIt ends with the night crossing of 1998.",
                    LocalDate.of(2025, 3, 9), "Coast Times", "https://example.org/log-1"),
            new Article("undated-1", "Museum pier notes", "The museum pier opens at nine.", null, null, null));

    @Test
    void should_write_segments_in_citebots_codec_and_read_every_stored_field_back() throws Exception {
        Path dir = tmp.resolve("index");
        try (ArticleIndex index = ArticleIndex.open(dir, new EnglishAnalysis())) {
            for (Article a : ARTICLES) {
                List<Passage> passages = OldFormat.passages(a);
                index.put(a, passages, TestFiles.embedder().embed(passages.stream().map(p -> Ingester.embeddingInput(a, p)).toList()),
                        "api:" + a.id(), "hash-" + a.id());
            }
            index.commit();

            // every passage's hit carries what was put: text, offsets, headline, date, source and link
            Map<String, Hit> hits = allPassages(index);
            for (Article a : ARTICLES) {
                for (Passage p : OldFormat.passages(a)) {
                    Hit h = hits.get(p.id());
                    assertThat(h).as(p.id()).isNotNull();
                    assertThat(h.passage()).isEqualTo(p);
                    assertThat(h.article().title()).isEqualTo(a.title());
                    assertThat(h.article().date()).isEqualTo(a.date());
                    assertThat(h.article().source()).isEqualTo(a.source());
                    assertThat(h.article().url()).isEqualTo(a.url());
                }
            }
            assertThat(hits.get("log-1#0").passage().text()).isEqualTo(LONG).hasSizeGreaterThan(2 * CitebotCodec.BLOCK_BYTES);
        }
        // the segments name the codec, and Lucene finds it by that name (its service file) to read them
        try (FSDirectory directory = FSDirectory.open(dir)) {
            SegmentInfos infos = SegmentInfos.readLatestCommit(directory);
            assertThat(infos.asList()).isNotEmpty();
            for (SegmentCommitInfo info : infos) {
                assertThat(info.info.getCodec().getName()).isEqualTo(CitebotCodec.NAME);
            }
            assertThat(Codec.forName(CitebotCodec.NAME)).isInstanceOf(CitebotCodec.class);
            try (DirectoryReader reader = DirectoryReader.open(directory)) {
                assertThat(CitebotCodec.olderSegments(reader)).isEmpty();
                assertThat(reader.storedFields().document(0).getFields()).isNotEmpty();
            }
        }
    }

    @Test
    void should_write_segments_of_the_default_codec_again_in_citebots_with_the_same_hits() throws Exception {
        // given: an index as citebot wrote it before (Lucene's default codec, compressed stored fields), in two segments
        Path dir = tmp.resolve("old");
        OldFormat.writeNorms(dir, ARTICLES.subList(0, 3), TestFiles.embedder(), true);
        OldFormat.writeNorms(dir, ARTICLES.subList(3, 5), TestFiles.embedder(), true);
        List<String> queries = List.of("harbor tugboat", "pier rebuilt 2027", "ferry logbook night crossing", "museum pier");
        List<List<Hit>> before = new ArrayList<>();
        try (ArticleIndex old = ArticleIndex.openReadOnly(dir, new EnglishAnalysis())) {
            assertThat(older(old)).hasSize(2);
            for (String q : queries) {
                before.add(bm25Hits(old, q));
            }
        }

        // when: a server opens it
        try (ArticleIndex index = ArticleIndex.open(dir, new EnglishAnalysis())) {
            index.upgradeInBackground();
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (!older(index).isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }

            // then: both segments are written again in citebot's codec, with the same hits, scores and stored fields
            assertThat(older(index)).isEmpty();
            assertThat(index.segmentCount()).isEqualTo(2);
            for (int i = 0; i < queries.size(); i++) {
                assertThat(bm25Hits(index, queries.get(i))).as(queries.get(i)).isNotEmpty().isEqualTo(before.get(i));
            }
        }
        try (ArticleIndex reopened = ArticleIndex.openReadOnly(dir, new EnglishAnalysis())) {
            assertThat(older(reopened)).isEmpty();
        }
    }

    @Test
    void should_read_any_slice_of_a_block_as_it_was_written() throws Exception {
        byte[] block = "docs: one|two|three, each with its own bytes".getBytes(StandardCharsets.UTF_8);
        ByteBuffersDataOutput written = new ByteBuffersDataOutput();
        try (Compressor c = new CitebotCodec.Uncompressed().newCompressor()) {
            ByteBuffersDataOutput source = new ByteBuffersDataOutput();
            source.writeBytes(block);
            c.compress(source.toDataInput(), written);
        }
        assertThat(written.toArrayCopy()).isEqualTo(block);
        Decompressor d = new CitebotCodec.Uncompressed().newDecompressor();
        for (int[] slice : new int[][] {{0, block.length}, {6, 3}, {10, 3}, {block.length, 0}}) {
            BytesRef out = new BytesRef(new byte[1]);
            d.clone().decompress(new ByteArrayDataInput(written.toArrayCopy()), block.length, slice[0], slice[1], out);
            assertThat(out.utf8ToString()).isEqualTo(new String(block, slice[0], slice[1], StandardCharsets.UTF_8));
        }
    }

    private static java.util.Set<String> older(ArticleIndex index) throws Exception {
        return index.withSearcher(s -> CitebotCodec.olderSegments(s.getIndexReader()));
    }

    /** BM25's hits for {@code q}, stored fields and scores, as the searcher loads them. */
    private static List<Hit> bm25Hits(ArticleIndex index, String q) throws Exception {
        return new LuceneBackend(index).read(v -> load(v, v.bm25(q, 10, Filters.NONE)));
    }

    private static Map<String, Hit> allPassages(ArticleIndex index) throws Exception {
        Map<String, Hit> byId = new HashMap<>();
        for (String q : List.of("harbor", "pier", "ferry logbook", "museum", "bridge", "tugboat")) {
            for (Hit h : bm25Hits(index, q)) {
                byId.put(h.passage().id(), h);
            }
        }
        return byId;
    }

    private static List<Hit> load(PassageSearcher view, List<PassageSearcher.Scored> scored) throws java.io.IOException {
        Map<Integer, Double> scores = new HashMap<>();
        scored.forEach(sc -> scores.put(sc.key(), sc.score()));
        return view.load(scored.stream().map(PassageSearcher.Scored::key).toList(), scores, Map.of());
    }
}

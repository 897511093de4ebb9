package io.citebot.index.lucene;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.NoMergePolicy;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.junit.jupiter.api.Test;

class GraphWidthTest {

    @Test
    void should_search_wider_only_where_one_segment_holds_a_large_graph() throws Exception {
        try (var dir = new ByteBuffersDirectory()) {
            try (var writer = new IndexWriter(dir, new IndexWriterConfig().setMergePolicy(NoMergePolicy.INSTANCE))) {
                // given: two segments of 3 and 5 documents
                add(writer, 3);
                writer.commit();
                add(writer, 5);
                writer.commit();
            }
            try (var reader = DirectoryReader.open(dir)) {
                assertThat(reader.leaves()).hasSize(2);
                // then: the largest segment decides, not the total (each segment's graph is searched on its own)
                assertThat(LuceneSearch.graphWidth(100, reader, 6)).isEqualTo(100 * LuceneSearch.GRAPH_OVERSAMPLE);
                assertThat(LuceneSearch.graphWidth(100, reader, 5)).isEqualTo(100 * LuceneSearch.GRAPH_OVERSAMPLE_LARGE);
            }

            // when: merged into one segment of 8, past the bound of 6
            try (var writer = new IndexWriter(dir, new IndexWriterConfig())) {
                writer.forceMerge(1);
            }
            try (var reader = DirectoryReader.open(dir)) {
                assertThat(LuceneSearch.graphWidth(100, reader, 6)).isEqualTo(100 * LuceneSearch.GRAPH_OVERSAMPLE_LARGE);
                // the archive's own bound: small indexes keep the usual width
                assertThat(LuceneSearch.graphWidth(100, reader)).isEqualTo(100 * LuceneSearch.GRAPH_OVERSAMPLE);
            }
        }
    }

    private static void add(IndexWriter writer, int n) throws Exception {
        for (int i = 0; i < n; i++) {
            Document d = new Document();
            d.add(new StringField("id", "d" + i, Field.Store.NO));
            writer.addDocument(d);
        }
    }
}

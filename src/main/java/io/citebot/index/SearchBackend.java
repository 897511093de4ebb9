package io.citebot.index;

import java.io.IOException;
import java.util.Map;

/**
 * An index backend as retrieval sees it: consistent read views of the passages, and the articles' metadata.
 * {@code index.lucene.LuceneBackend} (the embedded Lucene index) is the default.
 */
public interface SearchBackend {

    /**
     * Weight of a headline match relative to a body match in BM25, the same in every backend. A news headline names
     * the story every passage of it belongs to. Measured with headlines also in the passages' embeddings (docs/benchmarks.md,
     * "Retrieval on news"): 1.0 against 0.5 raised news hits@1 from 0.592 to 0.621 and left SQuAD (0.827) and
     * HotpotQA (0.920) as they were; 1.5 gained more on news but lost HotpotQA recall@5.
     */
    float TITLE_BOOST = 1.0f;

    /** Most distinct question terms searched: Lucene's (and Solr's) clause limit is 1024; two clauses a term leave room. */
    int MAX_QUERY_TERMS = 256;

    /** Work done on one read view. */
    @FunctionalInterface
    interface Work<T> {
        T run(PassageSearcher searcher) throws IOException;
    }

    /** Runs {@code work} on a view of the index as of now. */
    <T> T read(Work<T> work) throws IOException;

    /** Every indexed article's metadata, by id. */
    Map<String, StoredArticle> articles() throws IOException;
}

package io.citebot.retrieval;

import io.citebot.index.StoredArticle;
import java.io.IOException;
import java.util.Map;

/**
 * An index backend as retrieval sees it: consistent read views of the passages, and the articles' metadata.
 * {@link LuceneBackend} (the embedded Lucene index) is the default.
 */
public interface SearchBackend {

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

package io.citebot;

import io.citebot.config.Config;
import io.citebot.config.RetrievalMode;
import io.citebot.index.Embedder;
import io.citebot.index.IndexBackend;
import io.citebot.index.IndexLockedException;
import io.citebot.index.SearchBackend;
import io.citebot.index.lucene.ArticleIndex;
import io.citebot.index.lucene.EnglishAnalysis;
import io.citebot.index.lucene.LuceneBackend;
import io.citebot.index.solr.SolrIndex;
import io.citebot.retrieval.Bm25Retriever;
import io.citebot.retrieval.DenseRetriever;
import io.citebot.retrieval.HybridRetriever;
import io.citebot.retrieval.Retriever;
import java.io.IOException;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The index part of the wiring: which backend the configuration names, opened how, and the retrievers over it. */
final class Indexes {

    private static final Logger log = LoggerFactory.getLogger(Indexes.class);

    private Indexes() {
    }

    /**
     * The configured backend, open for writing. With {@code readOnlyIfLocked}, a second process (an {@code ask}
     * while {@code serve} runs) falls back to reading the embedded index as it is.
     */
    static IndexBackend open(Config config, boolean readOnlyIfLocked) throws IOException {
        EnglishAnalysis analysis = new EnglishAnalysis();
        if (config.index().solr()) {
            return SolrIndex.open(config.index(), analysis);
        }
        try {
            return ArticleIndex.open(config.indexDir(), analysis);
        } catch (IndexLockedException e) {
            if (!readOnlyIfLocked) {
                throw e;
            }
            log.warn("{}; answering from it read-only, without ingesting changes", e.getMessage());
            return ArticleIndex.openReadOnly(config.indexDir(), analysis);
        }
    }

    /** The backend as retrieval reads it. */
    static SearchBackend search(IndexBackend index) {
        return index instanceof ArticleIndex lucene ? new LuceneBackend(lucene) : (SearchBackend) index;
    }

    /** One retriever per mode over the same backend. */
    static Map<RetrievalMode, Retriever> retrievers(SearchBackend backend, Embedder embedder, Config config) {
        return Map.of(RetrievalMode.BM25, new Bm25Retriever(backend), RetrievalMode.DENSE, new DenseRetriever(backend, embedder),
                RetrievalMode.HYBRID, new HybridRetriever(backend, embedder, config.bm25Weight(), config.fusion()));
    }
}

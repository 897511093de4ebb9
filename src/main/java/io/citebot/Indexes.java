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
            ArticleIndex index = ArticleIndex.open(config.indexDir(), analysis);
            try {
                if (!index.sketched()) {
                    addSketches(index);
                }
            } catch (IOException | RuntimeException e) {
                index.close();
                throw e;
            }
            return index;
        } catch (IndexLockedException e) {
            if (!readOnlyIfLocked) {
                throw e;
            }
            log.warn("{}; answering from it read-only, without ingesting changes", e.getMessage());
            return ArticleIndex.openReadOnly(config.indexDir(), analysis);
        }
    }

    /**
     * An index written before copy sketches existed gets them once, before anything else writes to it: every article
     * written again from its stored passages and vectors (nothing embedded: about 1,500 passages a second here).
     */
    private static void addSketches(ArticleIndex index) throws IOException {
        int passages = index.passageCount();
        log.info("Adding copy sketches to the {} passages of an index written by an older citebot (once) ...", passages);
        long t0 = System.nanoTime();
        IndexCopy.Result r = IndexCopy.addSketches(index, done -> {
        });
        log.info("Added copy sketches to {} articles ({} passages) in {} s", r.articles(), r.passages(),
                String.format("%.1f", (System.nanoTime() - t0) / 1e9));
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

package io.citebot.retrieval;

import io.citebot.config.RetrievalMode;
import io.citebot.index.Hit;
import io.citebot.index.SearchRequest;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

/** Sends each request to the retriever of its mode, or of the configured default mode. */
public final class ModeRetriever implements Retriever {

    private final Map<RetrievalMode, Retriever> retrievers;
    private final RetrievalMode defaultMode;

    public ModeRetriever(Map<RetrievalMode, Retriever> retrievers, RetrievalMode defaultMode) {
        if (!retrievers.keySet().containsAll(EnumSet.allOf(RetrievalMode.class))) {
            throw new IllegalArgumentException("a retriever for every mode is needed");
        }
        this.retrievers = Map.copyOf(retrievers);
        this.defaultMode = defaultMode;
    }

    @Override
    public List<Hit> retrieve(SearchRequest request) {
        return retrievers.get(request.mode() != null ? request.mode() : defaultMode).retrieve(request);
    }
}

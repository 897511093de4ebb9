package io.citebot.retrieval;

import io.citebot.index.SearchRequest;
import io.citebot.index.Hit;
import java.util.List;

/** Finds the passages most likely to answer a question. */
public interface Retriever {

    /** The best passages for the request, best first; empty when nothing matches. */
    List<Hit> retrieve(SearchRequest request);
}

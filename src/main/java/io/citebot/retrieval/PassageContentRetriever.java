package io.citebot.retrieval;

import io.citebot.index.SearchRequest;
import dev.langchain4j.rag.content.Content;
import dev.langchain4j.rag.content.ContentMetadata;
import dev.langchain4j.rag.content.retriever.ContentRetriever;
import dev.langchain4j.rag.query.Query;
import java.util.List;
import java.util.Map;

/** The project's retriever as a LangChain4j {@link ContentRetriever}, for the LLM answer chain. */
public final class PassageContentRetriever implements ContentRetriever {

    private final Retriever retriever;
    private final int k;

    public PassageContentRetriever(Retriever retriever, int k) {
        this.retriever = retriever;
        this.k = k;
    }

    @Override
    public List<Content> retrieve(Query query) {
        return retriever.retrieve(new SearchRequest(query.text(), k)).stream()
                .map(hit -> Content.from(hit.toTextSegment(), Map.of(ContentMetadata.SCORE, hit.score())))
                .toList();
    }
}

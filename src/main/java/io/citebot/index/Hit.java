package io.citebot.index;

import dev.langchain4j.data.document.Metadata;
import dev.langchain4j.data.segment.TextSegment;
import io.citebot.ingest.Passage;
import java.util.Objects;

/**
 * A retrieved passage, its article and its retrieval score (higher is better; comparable within one result list).
 *
 * @param similarity cosine similarity of the question and the passage embeddings, or NaN when the retriever did
 *                   not compute it (BM25 mode)
 */
public record Hit(Passage passage, ArticleRef article, double score, double similarity) {

    public Hit {
        Objects.requireNonNull(passage, "passage");
        Objects.requireNonNull(article, "article");
    }

    public Hit(Passage passage, ArticleRef article, double score) {
        this(passage, article, score, Double.NaN);
    }

    /** This hit with another score. */
    public Hit withScore(double newScore) {
        return new Hit(passage, article, newScore, similarity);
    }

    /** The passage as a LangChain4j segment, its provenance in the metadata. */
    public TextSegment toTextSegment() {
        Metadata m = new Metadata()
                .put("passageId", passage.id())
                .put("articleId", article.id())
                .put("title", article.title())
                .put("score", score);
        if (article.date() != null) {
            m.put("date", article.date().toString());
        }
        if (article.source() != null) {
            m.put("source", article.source());
        }
        if (article.url() != null) {
            m.put("url", article.url());
        }
        return TextSegment.from(passage.text(), m);
    }
}

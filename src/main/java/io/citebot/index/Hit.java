package io.citebot.index;

import dev.langchain4j.data.document.Metadata;
import dev.langchain4j.data.segment.TextSegment;
import io.citebot.ingest.Passage;
import java.util.List;
import java.util.Objects;

/**
 * A retrieved passage, its article and its retrieval score (higher is better; comparable within one result list).
 *
 * @param similarity  cosine similarity of the question and the passage embeddings, or NaN when the retriever did
 *                    not compute it (BM25 mode)
 * @param olderCopies the ids of the older passages of other outlets this one copies, as linked when it was written
 *                    (read with the passage, so that a question's copies need not look them up again), or null when
 *                    the backend did not read them
 */
public record Hit(Passage passage, ArticleRef article, double score, double similarity, List<String> olderCopies) {

    public Hit {
        Objects.requireNonNull(passage, "passage");
        Objects.requireNonNull(article, "article");
        olderCopies = olderCopies == null ? null : List.copyOf(olderCopies);
    }

    /** A hit whose older copies were not read. */
    public Hit(Passage passage, ArticleRef article, double score, double similarity) {
        this(passage, article, score, similarity, null);
    }

    public Hit(Passage passage, ArticleRef article, double score) {
        this(passage, article, score, Double.NaN);
    }

    /** This hit with another score. */
    public Hit withScore(double newScore) {
        return new Hit(passage, article, newScore, similarity, olderCopies);
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

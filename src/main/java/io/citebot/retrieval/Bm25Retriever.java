package io.citebot.retrieval;

import io.citebot.index.ArticleIndex;
import io.citebot.ingest.Passage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.TermQuery;

/**
 * BM25 (Lucene's defaults, k1 = 1.2, b = 0.75) over passage text, with the headline as a second, weaker field.
 * The question is analyzed into terms and searched as a plain disjunction, so no character a user types can
 * be mistaken for query syntax.
 */
public final class Bm25Retriever implements Retriever {

    /** Weight of a headline match relative to a body match. */
    static final float TITLE_BOOST = 0.5f;
    /** Lucene's clause limit is 1024; two clauses a term leaves room. */
    private static final int MAX_TERMS = 256;

    private final ArticleIndex index;

    public Bm25Retriever(ArticleIndex index) {
        this.index = index;
    }

    @Override
    public List<Hit> retrieve(SearchRequest request) {
        Set<String> terms = new LinkedHashSet<>(index.analysis().queryTerms(request.text()));
        if (terms.isEmpty()) {
            return List.of();
        }
        BooleanQuery.Builder text = new BooleanQuery.Builder();
        terms.stream().limit(MAX_TERMS).forEach(t -> {
            text.add(new TermQuery(new Term(ArticleIndex.TEXT, t)), BooleanClause.Occur.SHOULD);
            text.add(new BoostQuery(new TermQuery(new Term(ArticleIndex.TITLE, t)), TITLE_BOOST), BooleanClause.Occur.SHOULD);
        });
        BooleanQuery query = new BooleanQuery.Builder()
                .add(text.build(), BooleanClause.Occur.MUST)
                .add(new TermQuery(new Term(ArticleIndex.KIND, ArticleIndex.KIND_PASSAGE)), BooleanClause.Occur.FILTER)
                .build();
        try {
            return index.search(query, request.k(), Bm25Retriever::toHit);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Hit toHit(Document doc, float score) {
        String articleId = doc.get(ArticleIndex.ARTICLE_ID);
        String date = doc.get(ArticleIndex.DATE);
        Passage passage = new Passage(doc.get(ArticleIndex.PASSAGE_ID), articleId,
                doc.getField(ArticleIndex.ORDINAL).numericValue().intValue(), doc.get(ArticleIndex.TEXT),
                doc.getField(ArticleIndex.START).numericValue().intValue(), doc.getField(ArticleIndex.END).numericValue().intValue());
        ArticleRef article = new ArticleRef(articleId, doc.get(ArticleIndex.TITLE),
                date == null ? null : LocalDate.parse(date), doc.get(ArticleIndex.SOURCE), doc.get(ArticleIndex.URL));
        return new Hit(passage, article, score);
    }
}

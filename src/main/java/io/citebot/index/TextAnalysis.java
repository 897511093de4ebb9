package io.citebot.index;

import java.util.List;

/**
 * How text becomes search terms, the same for indexing, querying and matching answer sentences to a question:
 * a question term matches a sentence term exactly when BM25 would match it. Backends index with the same
 * analysis ({@code index.lucene.EnglishAnalysis}: Lucene's English chain, also mirrored by the Solr schema).
 */
public interface TextAnalysis {

    /** The analyzed terms of document text, in order, with repeats. */
    List<String> terms(String text);

    /** The analyzed terms of a question: like {@link #terms} but without question words. */
    List<String> queryTerms(String text);

    /** The analyzed terms of document text with their offsets, in order (stopwords leave no token). */
    List<Token> tokens(String text);

    /** An analyzed term and where its word is in the text. */
    record Token(String term, int start, int end) {
    }
}

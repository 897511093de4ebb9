package io.citebot.index.lucene;

import io.citebot.index.IndexFields;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import io.citebot.index.IndexFields;
import io.citebot.index.TextAnalysis;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;

/**
 * {@link TextAnalysis} with Lucene's English analysis, one chain for indexing and querying: Lucene's English analysis (standard tokenizer,
 * possessives, lower case, stopwords, Porter stemming). Questions go through the same chain with more stopwords:
 * the words that make a sentence a question ("what", "did", "according to") say nothing about the topic and
 * would otherwise count as unmatched rare terms. Stems are the same either way, so a question term matches an
 * indexed term exactly when BM25 would match it.
 */
public final class EnglishAnalysis implements TextAnalysis {

    /** Question and reporting words, on top of Lucene's English stopwords. */
    static final CharArraySet QUESTION_STOPWORDS = buildQuestionStopwords();

    private final Analyzer indexAnalyzer = new EnglishAnalyzer();
    private final Analyzer queryAnalyzer = englishWith(QUESTION_STOPWORDS);

    /** The analyzer the index is written with. */
    public Analyzer analyzer() {
        return indexAnalyzer;
    }

    @Override
    public List<String> terms(String text) {
        return analyze(indexAnalyzer, text);
    }

    @Override
    public List<String> queryTerms(String text) {
        return analyze(queryAnalyzer, text);
    }

    @Override
    public List<Token> tokens(String text) {
        List<Token> tokens = new ArrayList<>();
        try (TokenStream ts = indexAnalyzer.tokenStream(IndexFields.TEXT, text)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            OffsetAttribute offset = ts.addAttribute(OffsetAttribute.class);
            ts.reset();
            while (ts.incrementToken()) {
                tokens.add(new Token(term.toString(), offset.startOffset(), offset.endOffset()));
            }
            ts.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return tokens;
    }

    private static List<String> analyze(Analyzer analyzer, String text) {
        List<String> terms = new ArrayList<>();
        try (TokenStream ts = analyzer.tokenStream(IndexFields.TEXT, text)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            ts.reset();
            while (ts.incrementToken()) {
                terms.add(term.toString());
            }
            ts.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return terms;
    }

    private static Analyzer englishWith(CharArraySet stopwords) {
        return new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String fieldName) {
                StandardTokenizer source = new StandardTokenizer();
                TokenStream result = new EnglishPossessiveFilter(source);
                result = new LowerCaseFilter(result);
                result = new StopFilter(result, stopwords);
                result = new PorterStemFilter(result);
                return new TokenStreamComponents(source, result);
            }
        };
    }

    private static CharArraySet buildQuestionStopwords() {
        CharArraySet set = new CharArraySet(EnglishAnalyzer.ENGLISH_STOP_WORDS_SET, true);
        for (String w : ("what which who whom whose when where why how whats whos "
                + "do does did done doing has have had having can could would should shall may might must "
                + "was were been being am i me my we our you your he him his she her its them "
                + "say says said tell tells told mention mentioned describe described explain explained "
                + "according about from than also any some many much more most other one ones "
                + "s kind type name named called article articles news report reported").split(" ")) {
            set.add(w);
        }
        return CharArraySet.unmodifiableSet(set);
    }
}

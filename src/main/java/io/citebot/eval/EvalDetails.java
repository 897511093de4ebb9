package io.citebot.eval;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.citebot.answer.Citation;
import io.citebot.index.Hit;
import io.citebot.index.TextAnalysis;
import io.citebot.ingest.Sentences;
import io.citebot.json.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * {@code eval --details FILE}: one JSON line per question, so a reader can see which questions were missed, refused
 * or answered wrongly and why: the answer, its evidence strength, the question's terms with their idf, and for each
 * passage the answer was composed from, its scores and which of the question's terms it (with its headline) holds.
 */
public final class EvalDetails {

    private static final ObjectMapper JSON = Json.mapper();

    /** Passages described per question: the ones an answer is composed from. */
    private final int passages;
    private final TextAnalysis analysis;
    private final Function<Collection<String>, Map<String, Double>> idf;

    public EvalDetails(int passages, TextAnalysis analysis, Function<Collection<String>, Map<String, Double>> idf) {
        this.passages = passages;
        this.analysis = analysis;
        this.idf = idf;
    }

    /** One JSON line per outcome of a set, each ending in a newline. */
    public String lines(String set, List<Evaluator.Outcome> outcomes) throws IOException {
        StringBuilder out = new StringBuilder();
        for (Evaluator.Outcome o : outcomes) {
            out.append(JSON.writeValueAsString(line(set, o))).append('\n');
        }
        return out.toString();
    }

    Map<String, Object> line(String set, Evaluator.Outcome o) {
        EvalQuery q = o.query();
        Set<String> qTerms = new LinkedHashSet<>(analysis.queryTerms(q.question()));
        Map<String, Double> weights = qTerms.isEmpty() ? Map.of() : idf.apply(qTerms);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("set", set);
        m.put("id", q.id());
        m.put("question", q.question());
        m.put("answers", q.answers());
        m.put("shortAnswer", o.answer().shortAnswer() == null ? null : o.answer().shortAnswer().text());
        m.put("gold", q.evidenceDocIds());
        m.put("ranked", o.rankedArticles().subList(0, Math.min(10, o.rankedArticles().size())));
        m.put("refused", o.answer().refused());
        m.put("confidence", o.answer().confidence());
        m.put("contained", !o.answer().refused() && Metrics.containsAnswer(o.answer().text(), q.answers()));
        m.put("text", o.answer().text());
        m.put("cited", o.answer().citations().stream().map(Citation::articleId).toList());
        m.put("millis", o.millis());
        m.put("embeddingMillis", o.embeddingMillis());
        m.put("terms", weights);
        List<Map<String, Object>> hits = new ArrayList<>();
        for (Hit h : o.hits().subList(0, Math.min(passages, o.hits().size()))) {
            Set<String> terms = new HashSet<>(analysis.terms(h.passage().text()));
            terms.addAll(analysis.terms(h.article().title()));
            Map<String, Object> hm = new LinkedHashMap<>();
            hm.put("article", h.article().id());
            hm.put("title", h.article().title());
            hm.put("score", h.score());
            hm.put("similarity", Double.isNaN(h.similarity()) ? null : h.similarity());
            hm.put("covered", qTerms.stream().filter(terms::contains).toList());
            List<Set<String>> sentences = Sentences.split(h.passage().text()).stream()
                    .map(sp -> (Set<String>) new HashSet<>(analysis.terms(sp.text()))).toList();
            List<List<String>> perSentence = new ArrayList<>();
            for (Set<String> st : sentences) {
                perSentence.add(qTerms.stream().filter(st::contains).toList());
            }
            hm.put("sentences", perSentence);
            hm.put("titleCovered", qTerms.stream().filter(new HashSet<>(analysis.terms(h.article().title()))::contains).toList());
            hm.put("text", h.passage().text());
            hits.add(hm);
        }
        m.put("hits", hits);
        return m;
    }
}

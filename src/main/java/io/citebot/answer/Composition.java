package io.citebot.answer;

import io.citebot.ingest.Sentences;
import io.citebot.index.Hit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A sentence of a retrieved passage that may join an answer, with its score. */
record Candidate(Hit hit, int rank, Sentences.Span sentence, Set<String> terms, double score) {
}

/** Puts chosen sentences in order and numbers their citations. Pure functions. */
final class Composition {

    private Composition() {
    }

    /**
     * The best sentence first (it says most of what was asked), then the others grouped by article (articles in
     * order of their best sentence), in reading order within one.
     *
     * @param picked best first
     */
    static List<Candidate> inReadingOrder(List<Candidate> picked) {
        Map<String, List<Candidate>> byArticle = new LinkedHashMap<>();
        for (Candidate c : picked) {
            byArticle.computeIfAbsent(c.hit().article().id(), k -> new ArrayList<>()).add(c);
        }
        List<Candidate> out = new ArrayList<>();
        if (!picked.isEmpty()) {
            out.add(picked.getFirst());
        }
        for (List<Candidate> group : byArticle.values()) {
            group.sort(Comparator.comparingInt((Candidate c) -> c.hit().passage().start()).thenComparingInt(c -> c.sentence().start()));
            group.stream().filter(c -> !out.contains(c)).forEach(out::add);
        }
        return out;
    }

    /** The answer text with a marker after each sentence; a passage cited twice keeps its first number. */
    static Answer compose(List<Candidate> ordered, double confidence) {
        Map<String, Integer> numbers = new LinkedHashMap<>();
        List<Citation> citations = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        for (Candidate c : ordered) {
            Integer n = numbers.get(c.hit().passage().id());
            if (n == null) {
                n = numbers.size() + 1;
                numbers.put(c.hit().passage().id(), n);
                citations.add(Citation.of(n, c.hit()));
            }
            if (!text.isEmpty()) {
                text.append(' ');
            }
            text.append(withMarker(c.sentence().text(), n));
        }
        return new Answer(text.toString(), false, citations, confidence);
    }

    /** "... the United States [1]." — the marker goes before a final full stop, after a closing quote. */
    static String withMarker(String sentence, int n) {
        String s = sentence.replaceAll("\\[\\d+]", "").replaceAll("\\s{2,}", " ").strip();
        String marker = " [" + n + "]";
        if (!s.isEmpty() && ".!?".indexOf(s.charAt(s.length() - 1)) >= 0) {
            return s.substring(0, s.length() - 1) + marker + s.charAt(s.length() - 1);
        }
        return s + marker;
    }
}
